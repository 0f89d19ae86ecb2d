import { ulid } from 'ulid';
import type * as z from 'zod';
import {
  DisputeEscalated,
  DisputeMessagePosted,
  DisputeRaised,
  DisputeResolutionProposed,
  DisputeResolved,
} from '#functions/collaboration/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, put, type Write } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { commitOnce } from '#shared/db/once';
import { getItem, queryAll, toEntity, type Page } from '#shared/db/repository';
import { AgreementEntity, otherSide, sideOf } from '#functions/agreements/index';
import { AlertEntity } from '#functions/alerts/index';
import { addBusinessDays } from '#functions/collaboration/domain/business-days';
import type { Side } from '#functions/collaboration/domain/common';
import {
  messageAction,
  nextDisputeStatus,
  type Dispute,
  type DisputeMessage,
  type DisputeStatus,
  type RaiseDisputeInput,
} from '#functions/collaboration/domain/dispute';
import {
  DisputeEntity,
  DisputeMessageEntity,
  disputeMessagesOf,
  disputesOf,
  ObjectiveEntity,
} from '#functions/collaboration/entities';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/errors';
import { listPartnerItems } from '#shared/db/partner-items';
import { getPartner } from '#functions/partners/index';

/**
 * Disputes between the two sides. Each contribution (message, proposal, acceptance) is an immutable entry of
 * the exchange (`DSPM#<disputeId>#<id>`) written in one transaction with the dispute's versioned update, its
 * audit entry and its event: the whole exchange is in the trail. Whoever speaks starts the other side's
 * response clock (business days in the partner's time zone); a dispute whose clock runs out is escalated once
 * by the reminders job, and from then on is the vendor admin's to settle (no clock any more).
 */

const notFound = () => new NotFoundError('Dispute not found');
/** Appends race on the dispute's version: re-read and retry a few times before giving up with 409. */
const ATTEMPTS = 4;

export const snapshot = (d: Dispute) => ({
  id: d.id,
  title: d.title,
  category: d.category,
  severity: d.severity,
  status: d.status,
  raisedBy: d.raisedBy,
});

export async function getDispute(partnerId: string, disputeId: string): Promise<Dispute> {
  const item = await getItem<Dispute>(DisputeEntity.key({ partnerId, id: disputeId }));
  if (!item) throw notFound();
  return toEntity<Dispute>(item);
}

export function listDisputes(
  partnerId: string,
  filter: { status?: DisputeStatus | undefined; category?: string | undefined },
  page: { limit: number; cursor?: string },
): Promise<Page<Dispute>> {
  return listPartnerItems<Dispute>(partnerId, disputesOf(partnerId), filter, page);
}

export async function listDisputeMessages(
  partnerId: string,
  disputeId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<DisputeMessage>> {
  await getDispute(partnerId, disputeId);
  return listPartnerItems<DisputeMessage>(partnerId, disputeMessagesOf(partnerId, disputeId), {}, page, {
    newestFirst: false,
  });
}

export async function raiseDispute(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof RaiseDisputeInput>,
): Promise<Dispute> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded') throw new ConflictError('The partner is offboarded');
  const id = ulid(nowMs());
  const side = sideOf(ctx.actor.role);
  const responseDueAt = new Date(addBusinessDays(nowMs(), input.responseSlaDays, partner.timezone)).toISOString();
  const dispute: Dispute = {
    id,
    partnerId,
    ...input,
    status: 'open',
    raisedBy: side,
    awaitingSide: otherSide(side),
    responseDueAt,
    messages: 0,
    ...newEntityMeta(ctx),
  };
  await commit(ctx, {
    writes: [DisputeEntity.put(dispute, { ifAbsent: true }), ...linkChecks(partnerId, input.linked)],
    audit: {
      action: 'dispute.raised',
      entityType: 'dispute',
      entityId: id,
      partnerId,
      note: `${input.category}, ${input.severity}: ${input.title}; answer due ${responseDueAt}`,
    },
    events: [outboxEvent(ctx, DisputeRaised, partnerId, { dispute: snapshot(dispute), responseDueAt })],
  });
  return dispute;
}

function linkChecks(partnerId: string, linked: Dispute['linked']): Write[] {
  const missing = (field: string, what: string) => () =>
    new ValidationError(`The linked ${what} does not exist`, {
      errors: [{ path: `body.linked.${field}`, message: `no such ${what} for this partner` }],
    });
  return [
    ...(linked.agreementId
      ? [
          {
            kind: 'exists' as const,
            key: AgreementEntity.key({ partnerId, id: linked.agreementId }),
            missing: missing('agreementId', 'agreement'),
          },
        ]
      : []),
    ...(linked.alertId
      ? [
          {
            kind: 'exists' as const,
            key: AlertEntity.key({ partnerId, id: linked.alertId }),
            missing: missing('alertId', 'alert'),
          },
        ]
      : []),
    ...(linked.objectiveId
      ? [
          {
            kind: 'exists' as const,
            key: ObjectiveEntity.key({ partnerId, id: linked.objectiveId }),
            missing: missing('objectiveId', 'objective'),
          },
        ]
      : []),
  ];
}

