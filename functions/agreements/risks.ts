import { ulid } from 'ulid';
import type * as z from 'zod';
import { RiskRaised } from '#functions/agreements/events';
import { outboxEvent } from '#events/outbox';
import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, type Write } from '#shared/db/commit';
import { editVersioned, newEntityMeta } from '#shared/db/edit';
import { listPartnerItems } from '#shared/db/partner-items';
import { getItem, toEntity, type Page } from '#shared/db/repository';
import { sideOf } from '#functions/agreements/domain/agreement';
import {
  assertRiskTransition,
  riskScore,
  type CreateRiskInput,
  type Risk,
  type RiskStatus,
  type UpdateRiskInput,
} from '#functions/agreements/domain/risk';
import { AgreementEntity, RiskEntity, risksOf } from '#functions/agreements/entities';
import { definedOnly } from '#shared/domain/common';
import { NotFoundError, ValidationError } from '#shared/errors';
import { getPartner } from '#functions/partners/index';

/** The shared risk register: either side raises and updates risks; both see all of them. */

const notFound = () => new NotFoundError('Risk not found');

export async function getRisk(partnerId: string, riskId: string): Promise<Risk> {
  const item = await getItem<Risk>(RiskEntity.key({ partnerId, id: riskId }));
  if (!item) throw notFound();
  return toEntity<Risk>(item);
}

export async function listRisks(
  partnerId: string,
  filter: { status?: RiskStatus; category?: string },
  page: { limit: number; cursor?: string },
): Promise<Page<Risk>> {
  return listPartnerItems<Risk>(partnerId, risksOf(partnerId), filter, page);
}

export async function raiseRisk(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof CreateRiskInput>,
): Promise<Risk> {
  await getPartner(partnerId);
  const id = ulid(nowMs());
  const risk: Risk = {
    id,
    partnerId,
    ...input,
    score: riskScore(input.likelihood, input.impact),
    status: 'open',
    raisedBy: sideOf(ctx.actor.role),
    ...newEntityMeta(ctx),
  };
  const writes: Write[] = [RiskEntity.put(risk, { ifAbsent: true })];
  if (input.agreementId) writes.push(linkedAgreement(partnerId, input.agreementId));
  await commit(ctx, {
    writes,
    audit: {
      action: 'risk.raised',
      entityType: 'risk',
      entityId: id,
      partnerId,
      note: `${risk.title} (score ${risk.score})`,
    },
    events: [
      outboxEvent(ctx, RiskRaised, partnerId, {
        risk: { id, title: risk.title, category: risk.category, score: risk.score, raisedBy: risk.raisedBy },
      }),
    ],
  });
  return risk;
}

export async function updateRisk(
  ctx: OperationContext,
  partnerId: string,
  riskId: string,
  expectedVersion: number,
  input: z.infer<typeof UpdateRiskInput>,
): Promise<Risk> {
  const current = await getRisk(partnerId, riskId);
  // A stale version is told before a refused transition, as the edit would tell it.
  assertVersion('risk', current.version, expectedVersion);
  if (input.status) assertRiskTransition(current.status, input.status);
  const merged = { ...current, ...definedOnly(input) };
  return editVersioned<Risk>(ctx, {
    entity: RiskEntity,
    what: 'risk',
    current,
    expectedVersion,
    set: { ...definedOnly(input), score: riskScore(merged.likelihood, merged.impact) },
    audit: { action: 'risk.updated', entityType: 'risk', entityId: riskId, partnerId },
    notFound,
  });
}

/** The write that checks, in the same transaction, that a linked agreement of this partner exists. */
export function linkedAgreement(partnerId: string, agreementId: string): Write {
  return {
    kind: 'exists',
    key: AgreementEntity.key({ partnerId, id: agreementId }),
    missing: () =>
      new ValidationError('The linked agreement does not exist', {
        errors: [{ path: 'body.agreementId', message: 'no such agreement for this partner' }],
      }),
  };
}

/** The write that checks, in the same transaction, that a linked risk of this partner exists. */
export function linkedRisk(partnerId: string, riskId: string, path: string): Write {
  return {
    kind: 'exists',
    key: RiskEntity.key({ partnerId, id: riskId }),
    missing: () =>
      new ValidationError('A linked risk does not exist', {
        errors: [{ path, message: 'no such risk for this partner' }],
      }),
  };
}
