import * as z from 'zod';
import { defineEvent } from '#events/envelope';
import { sources } from '#events/sources';

// The collaboration context's events: source and detail-type constants with a zod schema for each detail's data.

const CollabSide = z.enum(['vendor', 'partner']);

const ObjectiveSnapshot = z.object({ id: z.string(), title: z.string(), quarter: z.string(), ownerSide: CollabSide });

const MilestoneSnapshot = z.object({
  id: z.string(),
  title: z.string(),
  due: z.string(),
  ownerSide: CollabSide,
  status: z.string(),
});

const CheckInSnapshot = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  startsAt: z.string(),
  localStart: z.string(),
  timezone: z.string(),
  cadence: z.string().optional(),
  occurrence: z.number().int(),
});

const DisputeSnapshot = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  severity: z.string(),
  status: z.string(),
  raisedBy: CollabSide,
});

const FeedbackSnapshot = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
  sku: z.string().optional(),
});

export const DisclosureUpdated = defineEvent(
  sources.collaboration,
  'DisclosureUpdated',
  z.object({ side: CollabSide, version: z.number().int(), items: z.number().int(), stale: z.array(z.string()) }),
);

export const DisclosureStale = defineEvent(
  sources.collaboration,
  'DisclosureStale',
  z.object({ side: CollabSide, version: z.number().int(), stale: z.array(z.string()), reviewBy: z.string() }),
);

export const ObjectiveCreated = defineEvent(
  sources.collaboration,
  'ObjectiveCreated',
  z.object({ objective: ObjectiveSnapshot, milestones: z.number().int() }),
);

export const MilestoneStatusChanged = defineEvent(
  sources.collaboration,
  'MilestoneStatusChanged',
  z.object({ objective: ObjectiveSnapshot, milestone: MilestoneSnapshot, from: z.string(), to: z.string() }),
);

export const MilestoneOverdue = defineEvent(
  sources.collaboration,
  'MilestoneOverdue',
  z.object({ objective: ObjectiveSnapshot, milestone: MilestoneSnapshot, daysOverdue: z.number().int() }),
);

export const CheckInScheduled = defineEvent(
  sources.collaboration,
  'CheckInScheduled',
  z.object({ checkIn: CheckInSnapshot, createdBy: z.enum(['person', 'cadence']) }),
);

export const CheckInDue = defineEvent(
  sources.collaboration,
  'CheckInDue',
  z.object({ checkIn: CheckInSnapshot, hoursLeft: z.number() }),
);

export const CheckInRecorded = defineEvent(
  sources.collaboration,
  'CheckInRecorded',
  z.object({
    checkIn: CheckInSnapshot,
    status: z.string(),
    decisions: z.number().int(),
    actionItems: z.number().int(),
  }),
);

export const DisputeRaised = defineEvent(
  sources.collaboration,
  'DisputeRaised',
  z.object({ dispute: DisputeSnapshot, responseDueAt: z.string() }),
);

export const DisputeMessagePosted = defineEvent(
  sources.collaboration,
  'DisputeMessagePosted',
  z.object({ dispute: DisputeSnapshot, side: CollabSide, responseDueAt: z.string().optional() }),
);

export const DisputeResolutionProposed = defineEvent(
  sources.collaboration,
  'DisputeResolutionProposed',
  z.object({ dispute: DisputeSnapshot, proposalId: z.string(), side: CollabSide, summary: z.string() }),
);

export const DisputeResolved = defineEvent(
  sources.collaboration,
  'DisputeResolved',
  z.object({ dispute: DisputeSnapshot, proposalId: z.string(), acceptedBy: CollabSide, resolution: z.string() }),
);

export const DisputeEscalated = defineEvent(
  sources.collaboration,
  'DisputeEscalated',
  z.object({
    dispute: DisputeSnapshot,
    awaitingSide: CollabSide,
    responseDueAt: z.string(),
    businessDays: z.number().int(),
  }),
);

export const FeedbackSubmitted = defineEvent(
  sources.collaboration,
  'FeedbackSubmitted',
  z.object({ feedback: FeedbackSnapshot }),
);

export const FeedbackStatusChanged = defineEvent(
  sources.collaboration,
  'FeedbackStatusChanged',
  z.object({ feedback: FeedbackSnapshot, from: z.string(), to: z.string(), response: z.string() }),
);

/** Every event this context emits. */
export const collaborationEvents = [
  DisclosureUpdated,
  DisclosureStale,
  ObjectiveCreated,
  MilestoneStatusChanged,
  MilestoneOverdue,
  CheckInScheduled,
  CheckInDue,
  CheckInRecorded,
  DisputeRaised,
  DisputeMessagePosted,
  DisputeResolutionProposed,
  DisputeResolved,
  DisputeEscalated,
  FeedbackSubmitted,
  FeedbackStatusChanged,
];
