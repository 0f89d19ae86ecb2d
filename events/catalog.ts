import * as z from 'zod';
import { defineEvent, type EventDefinition } from '#events/envelope';

/**
 * Accord's domain events: source and detail-type constants with a zod schema for each detail's data.
 * Events are contracts: validated when written to the outbox and again by every consumer.
 */
export const sources = {
  partners: 'accord.partners',
  agreements: 'accord.agreements',
  performance: 'accord.performance',
  supply: 'accord.supply',
  collaboration: 'accord.collaboration',
  platform: 'accord.platform',
} as const;

const PartnerSnapshot = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  tier: z.string(),
  status: z.string(),
  country: z.string(),
  ownerManager: z.string().optional(),
});

const MemberSnapshot = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['partner-admin', 'partner-user']),
  status: z.enum(['active', 'disabled']),
});

export const PartnerCreated = defineEvent(sources.partners, 'PartnerCreated', z.object({ partner: PartnerSnapshot }));

export const PartnerUpdated = defineEvent(
  sources.partners,
  'PartnerUpdated',
  z.object({ partner: PartnerSnapshot, changed: z.array(z.string()) }),
);

export const PartnerStatusChanged = defineEvent(
  sources.partners,
  'PartnerStatusChanged',
  z.object({ partner: PartnerSnapshot, from: z.string(), to: z.string(), reason: z.string() }),
);

export const PartnerOnboardingStalled = defineEvent(
  sources.partners,
  'PartnerOnboardingStalled',
  z.object({ partner: PartnerSnapshot, onboardingSince: z.string(), days: z.number().int() }),
);

export const PartnerUserAdded = defineEvent(sources.partners, 'PartnerUserAdded', z.object({ user: MemberSnapshot }));
export const PartnerUserUpdated = defineEvent(
  sources.partners,
  'PartnerUserUpdated',
  z.object({ user: MemberSnapshot, changed: z.array(z.string()) }),
);
export const PartnerUserRemoved = defineEvent(
  sources.partners,
  'PartnerUserRemoved',
  z.object({ user: MemberSnapshot }),
);

const AgreementSnapshot = z.object({
  id: z.string(),
  partnerId: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.string(),
});

export const AgreementProposed = defineEvent(
  sources.agreements,
  'AgreementProposed',
  z.object({
    agreement: AgreementSnapshot,
    version: z.number().int(),
    side: z.enum(['vendor', 'partner']),
    counterProposal: z.boolean(),
    summary: z.string(),
  }),
);
export const AgreementSigned = defineEvent(
  sources.agreements,
  'AgreementSigned',
  z.object({ agreement: AgreementSnapshot, version: z.number().int(), side: z.enum(['vendor', 'partner']) }),
);
export const AgreementActivated = defineEvent(
  sources.agreements,
  'AgreementActivated',
  z.object({
    agreement: AgreementSnapshot,
    version: z.number().int(),
    effectiveAt: z.string(),
    expiresAt: z.string(),
    slaIds: z.array(z.string()),
  }),
);
export const AgreementTerminated = defineEvent(
  sources.agreements,
  'AgreementTerminated',
  z.object({ agreement: AgreementSnapshot, reason: z.string(), effectiveAt: z.string(), immediate: z.boolean() }),
);
export const AgreementExpiring = defineEvent(
  sources.agreements,
  'AgreementExpiring',
  z.object({
    agreement: AgreementSnapshot,
    expiresAt: z.string(),
    daysLeft: z.number().int(),
    notice: z.number().int(),
  }),
);
export const AgreementExpired = defineEvent(
  sources.agreements,
  'AgreementExpired',
  z.object({ agreement: AgreementSnapshot, expiredAt: z.string() }),
);
export const AgreementRenewed = defineEvent(
  sources.agreements,
  'AgreementRenewed',
  z.object({ agreement: AgreementSnapshot, expiresAt: z.string() }),
);
export const RiskRaised = defineEvent(
  sources.agreements,
  'RiskRaised',
  z.object({
    risk: z.object({
      id: z.string(),
      title: z.string(),
      category: z.string(),
      score: z.number(),
      raisedBy: z.enum(['vendor', 'partner']),
    }),
  }),
);

