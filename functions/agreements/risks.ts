import { ulid } from 'ulid';
import type * as z from 'zod';
import { RiskRaised } from '#functions/agreements/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, put, versionedUpdate, type Write } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
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
import { definedOnly } from '#shared/domain/common';
import { diffFields } from '#functions/partners/domain/partner';
import { NotFoundError, ValidationError } from '#shared/errors';
import { getPartner, listPartnerItems } from '#functions/partners/partners';

/** The shared risk register: either side raises and updates risks; both see all of them. */

const notFound = () => new NotFoundError('Risk not found');

export async function getRisk(partnerId: string, riskId: string): Promise<Risk> {
  const item = await getItem<Risk>(keys.risk(partnerId, riskId));
  if (!item) throw notFound();
  return toEntity<Risk>(item);
}

export async function listRisks(
  partnerId: string,
  filter: { status?: RiskStatus; category?: string },
  page: { limit: number; cursor?: string },
): Promise<Page<Risk>> {
  return listPartnerItems<Risk>(partnerId, keys.risksOf(partnerId), filter, page);
}

export async function raiseRisk(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof CreateRiskInput>,
): Promise<Risk> {
  await getPartner(partnerId);
  const id = ulid(nowMs());
  const at = nowIso();
  const risk: Risk = {
    id,
    partnerId,
    ...input,
    score: riskScore(input.likelihood, input.impact),
    status: 'open',
    raisedBy: sideOf(ctx.actor.role),
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: ctx.actor.sub,
  };
  const writes: Write[] = [put({ ...keys.risk(partnerId, id), type: 'Risk', ...risk }, { ifAbsent: true })];
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
  assertVersion('risk', current.version, expectedVersion);
  if (input.status) assertRiskTransition(current.status, input.status);
  const merged = { ...current, ...definedOnly(input) };
  const set = { ...definedOnly(input), score: riskScore(merged.likelihood, merged.impact) };
  const changes = diffFields(current, set);
  if (Object.keys(changes).length === 0) return current;
  await commit(ctx, {
    writes: [versionedUpdate(keys.risk(partnerId, riskId), expectedVersion, set, { notFound })],
    audit: { action: 'risk.updated', entityType: 'risk', entityId: riskId, partnerId, changes },
  });
  return { ...merged, score: set.score, version: current.version + 1, updatedAt: nowIso() };
}

export function linkedAgreement(partnerId: string, agreementId: string): Write {
  return {
    kind: 'exists',
    key: keys.agreement(partnerId, agreementId),
    missing: () =>
      new ValidationError('The linked agreement does not exist', {
        errors: [{ path: 'body.agreementId', message: 'no such agreement for this partner' }],
      }),
  };
}
