import { nowMs } from '#shared/clock';
import { defineEntity } from '#shared/db/entity';
import { partnerPartition } from '#shared/db/partition';
import type { CheckIn } from '#functions/collaboration/domain/check-in';
import { nextReviewBy, type Disclosure } from '#functions/collaboration/domain/disclosure';
import type { Dispute, DisputeMessage } from '#functions/collaboration/domain/dispute';
import type { Feedback } from '#functions/collaboration/domain/feedback';
import { earliestOpenDue, type Objective } from '#functions/collaboration/domain/objective';

// The collaboration context's stored objects: each declares its keys, indexes and type (shared/db/entity.ts).
// Every one lives in its partner's partition; the sparse GSI2 lists are what the reminders job reads.

/** A disclosure as stored: `stale` is worked out on read, from the review dates and the day. */
export type StoredDisclosure = Omit<Disclosure, 'stale'>;

/** Version numbers are zero-padded so that versions sort by number. */
const padded = (n: number): string => String(n).padStart(6, '0');

/**
 * A sort-key part computed from a list field. The data-layout table calls key functions with `<field>`
 * placeholders for every field, lists included: there the part names itself.
 */
const fromList = (list: unknown, compute: () => string | undefined, name: string): string | undefined =>
  Array.isArray(list) ? compute() : `<${name}>`;

export const DisclosureEntity = defineEntity<StoredDisclosure>()({
  type: 'Disclosure',
  describe: "a side's self-disclosure (head, versioned)",
  key: (d: { partnerId: string; side: string }) => ({ PK: partnerPartition(d.partnerId), SK: `DISC#${d.side}` }),
  indexes: {
    review: {
      index: 'GSI2',
      purpose: 'the stale-item reminder, by earliest review date',
      when: { test: (d) => nextReviewBy(d) !== undefined, says: 'while an item has a review date' },
      pk: () => 'DISCLOSURES#review',
      sk: (d) => `${fromList(d.needs, () => nextReviewBy(d), 'earliest reviewBy')}#${d.partnerId}#${d.side}`,
    },
  },
});

export const DisclosureVersionEntity = defineEntity<StoredDisclosure>()({
  type: 'DisclosureVersion',
  describe: 'an immutable disclosure version (n zero-padded)',
  key: (d: { partnerId: string; side: string; version: number }) => ({
    PK: partnerPartition(d.partnerId),
    SK: `DISCV#${d.side}#${padded(d.version)}`,
  }),
});

/** Every version of a side's disclosure, for a Query on its partner's partition. */
export const disclosureVersionsOf = (partnerId: string, side: string) => ({
  PK: partnerPartition(partnerId),
  skPrefix: `DISCV#${side}#`,
});

/** An objective is open for reminders while it is active and a milestone is not done. */
const openDue = (o: Pick<Objective, 'status' | 'milestones'>): string | undefined =>
  o.status === 'active' ? earliestOpenDue(o.milestones) : undefined;

export const ObjectiveEntity = defineEntity<Objective>()({
  type: 'Objective',
  describe: 'joint objective with its milestones (embedded)',
  key: (o: { partnerId: string; id: string }) => ({ PK: partnerPartition(o.partnerId), SK: `OBJ#${o.id}` }),
  indexes: {
    openMilestones: {
      index: 'GSI2',
      purpose: 'the overdue-milestone reminder, by earliest open due date',
      when: { test: (o) => openDue(o) !== undefined, says: 'while active with a milestone not done' },
      pk: () => 'MILESTONES#open',
      sk: (o) => `${fromList(o.milestones, () => openDue(o), 'earliest open due')}#${o.partnerId}#${o.id}`,
    },
  },
});

export const objectivesOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'OBJ#' });

/**
 * A check-in is upcoming until the reminders job has seen it start. A recurring one records that by naming its
 * next occurrence; a single one has nothing to record, so its start time decides (at the time of the write).
 */
