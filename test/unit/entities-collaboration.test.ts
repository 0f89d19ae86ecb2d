import { clockControl } from '#shared/clock';
import type { Write } from '#shared/db/commit';
import { layoutRow } from '#shared/db/entity';
import type { CheckIn } from '#functions/collaboration/domain/check-in';
import type { Dispute, DisputeMessage } from '#functions/collaboration/domain/dispute';
import type { Feedback } from '#functions/collaboration/domain/feedback';
import type { Objective } from '#functions/collaboration/domain/objective';
import {
  CheckInEntity,
  checkInsOf,
  collaborationEntities,
  DisclosureEntity,
  DisclosureVersionEntity,
  disclosureVersionsOf,
  DisputeEntity,
  DisputeMessageEntity,
  disputeMessagesOf,
  disputesOf,
  FeedbackEntity,
  FeedbackLocatorEntity,
  feedbackOf,
  ObjectiveEntity,
  objectivesOf,
  type StoredDisclosure,
} from '#functions/collaboration/entities';

// unit ("offline"): the collaboration context's key layout. Each entity's stored item carries the keys and index
// keys the table has always held, and a sparse index's attributes go when its condition stops holding.

const meta = {
  version: 1,
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  createdBy: 'u1',
};
const partnerId = 'P1';

function updateOf(write: Write): Extract<Write, { kind: 'update' }> {
  if (write.kind !== 'update') throw new Error(`expected an update, got ${write.kind}`);
  return write;
}

describe('disclosures', () => {
  const disclosure: StoredDisclosure = {
    partnerId,
    side: 'partner',
    needs: [{ text: 'Demo units', confidence: 'high', reviewBy: '2027-03-31' }],
    concerns: [],
    constraints: [{ text: 'Two installers', confidence: 'medium', reviewBy: '2027-03-01', kind: 'staffing' }],
    metricsThatMatter: [],
    updatedBy: 'u1',
    ...meta,
  };

  it('keys the head by side and lists it for review by its earliest review date', () => {
    expect(DisclosureEntity.item(disclosure)).toMatchObject({
      PK: 'P#P1',
      SK: 'DISC#partner',
      GSI2PK: 'DISCLOSURES#review',
      GSI2SK: '2027-03-01#P1#partner',
      type: 'Disclosure',
    });
  });

  it('leaves the review index when no item has a review date any more', () => {
    const write = updateOf(
      DisclosureEntity.update(disclosure, { needs: [], constraints: [], summary: 'x' }, { expectedVersion: 1 }),
    );
    expect(write.key).toEqual({ PK: 'P#P1', SK: 'DISC#partner' });
    expect(write.set).not.toHaveProperty('GSI2PK');
    expect(write.remove).toEqual(['GSI2PK', 'GSI2SK']);
    expect(write.expectedVersion).toBe(1);
  });

  it('keys an immutable version by side and zero-padded number, outside every index', () => {
    const item = DisclosureVersionEntity.item({ ...disclosure, version: 12 });
    expect(item).toMatchObject({ PK: 'P#P1', SK: 'DISCV#partner#000012', type: 'DisclosureVersion' });
    expect(item).not.toHaveProperty('GSI2PK');
    expect(disclosureVersionsOf(partnerId, 'partner')).toEqual({ PK: 'P#P1', skPrefix: 'DISCV#partner#' });
  });
});

