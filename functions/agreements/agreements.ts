import { ulid } from 'ulid';
import type * as z from 'zod';
import {
  AgreementActivated,
  AgreementProposed,
  AgreementSigned,
  AgreementTerminated,
} from '#functions/agreements/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, put, versionedUpdate, type Write } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { getItem, queryPage, toEntity, type Page } from '#shared/db/repository';
import {
  assertMaySign,
  assertNegotiable,
  otherSide,
  sideOf,
  type Agreement,
  type AgreementStatus,
  type CreateAgreementInput,
  type ProposalInput,
  type Side,
  type Signature,
} from '#functions/agreements/domain/agreement';
import { termEnd, type Terms } from '#functions/agreements/domain/terms';
import type { Role } from '#shared/auth/roles';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '#shared/errors';
import { getPartner, listPartnerItems } from '#functions/partners/partners';
import { getStoredVersion, storeTerms, type StoredTerms } from '#functions/agreements/versions';
import { retireSlas } from '#functions/performance/retire-slas';

/**
 * The negotiation workflow. Every proposal is an immutable version; the agreement item tracks the newest one
 * and the signatures on it. Both sides signing the same version activates the agreement and materializes its
 * SLA terms as SLA definitions in the same transaction.
 */

const notFound = () => new NotFoundError('Agreement not found');

/** What the agreement item stores beyond the API shape, for the reminders job and counter-proposals. */
export interface StoredAgreement extends Agreement {
  lastProposedBy: Side;
  renewal?: Terms['renewal'];
  terminationNoticeDays?: number;
}