/** Who owes the next answer after `side` spoke, and by when; none once escalated (the admin has it). */
async function clockAfter(
  dispute: Dispute,
  side: Side,
  restart: boolean,
): Promise<{ set: Pick<Dispute, 'awaitingSide' | 'responseDueAt'>; remove: string[] }> {
  if (dispute.escalatedAt) return { set: {}, remove: ['awaitingSide', 'responseDueAt'] };
  // The side that was owed an answer speaking again does not extend the other's deadline.
  if (!restart && dispute.awaitingSide && dispute.awaitingSide !== side) return { set: {}, remove: [] };
  const partner = await getPartner(dispute.partnerId);
  const responseDueAt = new Date(addBusinessDays(nowMs(), dispute.responseSlaDays, partner.timezone)).toISOString();
  return { set: { awaitingSide: otherSide(side), responseDueAt }, remove: [] };
}

/** Runs one contribution against the current dispute, re-reading when a concurrent one got in first. */
async function contribute(
  partnerId: string,
  disputeId: string,
  run: (dispute: Dispute) => Promise<Dispute>,
): Promise<Dispute> {
  for (let attempt = 1; ; attempt++) {
    const dispute = await getDispute(partnerId, disputeId);
    try {
      return await run(dispute);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      if (attempt >= ATTEMPTS)
        throw new ConflictError('The dispute is being changed by someone else; retry', { retryAfterSeconds: 1 });
    }
  }
}

function entry(
  partnerId: string,
  dispute: Dispute,
  kind: DisputeMessage['kind'],
  side: DisputeMessage['side'],
  by: string,
  body: string,
  at: string,
) {
  const id = ulid(nowMs());
  const message: DisputeMessage = { id, disputeId: dispute.id, kind, side, by, body, at };
  // The partner is in the key only: the stored entry is the message alone, as the exchange lists it.
  return {
    id,
    write: put({ ...DisputeMessageEntity.storage({ ...message, partnerId }), ...message }, { ifAbsent: true }),
  };
}

export function postMessage(
  ctx: OperationContext,
  partnerId: string,
  disputeId: string,
  body: string,
): Promise<Dispute> {
  return contribute(partnerId, disputeId, async (dispute) => {
    const side = sideOf(ctx.actor.role);
    const status = nextDisputeStatus(dispute.status, messageAction(dispute, side));
    const clock = await clockAfter(dispute, side, false);
    const at = nowIso();
    const message = entry(partnerId, dispute, 'message', side, ctx.actor.sub, body, at);
    const set = { status, messages: dispute.messages + 1, ...clock.set };
    await commit(ctx, {
      writes: [
        DisputeEntity.update(dispute, set, { expectedVersion: dispute.version, remove: clock.remove, notFound }),
        message.write,
      ],
      audit: {
        action: 'dispute.message-posted',
        entityType: 'dispute',
        entityId: disputeId,
        partnerId,
        note: `${side}: ${body.slice(0, 500)}`,
        ...(status !== dispute.status ? { changes: { status: { from: dispute.status, to: status } } } : {}),
      },
      events: [
        outboxEvent(ctx, DisputeMessagePosted, partnerId, {
          dispute: snapshot({ ...dispute, status }),
          side,
          ...(clock.set.responseDueAt ? { responseDueAt: clock.set.responseDueAt } : {}),
        }),
      ],
    });
    return updated(dispute, set, clock.remove);
  });
}

export function proposeResolution(
  ctx: OperationContext,
  partnerId: string,
  disputeId: string,
  summary: string,
): Promise<Dispute> {
  return contribute(partnerId, disputeId, async (dispute) => {
    const side = sideOf(ctx.actor.role);
    const status = nextDisputeStatus(dispute.status, 'propose');
    // A proposal always hands the decision to the other side: its clock starts now.
    const clock = await clockAfter(dispute, side, true);
    const at = nowIso();
    const record = entry(partnerId, dispute, 'proposal', side, ctx.actor.sub, summary, at);
    const proposal = { id: record.id, side, by: ctx.actor.sub, summary, at };
    const set = { status, proposal, messages: dispute.messages + 1, ...clock.set };
    await commit(ctx, {
      writes: [
        DisputeEntity.update(dispute, set, { expectedVersion: dispute.version, remove: clock.remove, notFound }),
        record.write,
      ],
      audit: {
        action: 'dispute.resolution-proposed',
        entityType: 'dispute',
        entityId: disputeId,
        partnerId,
        note: `${side}: ${summary.slice(0, 500)}`,
        changes: { status: { from: dispute.status, to: status } },
      },
      events: [
        outboxEvent(ctx, DisputeResolutionProposed, partnerId, {
          dispute: snapshot({ ...dispute, status }),
          proposalId: record.id,
          side,
          summary,
        }),
      ],
    });
    return updated(dispute, set, clock.remove);
  });
}