describe('objectives', () => {
  const objective: Objective = {
    id: 'O1',
    partnerId,
    title: 'Grow',
    ownerSide: 'partner',
    quarter: '2027-Q2',
    status: 'active',
    milestones: [
      { id: 'M1', title: 'Train', due: '2027-02-01', ownerSide: 'partner', status: 'done' },
      { id: 'M2', title: 'Launch', due: '2027-04-15', ownerSide: 'vendor', status: 'planned' },
      { id: 'M3', title: 'Review', due: '2027-03-10', ownerSide: 'vendor', status: 'in-progress' },
    ],
    ...meta,
  };

  it('sits in the open-milestone index under its earliest due date not done', () => {
    expect(ObjectiveEntity.item(objective)).toMatchObject({
      PK: 'P#P1',
      SK: 'OBJ#O1',
      GSI2PK: 'MILESTONES#open',
      GSI2SK: '2027-03-10#P1#O1',
      type: 'Objective',
    });
    expect(objectivesOf(partnerId)).toEqual({ PK: 'P#P1', skPrefix: 'OBJ#' });
  });

  it('leaves it when every milestone is done, or when the objective is no longer active', () => {
    const done = objective.milestones.map((m) => ({ ...m, status: 'done' as const }));
    expect(updateOf(ObjectiveEntity.update(objective, { milestones: done })).remove).toEqual(['GSI2PK', 'GSI2SK']);
    const dropped = updateOf(ObjectiveEntity.update(objective, { status: 'dropped' }));
    expect(dropped.remove).toEqual(['GSI2PK', 'GSI2SK']);
    expect(dropped.set).toEqual({ status: 'dropped' });
  });

  it('moves with the earliest open due date', () => {
    const moved = objective.milestones.map((m) => (m.id === 'M3' ? { ...m, status: 'done' as const } : m));
    const write = updateOf(ObjectiveEntity.update(objective, { milestones: moved }, { expectedVersion: 1 }));
    expect(write.set).toMatchObject({ GSI2PK: 'MILESTONES#open', GSI2SK: '2027-04-15#P1#O1' });
    expect(write.remove).toEqual([]);
  });
});

describe('check-ins', () => {
  const checkIn: CheckIn = {
    id: 'C1',
    partnerId,
    kind: 'check-in',
    title: 'Weekly sync',
    localStart: '2027-03-22T10:00',
    timezone: 'Europe/Berlin',
    startsAt: '2027-03-22T09:00:00.000Z',
    endsAt: '2027-03-22T09:30:00.000Z',
    durationMinutes: 30,
    seriesId: 'C1',
    occurrence: 1,
    seriesStart: '2027-03-22T10:00',
    plannedAgenda: [],
    attendees: [{ name: 'Mara', side: 'vendor' }],
    agenda: [],
    status: 'scheduled',
    ...meta,
  };

  afterEach(() => clockControl.reset());

  it('is upcoming by start until it starts', () => {
    clockControl.freeze(new Date('2027-03-21T10:00:00Z'));
    expect(CheckInEntity.item(checkIn)).toMatchObject({
      PK: 'P#P1',
      SK: 'CHK#C1',
      GSI2PK: 'CHECKINS#upcoming',
      GSI2SK: '2027-03-22T09:00:00.000Z#P1#C1',
      type: 'CheckIn',
    });
    clockControl.freeze(new Date('2027-03-22T09:30:00Z'));
    expect(updateOf(CheckInEntity.update(checkIn, {})).remove).toEqual(['GSI2PK', 'GSI2SK']);
    expect(checkInsOf(partnerId)).toEqual({ PK: 'P#P1', skPrefix: 'CHK#' });
  });

  it('keeps a recurring one upcoming after its start until its next occurrence exists', () => {
    const weekly: CheckIn = { ...checkIn, cadence: 'weekly' };
    clockControl.freeze(new Date('2027-03-22T09:30:00Z'));
    expect(updateOf(CheckInEntity.update(weekly, { status: 'held' })).set).toMatchObject({
      GSI2PK: 'CHECKINS#upcoming',
    });
    const rolled = updateOf(CheckInEntity.update(weekly, { nextOccurrenceId: 'C2' }));
    expect(rolled.set).toEqual({ nextOccurrenceId: 'C2' });
    expect(rolled.remove).toEqual(['GSI2PK', 'GSI2SK']);
  });
});

