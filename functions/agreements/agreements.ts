import { ulid } from 'ulid';
import type * as z from 'zod';
import { AgreementProposed, AgreementTerminated } from '#functions/agreements/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { listPartnerItems } from '#shared/db/partner-items';
import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import {
  assertNegotiable,
  sideOf,
  type Agreement,
  type AgreementStatus,
  type CreateAgreementInput,
  type ProposalInput,
} from '#functions/agreements/domain/agreement';
import { AgreementEntity, agreementsOf, putVersion, type StoredAgreement } from '#functions/agreements/entities';
import { storeTerms, type StoredTerms, type StoredVersion } from '#functions/agreements/versions';
import { getPartner } from '#functions/partners/index';
import { retireSlas } from '#functions/performance/index';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/errors';

/**
 * The negotiation workflow. Every proposal is an immutable version; the agreement item tracks the newest one
 * and the signatures on it (signing and activation: functions/agreements/signing.ts).
 */

export type { StoredAgreement } from '#functions/agreements/entities';

export const notFound = () => new NotFoundError('Agreement not found');

export async function getAgreement(partnerId: string, agreementId: string): Promise<StoredAgreement> {
  const item = await getItem<StoredAgreement>(AgreementEntity.key({ partnerId, id: agreementId }));
  if (!item) throw notFound();
  return toEntity<StoredAgreement>(item);
}

export function present(agreement: StoredAgreement): Agreement {
  const { lastProposedBy: _l, renewal: _r, terminationNoticeDays: _t, ...rest } = agreement;
  return rest;
}

export async function listAgreements(
  partnerId: string,
  status: AgreementStatus | undefined,
  page: { limit: number; cursor?: string },
): Promise<Page<Agreement>> {
  const result = await listPartnerItems<StoredAgreement>(partnerId, agreementsOf(partnerId), { status }, page);
  return { ...result, items: result.items.map(present) };
}

/**
 * The program's agreements, newest first: for the vendor every partner's (GSI1), or one partner's when named; for a
 * partner person its own partner's only, and nothing at all when it names another partner (never a 404 that would
 * tell that partner exists).
 */