const upcoming = (c: Pick<CheckIn, 'cadence' | 'nextOccurrenceId' | 'startsAt'>): boolean =>
  c.cadence ? c.nextOccurrenceId === undefined : Date.parse(c.startsAt) > nowMs();

export const CheckInEntity = defineEntity<CheckIn>()({
  type: 'CheckIn',
  describe: 'check-in / KPI review / workshop / planning (one item per occurrence)',
  key: (c: { partnerId: string; id: string }) => ({ PK: partnerPartition(c.partnerId), SK: `CHK#${c.id}` }),
  indexes: {
    upcoming: {
      index: 'GSI2',
      purpose: 'the 24-hour notice and the next occurrence, by start',
      when: { test: upcoming, says: 'until it starts (a recurring one: until its next occurrence exists)' },
      pk: () => 'CHECKINS#upcoming',
      sk: (c) => `${c.startsAt}#${c.partnerId}#${c.id}`,
    },
  },
});

export const checkInsOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'CHK#' });

export const DisputeEntity = defineEntity<Dispute>()({
  type: 'Dispute',
  describe: 'dispute (status, who owes an answer, current proposal)',
  key: (d: { partnerId: string; id: string }) => ({ PK: partnerPartition(d.partnerId), SK: `DSP#${d.id}` }),
  indexes: {
    awaiting: {
      index: 'GSI2',
      purpose: 'the response-SLA escalation, by when the answer is due',
      when: {
        test: (d) => d.awaitingSide !== undefined && d.responseDueAt !== undefined && d.escalatedAt === undefined,
        says: 'while an answer is owed and not escalated',
      },
      pk: () => 'DISPUTES#awaiting',
      sk: (d) => `${d.responseDueAt}#${d.partnerId}#${d.id}`,
    },
  },
});

export const disputesOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'DSP#' });

/** An entry of a dispute's exchange. The partner is in the key only: the stored entry is the message alone. */
export const DisputeMessageEntity = defineEntity<DisputeMessage>()({
  type: 'DisputeMessage',
  describe: "the dispute's exchange: message, proposal, acceptance, escalation (immutable)",
  key: (m: { partnerId: string; disputeId: string; id: string }) => ({
    PK: partnerPartition(m.partnerId),
    SK: `DSPM#${m.disputeId}#${m.id}`,
  }),
});

export const disputeMessagesOf = (partnerId: string, disputeId: string) => ({
  PK: partnerPartition(partnerId),
  skPrefix: `DSPM#${disputeId}#`,
});

export const FeedbackEntity = defineEntity<Feedback>()({
  type: 'Feedback',
  describe: "field feedback with the vendor's status and response",
  key: (f: { partnerId: string; id: string }) => ({ PK: partnerPartition(f.partnerId), SK: `FB#${f.id}` }),
  indexes: {
    all: {
      index: 'GSI1',
      purpose: "the vendor's triage list across partners, newest first",
      pk: () => 'FEEDBACK',
      sk: (f: { id: string }) => f.id,
    },
    byStatus: {
      index: 'GSI2',
      purpose: 'the triage queue of one status, newest first',
      pk: (f: { status: string }) => `FEEDBACK#${f.status}`,
      sk: (f: { id: string }) => f.id,
    },
  },
});

export const feedbackOf = (partnerId: string) => ({ PK: partnerPartition(partnerId), skPrefix: 'FB#' });

/** Where a feedback item lives: the vendor's `/v1/feedback/{id}` routes name only its id. */
export const FeedbackLocatorEntity = defineEntity<{ partnerId: string }>()({
  type: 'FeedbackLocator',
  describe: 'locator: the partner a feedback item belongs to (`/v1/feedback/{id}` routes)',
  key: (l: { feedbackId: string }) => ({ PK: `FEEDBACK#${l.feedbackId}`, SK: 'FEEDBACK' }),
});

export const collaborationEntities = [
  DisclosureEntity,
  DisclosureVersionEntity,
  ObjectiveEntity,
  CheckInEntity,
  DisputeEntity,
  DisputeMessageEntity,
  FeedbackEntity,
  FeedbackLocatorEntity,
];