export async function getAgreement(partnerId: string, agreementId: string): Promise<StoredAgreement> {
  const item = await getItem<StoredAgreement>(keys.agreement(partnerId, agreementId));
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
  const result = await listPartnerItems<StoredAgreement>(partnerId, keys.agreementsOf(partnerId), { status }, page);
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
  const result = await queryPage<StoredAgreement>({
    index: 'GSI1',
    partition: keys.agreementsPartition,
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
  const at = nowIso();
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
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: ctx.actor.sub,
  };
  const terms = await storeTerms(id, input.terms);
  await commit(ctx, {
    writes: [
      put(
        { ...keys.agreement(partnerId, id), ...keys.agreementsByNewest(id), type: 'Agreement', ...agreement },
        { ifAbsent: true },
      ),
      put(versionItem(ctx, partnerId, id, 1, input.summary, terms, false), { ifAbsent: true }),
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
  const next: StoredAgreement = {
    ...current,
    status: 'negotiating',
    currentVersion: n,
    // Signatures name an older version now: they are void.
    signatures: {},
    lastProposedBy: side,
    version: current.version + 1,
    updatedAt: nowIso(),
  };
  const terms = await storeTerms(agreementId, input.terms);
  const voided = (['vendor', 'partner'] as const).filter((s) => current.signatures[s]);
  await commit(ctx, {
    writes: [
      put(versionItem(ctx, partnerId, agreementId, n, input.summary, terms, counterProposal), {
        ifAbsent: true,
        onConflict: () =>
          new PreconditionFailedError('Another proposal was made at the same time: read the agreement again'),
      }),
      versionedUpdate(
        keys.agreement(partnerId, agreementId),
        expectedVersion,
        {
          status: next.status,
          currentVersion: n,
          signatures: {},
          lastProposedBy: side,
        },
        { notFound },
      ),
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
 * Signs version `n` for the caller's side. Concurrent signatures race on the agreement's version: the loser
 * re-reads and tries again, so a signature lands at most once per side, activation happens exactly once, and
 * a version superseded meanwhile is refused.
 */
export async function sign(
  ctx: OperationContext,
  partnerId: string,
  agreementId: string,
  n: number,
): Promise<Agreement> {
  assertMaySign(ctx.actor.role as Role);
  const side = sideOf(ctx.actor.role);
  for (let attempt = 1; ; attempt++) {
    const current = await getAgreement(partnerId, agreementId);
    const already = current.signatures[side];
    if (already?.version === n && (current.status === 'active' || current.currentVersion === n))
      return present(current);
    assertNegotiable(current);
    if (n !== current.currentVersion) {
      throw new ConflictError(
        n < current.currentVersion
          ? `Version ${n} was superseded by version ${current.currentVersion}: only the newest proposal can be signed`
          : `Version ${n} does not exist yet; the newest is ${current.currentVersion}`,
      );
    }
    const signature: Signature = { version: n, by: ctx.actor.sub, role: ctx.actor.role, at: nowIso() };
    try {
      return current.signatures[otherSide(side)]?.version === n
        ? await activate(ctx, current, side, signature)
        : await addSignature(ctx, current, side, signature);
    } catch (error) {
      // Someone else changed the agreement between our read and our write: look again.
      if (error instanceof PreconditionFailedError && attempt < 8) continue;
      throw error;
    }
  }
}

async function addSignature(
  ctx: OperationContext,
  current: StoredAgreement,
  side: Side,
  signature: Signature,
): Promise<Agreement> {
  const signatures = { ...current.signatures, [side]: signature };
  const next = { ...current, signatures, version: current.version + 1, updatedAt: nowIso() };
  await commit(ctx, {
    writes: [
      versionedUpdate(keys.agreement(current.partnerId, current.id), current.version, { signatures }, { notFound }),
    ],
    audit: {
      action: 'agreement.signed',
      entityType: 'agreement',
      entityId: current.id,
      partnerId: current.partnerId,
      note: `${side} signed version ${signature.version}`,
    },
    events: [
      outboxEvent(ctx, AgreementSigned, current.partnerId, {
        agreement: snapshot(next),
        version: signature.version,
        side,
      }),
    ],
  });
  return present(next);
}

async function activate(
  ctx: OperationContext,
  current: StoredAgreement,
  side: Side,
  signature: Signature,
): Promise<Agreement> {
  const n = signature.version;
  const { terms } = await getStoredVersion(current.partnerId, current.id, n);
  const effectiveAt = new Date(`${terms.effectiveDate}T00:00:00Z`).toISOString();
  const expiresAt = termEnd(terms);
  if (Date.parse(expiresAt) <= nowMs()) {
    throw new ConflictError(
      `The term of version ${n} ended on ${expiresAt.slice(0, 10)}: propose new dates before signing`,
    );
  }
  const slas = terms.slas.map((sla) => ({
    ...sla,
    id: ulid(nowMs()),
    partnerId: current.partnerId,
    agreementId: current.id,
    agreementVersion: n,
  }));
  const at = nowIso();
  const signatures = { ...current.signatures, [side]: signature };
  const next: StoredAgreement = {
    ...current,
    status: 'active',
    signatures,
    activeVersion: n,
    effectiveAt,
    expiresAt,
    slaIds: slas.map((s) => s.id),
    renewal: terms.renewal,
    terminationNoticeDays: terms.terminationNoticeDays,
    version: current.version + 1,
    updatedAt: at,
  };
  const slaWrites: Write[] = slas.map((sla) =>
    put(
      {
        ...keys.sla(current.partnerId, sla.id),
        ...keys.activeSla(current.partnerId, sla.id),
        type: 'SlaDefinition',
        ...sla,
        source: 'agreement',
        status: 'active',
        effectiveFrom: effectiveAt,
        version: 1,
        createdAt: at,
        updatedAt: at,
        createdBy: ctx.actor.sub,
      },
      { ifAbsent: true },
    ),
  );
  await commit(ctx, {
    writes: [
      versionedUpdate(
        keys.agreement(current.partnerId, current.id),
        current.version,
        {
          status: 'active',
          signatures,
          activeVersion: n,
          effectiveAt,
          expiresAt,
          slaIds: next.slaIds,
          renewal: terms.renewal,
          terminationNoticeDays: terms.terminationNoticeDays,
          ...keys.activeAgreementByExpiry(expiresAt, current.partnerId, current.id),
        },
        { notFound },
      ),
      ...slaWrites,
    ],
    audit: {
      action: 'agreement.activated',
      entityType: 'agreement',
      entityId: current.id,
      partnerId: current.partnerId,
      changes: { status: { from: current.status, to: 'active' } },
      note: `${side} signed version ${n}; both parties have signed; ${slas.length} SLA definition(s) created`,
    },
    events: [
      outboxEvent(ctx, AgreementSigned, current.partnerId, { agreement: snapshot(next), version: n, side }),
      outboxEvent(ctx, AgreementActivated, current.partnerId, {
        agreement: snapshot(next),
        version: n,
        effectiveAt,
        expiresAt,
        slaIds: next.slaIds ?? [],
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
  if (current.status === 'active') {
    const earliest = nowMs() + (current.terminationNoticeDays ?? 0) * 24 * 3600 * 1000;
    if (effectiveMs < earliest - 60_000) {
      throw new ValidationError('The termination notice period is not respected', {
        errors: [
          {
            path: 'body.effectiveAt',
            message: `must be on or after ${new Date(earliest).toISOString()} (${current.terminationNoticeDays} days' notice)`,
          },
        ],
      });
    }
  }
  const immediate = current.status !== 'active' || effectiveMs <= nowMs();
  const termination = {
    reason: input.reason,
    effectiveAt: immediate ? nowIso() : new Date(effectiveMs).toISOString(),
    by: ctx.actor.sub,
  };
  const next: StoredAgreement = {
    ...current,
    status: immediate ? 'terminated' : current.status,
    termination,
    ...(immediate ? {} : { expiresAt: termination.effectiveAt }),
    version: current.version + 1,
    updatedAt: nowIso(),
  };
  const update = immediate
    ? versionedUpdate(
        keys.agreement(partnerId, agreementId),
        expectedVersion,
        { status: 'terminated', termination },
        { notFound, remove: ['GSI2PK', 'GSI2SK'] },
      )
    : versionedUpdate(
        keys.agreement(partnerId, agreementId),
        expectedVersion,
        {
          termination,
          expiresAt: termination.effectiveAt,
          ...keys.activeAgreementByExpiry(termination.effectiveAt, partnerId, agreementId),
        },
        { notFound },
      );
  const retired = immediate ? await retireSlas(ctx, current, 'agreement terminated') : { writes: [], events: [] };
  await commit(ctx, {
    writes: [update, ...retired.writes],
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

export function snapshot(a: Pick<Agreement, 'id' | 'partnerId' | 'kind' | 'title' | 'status'>) {
  return { id: a.id, partnerId: a.partnerId, kind: a.kind, title: a.title, status: a.status };
}

function versionItem(
  ctx: OperationContext,
  partnerId: string,
  agreementId: string,
  n: number,
  summary: string,
  terms: StoredTerms,
  counterProposal: boolean,
) {
  return {
    ...keys.agreementVersion(partnerId, agreementId, n),
    type: 'AgreementVersion',
    agreementId,
    number: n,
    summary,
    terms,
    proposedBy: { side: sideOf(ctx.actor.role), sub: ctx.actor.sub, role: ctx.actor.role },
    proposedAt: nowIso(),
    counterProposal,
  };
}