export async function listProgramAgreements(
  filter: { status?: AgreementStatus | undefined; partnerId?: string | undefined },
  page: { limit: number; cursor?: string },
  ownPartnerId: string | undefined,
): Promise<Page<Agreement>> {
  if (ownPartnerId && filter.partnerId && filter.partnerId !== ownPartnerId) return { items: [] };
  const partnerId = ownPartnerId ?? filter.partnerId;
  if (partnerId) return listAgreements(partnerId, filter.status, page);
  const { newest } = AgreementEntity.indexes;
  const result = await queryPage<StoredAgreement>({
    index: newest.index,
    partition: newest.pk(),
    equals: filter.status ? { status: filter.status } : {},
    newestFirst: true,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { ...result, items: result.items.map(present) };
}

export async function createAgreement(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof CreateAgreementInput>,
): Promise<Agreement> {
  const partner = await getPartner(partnerId);
  if (partner.status === 'offboarded')
    throw new ConflictError('The partner is offboarded: it can have no new agreements');
  const id = ulid(nowMs());
  const side = sideOf(ctx.actor.role);
  const agreement: StoredAgreement = {
    id,
    partnerId,
    kind: input.kind,
    title: input.title,
    status: 'draft',
    currentVersion: 1,
    signatures: {},
    lastProposedBy: side,
    ...newEntityMeta(ctx),
  };
  const terms = await storeTerms(id, input.terms);
  await commit(ctx, {
    writes: [
      AgreementEntity.put(agreement, { ifAbsent: true }),
      putVersion(partnerId, versionOf(ctx, id, 1, input.summary, terms, false), { ifAbsent: true }),
    ],
    audit: {
      action: 'agreement.created',
      entityType: 'agreement',
      entityId: id,
      partnerId,
      note: `${input.kind}: ${input.title}`,
    },
    events: [
      outboxEvent(ctx, AgreementProposed, partnerId, {
        agreement: snapshot(agreement),
        version: 1,
        side,
        counterProposal: false,
        summary: input.summary,
      }),
    ],
  });
  return present(agreement);
}

export async function propose(
  ctx: OperationContext,
  partnerId: string,
  agreementId: string,
  expectedVersion: number,
  input: z.infer<typeof ProposalInput>,
): Promise<Agreement> {
  const current = await getAgreement(partnerId, agreementId);
  assertVersion('agreement', current.version, expectedVersion);
  assertNegotiable(current);
  const side = sideOf(ctx.actor.role);
  const n = current.currentVersion + 1;
  const counterProposal = current.lastProposedBy !== side;
  // Signatures name an older version now: they are void.
  const change = { status: 'negotiating', currentVersion: n, signatures: {}, lastProposedBy: side } as const;
  const next: StoredAgreement = { ...current, ...change, version: current.version + 1, updatedAt: nowIso() };
  const terms = await storeTerms(agreementId, input.terms);
  const voided = (['vendor', 'partner'] as const).filter((s) => current.signatures[s]);
  await commit(ctx, {
    writes: [
      putVersion(partnerId, versionOf(ctx, agreementId, n, input.summary, terms, counterProposal), {
        ifAbsent: true,
        onConflict: () =>
          new PreconditionFailedError('Another proposal was made at the same time: read the agreement again'),
      }),
      AgreementEntity.update(current, change, { expectedVersion, notFound }),
    ],
    audit: {
      action: counterProposal ? 'agreement.counter-proposed' : 'agreement.proposed',
      entityType: 'agreement',
      entityId: agreementId,
      partnerId,
      changes: { currentVersion: { from: current.currentVersion, to: n } },
      note:
        input.summary +
        (voided.length ? ` (voids the ${voided.join(' and ')} signature on version ${current.currentVersion})` : ''),
    },
    events: [
      outboxEvent(ctx, AgreementProposed, partnerId, {
        agreement: snapshot(next),
        version: n,
        side,
        counterProposal,
        summary: input.summary,
      }),
    ],
  });
  return present(next);
}

/**
 * Ends an agreement. A draft or negotiation is withdrawn at once. An active agreement ends on `effectiveAt`,
 * which must respect the notice period its terms agreed; until then it stays active and the reminders job
 * ends it on the day.
 */
export async function terminate(
  ctx: OperationContext,
  partnerId: string,
  agreementId: string,
  expectedVersion: number,
  input: { reason: string; effectiveAt: string },
): Promise<Agreement> {
  const current = await getAgreement(partnerId, agreementId);
  assertVersion('agreement', current.version, expectedVersion);
  if (current.status === 'terminated' || current.status === 'expired' || current.termination) {
    throw new ConflictError(
      `The agreement is already ${current.termination && current.status === 'active' ? 'being terminated' : current.status}`,
    );
  }
  const effectiveMs = Date.parse(input.effectiveAt);
  if (current.status === 'active') assertNotice(current, effectiveMs);
  const immediate = current.status !== 'active' || effectiveMs <= nowMs();
  const termination = {
    reason: input.reason,
    effectiveAt: immediate ? nowIso() : new Date(effectiveMs).toISOString(),
    by: ctx.actor.sub,
  };
  // Ending now leaves the expiry index (the entity removes its keys); a later end moves the agreement in it.
  const change = immediate
    ? { status: 'terminated' as const, termination }
    : { termination, expiresAt: termination.effectiveAt };
  const next: StoredAgreement = { ...current, ...change, version: current.version + 1, updatedAt: nowIso() };
  const retired = immediate ? await retireSlas(ctx, current, 'agreement terminated') : { writes: [], events: [] };
  await commit(ctx, {
    writes: [AgreementEntity.update(current, change, { expectedVersion, notFound }), ...retired.writes],
    audit: {
      action: immediate ? 'agreement.terminated' : 'agreement.termination-noticed',
      entityType: 'agreement',
      entityId: agreementId,
      partnerId,
      ...(immediate ? { changes: { status: { from: current.status, to: 'terminated' } } } : {}),
      note: `${input.reason} (effective ${termination.effectiveAt})`,
    },
    events: [
      outboxEvent(ctx, AgreementTerminated, partnerId, {
        agreement: snapshot(next),
        reason: input.reason,
        effectiveAt: termination.effectiveAt,
        immediate,
      }),
      ...retired.events,
    ],
  });
  return present(next);
}

/** An active agreement ends no earlier than the notice period its terms agreed. */
function assertNotice(current: StoredAgreement, effectiveMs: number): void {
  const earliest = nowMs() + (current.terminationNoticeDays ?? 0) * 24 * 3600 * 1000;
  if (effectiveMs >= earliest - 60_000) return;
  throw new ValidationError('The termination notice period is not respected', {
    errors: [
      {
        path: 'body.effectiveAt',
        message: `must be on or after ${new Date(earliest).toISOString()} (${current.terminationNoticeDays} days' notice)`,
      },
    ],
  });
}

export function snapshot(a: Pick<Agreement, 'id' | 'partnerId' | 'kind' | 'title' | 'status'>) {
  return { id: a.id, partnerId: a.partnerId, kind: a.kind, title: a.title, status: a.status };
}

function versionOf(
  ctx: OperationContext,
  agreementId: string,
  n: number,
  summary: string,
  terms: StoredTerms,
  counterProposal: boolean,
): StoredVersion {
  return {
    agreementId,
    number: n,
    summary,
    terms,
    proposedBy: { side: sideOf(ctx.actor.role), sub: ctx.actor.sub, role: ctx.actor.role },
    proposedAt: nowIso(),
    counterProposal,
  };
}