describe('disputes', () => {
  const dispute: Dispute = {
    id: 'D1',
    partnerId,
    title: 'Duplicate invoice',
    category: 'billing',
    severity: 'medium',
    description: 'Twice',
    linked: {},
    responseSlaDays: 2,
    status: 'open',
    raisedBy: 'partner',
    awaitingSide: 'vendor',
    responseDueAt: '2027-01-06T09:00:00.000Z',
    messages: 0,
    ...meta,
  };

  it('awaits an answer by its due time', () => {
    expect(DisputeEntity.item(dispute)).toMatchObject({
      PK: 'P#P1',
      SK: 'DSP#D1',
      GSI2PK: 'DISPUTES#awaiting',
      GSI2SK: '2027-01-06T09:00:00.000Z#P1#D1',
      type: 'Dispute',
    });
    expect(disputesOf(partnerId)).toEqual({ PK: 'P#P1', skPrefix: 'DSP#' });
  });

  it('leaves the awaiting index once escalated, or once no answer is owed', () => {
    const escalated = updateOf(DisputeEntity.update(dispute, { escalatedAt: '2027-01-06T10:00:00.000Z' }));
    expect(escalated.remove).toEqual(['GSI2PK', 'GSI2SK']);
    const resolved = updateOf(
      DisputeEntity.update(dispute, { status: 'resolved' }, { remove: ['awaitingSide', 'responseDueAt'] }),
    );
    expect(resolved.remove).toEqual(['awaitingSide', 'responseDueAt', 'GSI2PK', 'GSI2SK']);
  });

  it('keys the exchange under its dispute, outside every index', () => {
    const message: DisputeMessage = {
      id: 'E1',
      disputeId: 'D1',
      kind: 'message',
      side: 'vendor',
      by: 'u1',
      body: 'Checking',
      at: meta.createdAt,
    };
    expect(DisputeMessageEntity.key({ partnerId, disputeId: 'D1', id: 'E1' })).toEqual({
      PK: 'P#P1',
      SK: 'DSPM#D1#E1',
    });
    expect(DisputeMessageEntity.indexKeys(message)).toEqual({ set: {}, remove: [] });
    expect(disputeMessagesOf(partnerId, 'D1')).toEqual({ PK: 'P#P1', skPrefix: 'DSPM#D1#' });
  });
});

describe('feedback', () => {
  const feedback: Feedback = {
    id: 'F1',
    partnerId,
    kind: 'product-issue',
    title: 'Camera drops Wi-Fi',
    body: 'After 2.1',
    status: 'new',
    submittedBy: 'u1',
    ...meta,
  };

  it('is in the list of all feedback and in its status’s queue, which it follows', () => {
    expect(FeedbackEntity.item(feedback)).toMatchObject({
      PK: 'P#P1',
      SK: 'FB#F1',
      GSI1PK: 'FEEDBACK',
      GSI1SK: 'F1',
      GSI2PK: 'FEEDBACK#new',
      GSI2SK: 'F1',
      type: 'Feedback',
    });
    expect(updateOf(FeedbackEntity.update(feedback, { status: 'planned' })).set).toMatchObject({
      GSI2PK: 'FEEDBACK#planned',
      GSI2SK: 'F1',
    });
    expect(feedbackOf(partnerId)).toEqual({ PK: 'P#P1', skPrefix: 'FB#' });
    expect(FeedbackEntity.indexes.byStatus.pk({ status: 'done' })).toBe('FEEDBACK#done');
  });

  it('has a locator by id alone', () => {
    expect(FeedbackLocatorEntity.key({ feedbackId: 'F1' })).toEqual({ PK: 'FEEDBACK#F1', SK: 'FEEDBACK' });
    expect(FeedbackLocatorEntity.type).toBe('FeedbackLocator');
  });
});

describe('the data-layout rows', () => {
  it('name every key part, the computed ones included', () => {
    const rows = collaborationEntities.map((entity) => layoutRow(entity as never));
    expect(rows.map((r) => `${r.pk} ${r.sk}`)).toEqual([
      'P#<partnerId> DISC#<side>',
      'P#<partnerId> DISCV#<side>#<version>',
      'P#<partnerId> OBJ#<id>',
      'P#<partnerId> CHK#<id>',
      'P#<partnerId> DSP#<id>',
      'P#<partnerId> DSPM#<disputeId>#<id>',
      'P#<partnerId> FB#<id>',
      'FEEDBACK#<feedbackId> FEEDBACK',
    ]);
    expect(rows[0]!.indexes[0]).toContain('`DISCLOSURES#review` / `<earliest reviewBy>#<partnerId>#<side>`');
    expect(rows[2]!.indexes[0]).toContain('`MILESTONES#open` / `<earliest open due>#<partnerId>#<id>`');
  });
});