export function acceptResolution(
  ctx: OperationContext,
  partnerId: string,
  disputeId: string,
  input: { proposalId: string; note?: string | undefined },
): Promise<Dispute> {
  return contribute(partnerId, disputeId, async (dispute) => {
    const side = sideOf(ctx.actor.role);
    const status = nextDisputeStatus(dispute.status, 'accept');
    const proposal = dispute.proposal;
    if (!proposal || proposal.id !== input.proposalId)
      throw new ConflictError('That is not the dispute’s current proposal: read the dispute again');
    if (proposal.side === side)
      throw new ConflictError('A proposal is accepted by the other side, not by the side that made it');
    const at = nowIso();
    const record = entry(
      partnerId,
      dispute,
      'acceptance',
      side,
      ctx.actor.sub,
      input.note ?? `Accepted: ${proposal.summary}`,
      at,
    );
    const set = { status, resolvedAt: at, resolution: proposal.summary, messages: dispute.messages + 1 };
    const remove = ['awaitingSide', 'responseDueAt'];
    await commit(ctx, {
      writes: [
        DisputeEntity.update(dispute, set, { expectedVersion: dispute.version, remove, notFound }),
        record.write,
      ],
      audit: {
        action: 'dispute.resolved',
        entityType: 'dispute',
        entityId: disputeId,
        partnerId,
        note: `${side} accepted: ${proposal.summary.slice(0, 500)}`,
        changes: { status: { from: dispute.status, to: status } },
      },
      events: [
        outboxEvent(ctx, DisputeResolved, partnerId, {
          dispute: snapshot({ ...dispute, status }),
          proposalId: proposal.id,
          acceptedBy: side,
          resolution: proposal.summary,
        }),
      ],
    });
    return updated(dispute, set, remove);
  });
}

function updated(dispute: Dispute, set: Record<string, unknown>, remove: string[]): Dispute {
  const next: Record<string, unknown> = { ...dispute, ...set, version: dispute.version + 1, updatedAt: nowIso() };
  for (const field of remove) delete next[field];
  return next as Dispute;
}

/**
 * Escalates every dispute whose response SLA has passed (reminders job). The update is conditioned on the
 * version read, and the dispute leaves the awaiting index in the same transaction: an answer that lands first
 * wins, and a second run finds nothing to do.
 */
export async function escalateOverdueDisputes(
  ctx: OperationContext,
): Promise<{ disputesChecked: number; escalated: number }> {
  const summary = { disputesChecked: 0, escalated: 0 };
  const now = nowIso();
  const due = queryAll<Dispute>({
    index: DisputeEntity.indexes.awaiting.index,
    partition: DisputeEntity.indexes.awaiting.pk(),
    sort: { between: ['0', `${now}~`] },
    limit: 100,
  });
  for await (const page of due) {
    for (const indexed of page) {
      summary.disputesChecked += 1;
      if (!indexed.responseDueAt || indexed.responseDueAt > now || indexed.escalatedAt) continue;
      const dispute = await getItem<Dispute>(DisputeEntity.key(indexed));
      if (
        !dispute ||
        dispute.escalatedAt ||
        !dispute.awaitingSide ||
        !dispute.responseDueAt ||
        dispute.responseDueAt > now
      )
        continue;
      try {
        if (await escalate(ctx, toEntity<Dispute>(dispute))) summary.escalated += 1;
      } catch (error) {
        // An answer that landed since the read wins: the dispute is no longer overdue.
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
  }
  return summary;
}

/** Escalates once (marker `dispute-escalated#<id>`); false if it was escalated before. */
async function escalate(ctx: OperationContext, dispute: Dispute): Promise<boolean> {
  const status = nextDisputeStatus(dispute.status, 'escalate');
  const at = nowIso();
  const awaitingSide = dispute.awaitingSide!;
  const note = `No answer from the ${awaitingSide} side within ${dispute.responseSlaDays} business day(s) (due ${dispute.responseDueAt}): escalated to the vendor admin`;
  const record = entry(dispute.partnerId, dispute, 'escalation', 'system', ctx.actor.sub, note, at);
  return commitOnce(ctx, 'dispute-escalated', dispute.id, {
    writes: [
      DisputeEntity.update(
        dispute,
        { status, escalatedAt: at, messages: dispute.messages + 1 },
        { expectedVersion: dispute.version, notFound },
      ),
      record.write,
    ],
    audit: {
      action: 'dispute.escalated',
      entityType: 'dispute',
      entityId: dispute.id,
      partnerId: dispute.partnerId,
      note,
      changes: { status: { from: dispute.status, to: status } },
    },
    events: [
      outboxEvent(ctx, DisputeEscalated, dispute.partnerId, {
        dispute: snapshot({ ...dispute, status }),
        awaitingSide,
        responseDueAt: dispute.responseDueAt!,
        businessDays: dispute.responseSlaDays,
      }),
    ],
  });
}
