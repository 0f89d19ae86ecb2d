import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text, Timestamp } from '#shared/domain/common';
import { Side } from '#functions/collaboration/domain/common';
import { ConflictError } from '#shared/errors';

export const disputeCategories = [
  'billing',
  'sla',
  'territory-conflict',
  'channel-conflict',
  'quality',
  'conduct',
] as const;
export const disputeSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const disputeStatuses = ['open', 'in-discussion', 'resolution-proposed', 'resolved', 'escalated'] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

/** The other side must answer within this many business days (in the partner's time zone) unless set otherwise. */
export const DEFAULT_RESPONSE_SLA_DAYS = 2;

/**
 * The dispute lifecycle: open -> in-discussion (the other side answers) -> resolution-proposed -> resolved
 * (the other side accepts), and -> escalated from any unresolved state when the side that owes an answer lets
 * the response SLA pass. An escalated dispute is in the vendor admin's hands: the exchange may go on (messages,
 * proposals) until a proposal is accepted. Resolved is final.
 */
export type DisputeAction = 'answer' | 'message' | 'propose' | 'accept' | 'escalate';

const transitions: Record<DisputeStatus, Partial<Record<DisputeAction, DisputeStatus>>> = {
  open: { answer: 'in-discussion', message: 'open', propose: 'resolution-proposed', escalate: 'escalated' },
  'in-discussion': {
    answer: 'in-discussion',
    message: 'in-discussion',
    propose: 'resolution-proposed',
    escalate: 'escalated',
  },
  'resolution-proposed': {
    answer: 'in-discussion',
    message: 'resolution-proposed',
    propose: 'resolution-proposed',
    accept: 'resolved',
    escalate: 'escalated',
  },
  escalated: { answer: 'escalated', message: 'escalated', propose: 'escalated', accept: 'resolved' },
  resolved: {},
};

export function nextDisputeStatus(from: DisputeStatus, action: DisputeAction): DisputeStatus {
  const to = transitions[from][action];
  if (!to) {
    throw new ConflictError(
      from === 'resolved'
        ? 'The dispute is resolved: nothing more can be added'
        : `A dispute that is ${from} cannot be ${action === 'accept' ? 'accepted' : `${action}ed`}`,
    );
  }
  return to;
}

/**
 * What a message from `side` does: the first word from the side that owed an answer turns an open dispute into
 * a discussion ("answer"); anything else keeps the status. A message on a proposal from the side that must
 * decide on it reopens the discussion.
 */
export function messageAction(
  dispute: { status: DisputeStatus; awaitingSide?: Side | undefined },
  side: Side,
): DisputeAction {
  return dispute.awaitingSide === side && dispute.status !== 'escalated' ? 'answer' : 'message';
}

export const LinkedEntities = z.strictObject({
  agreementId: Id.optional(),
  alertId: Id.optional(),
  objectiveId: Id.optional(),
});

export const RaiseDisputeInput = z.strictObject({
  title: text(200),
  category: z.enum(disputeCategories),
  severity: z.enum(disputeSeverities),
  description: text(8000),
  linked: LinkedEntities.default({}),
  /** Business days the other side has to answer (1 to 10; default 2). */
  responseSlaDays: z.number().int().min(1).max(10).default(DEFAULT_RESPONSE_SLA_DAYS),
});

export const DisputeMessageInput = z.strictObject({ body: text(8000) });
export const DisputeProposalInput = z.strictObject({ summary: text(4000) });
export const AcceptProposalInput = z.strictObject({ proposalId: Id, note: text(2000).optional() });

export const ProposalSchema = z.object({ id: Id, side: Side, by: z.string(), summary: z.string(), at: Timestamp });

export const DisputeSchema = z.object({
  id: Id,
  partnerId: Id,
  title: z.string(),
  category: z.enum(disputeCategories),
  severity: z.enum(disputeSeverities),
  description: z.string(),
  linked: LinkedEntities,
  responseSlaDays: z.number().int(),
  status: z.enum(disputeStatuses),
  raisedBy: Side,
  /** The side that owes the next answer, and by when (absent once resolved or escalated). */
  awaitingSide: Side.optional(),
  responseDueAt: Timestamp.optional(),
  messages: z.number().int(),
  proposal: ProposalSchema.optional(),
  escalatedAt: Timestamp.optional(),
  resolvedAt: Timestamp.optional(),
  resolution: z.string().optional(),
  ...EntityMeta,
});
export type Dispute = z.infer<typeof DisputeSchema>;

export const DisputeMessageSchema = z.object({
  id: Id,
  disputeId: Id,
  kind: z.enum(['message', 'proposal', 'acceptance', 'escalation']),
  side: z.enum(['vendor', 'partner', 'system']),
  by: z.string(),
  body: z.string(),
  at: Timestamp,
});
export type DisputeMessage = z.infer<typeof DisputeMessageSchema>;

export const DisputeParams = z.strictObject({ partnerId: Id, disputeId: Id });
export const ListDisputesQuery = z.strictObject({
  status: z.enum(disputeStatuses).optional(),
  category: z.enum(disputeCategories).optional(),
  ...PageQuery,
});
export const ListDisputeMessagesQuery = z.strictObject({ ...PageQuery });