export const MetricsIngested = defineEvent(
  sources.performance,
  'MetricsIngested',
  z.object({ metrics: z.array(z.string()), from: z.string(), to: z.string(), points: z.number().int() }),
);

const AlertSnapshot = z.object({
  id: z.string(),
  /** Absent on a program alert (network cover), which concerns no single partner. */
  partnerId: z.string().optional(),
  slaId: z.string(),
  metric: z.string(),
  severity: z.enum(['critical', 'warning', 'info']),
  status: z.enum(['firing', 'acknowledged', 'resolved']),
  measured: z.number().optional(),
  target: z.number(),
  window: z.string(),
  rule: z.string().optional(),
  detail: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  occurrences: z.number().int(),
});

export const SlaBreached = defineEvent(sources.performance, 'SlaBreached', z.object({ alert: AlertSnapshot }));
export const AlertRaised = defineEvent(sources.performance, 'AlertRaised', z.object({ alert: AlertSnapshot }));
export const AlertRenotified = defineEvent(sources.performance, 'AlertRenotified', z.object({ alert: AlertSnapshot }));
export const AlertResolved = defineEvent(
  sources.performance,
  'AlertResolved',
  z.object({ alert: AlertSnapshot, resolution: z.enum(['recovered', 'manual']), note: z.string().optional() }),
);

export const ProductCreated = defineEvent(
  sources.supply,
  'ProductCreated',
  z.object({
    product: z.object({ sku: z.string(), name: z.string(), family: z.string(), leadTimeDays: z.number().int() }),
  }),
);
export const InventoryLevelChanged = defineEvent(
  sources.supply,
  'InventoryLevelChanged',
  z.object({
    sku: z.string(),
    location: z.string(),
    onHand: z.number(),
    allocated: z.number(),
    available: z.number(),
    version: z.number().int(),
  }),
);
export const SalesReported = defineEvent(
  sources.supply,
  'SalesReported',
  z.object({
    skus: z.array(z.string()),
    periods: z.array(z.string()),
    accepted: z.number().int(),
    replaced: z.number().int(),
  }),
);
export const ForecastCommitted = defineEvent(
  sources.supply,
  'ForecastCommitted',
  z.object({
    sku: z.string(),
    granularity: z.enum(['week', 'month']),
    version: z.number().int(),
    periods: z.number().int(),
  }),
);
export const DemandShiftDetected = defineEvent(
  sources.supply,
  'DemandShiftDetected',
  z.object({
    sku: z.string(),
    granularity: z.enum(['week', 'month']),
    alertId: z.string(),
    /** `outside-interval` (2 consecutive actuals outside the 95 % interval) and/or `level-shift`. */
    signals: z.array(z.enum(['outside-interval', 'level-shift'])),
    periods: z.array(z.string()),
    levelBefore: z.number().optional(),
    levelAfter: z.number().optional(),
    detail: z.string(),
  }),
);
export const CoverBelowLeadTime = defineEvent(
  sources.supply,
  'CoverBelowLeadTime',
  z.object({
    sku: z.string(),
    location: z.string(),
    alertId: z.string(),
    available: z.number(),
    dailyDemand: z.number(),
    daysOfCover: z.number(),
    leadTimeDays: z.number().int(),
    suggestedReplenishment: z.number().int(),
    /** Network cover (no partner on the event): how many partners' demand the location serves. */
    partnersServed: z.number().int().optional(),
  }),
);

// ------------------------------------------------------------------------------------------ collaboration
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

export const catalog: EventDefinition[] = [
  PartnerCreated,
  PartnerUpdated,
  PartnerStatusChanged,
  PartnerOnboardingStalled,
  PartnerUserAdded,
  PartnerUserUpdated,
  PartnerUserRemoved,
  AgreementProposed,
  AgreementSigned,
  AgreementActivated,
  AgreementTerminated,
  AgreementExpiring,
  AgreementExpired,
  AgreementRenewed,
  RiskRaised,
  MetricsIngested,
  SlaBreached,
  AlertRaised,
  AlertRenotified,
  AlertResolved,
  ProductCreated,
  InventoryLevelChanged,
  SalesReported,
  ForecastCommitted,
  DemandShiftDetected,
  CoverBelowLeadTime,
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

export function findEvent(source: string, detailType: string): EventDefinition | undefined {
  return catalog.find((e) => e.source === source && e.detailType === detailType);
}
