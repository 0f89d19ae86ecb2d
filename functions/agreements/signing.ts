import { ulid } from 'ulid';
import { AgreementActivated, AgreementSigned } from '#functions/agreements/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import {
  assertMaySign,
  assertNegotiable,
  otherSide,
  sideOf,
  type Agreement,
  type Side,
  type Signature,
} from '#functions/agreements/domain/agreement';
import { termEnd } from '#functions/agreements/domain/terms';
import { getAgreement, notFound, present, snapshot } from '#functions/agreements/agreements';
import { AgreementEntity, type StoredAgreement } from '#functions/agreements/entities';
import { getStoredVersion } from '#functions/agreements/versions';
import { SlaDefinitionEntity } from '#functions/performance/index';
import type { Role } from '#shared/auth/roles';
import { ConflictError, PreconditionFailedError } from '#shared/errors';

/**
 * Signatures. Both sides signing the same version activates the agreement and materializes its SLA terms as SLA
 * definitions in the same transaction.
 */

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
    writes: [AgreementEntity.update(current, { signatures }, { expectedVersion: current.version, notFound })],
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
  // Active from here on: the entity puts the agreement in the expiry index.
  const change = {
    status: 'active' as const,
    signatures,
    activeVersion: n,
    effectiveAt,
    expiresAt,
    slaIds: slas.map((s) => s.id),
    renewal: terms.renewal,
    terminationNoticeDays: terms.terminationNoticeDays,
  };
  const next: StoredAgreement = { ...current, ...change, version: current.version + 1, updatedAt: at };
  const slaWrites = slas.map((sla) =>
    SlaDefinitionEntity.put(
      {
        ...sla,
        source: 'agreement',
        status: 'active',
        effectiveFrom: effectiveAt,
        ...newEntityMeta(ctx, at),
      },
      { ifAbsent: true },
    ),
  );
  await commit(ctx, {
    writes: [AgreementEntity.update(current, change, { expectedVersion: current.version, notFound }), ...slaWrites],
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
