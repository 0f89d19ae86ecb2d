import { ulid } from 'ulid';
import type * as z from 'zod';
import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, type Write } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { listPartnerItems } from '#shared/db/partner-items';
import { getItem, toEntity, type Page } from '#shared/db/repository';
import type { CreatePlanningSessionInput, PlanningSession } from '#functions/agreements/domain/planning';
import { PlanningSessionEntity, planningSessionsOf } from '#functions/agreements/entities';
import { NotFoundError } from '#shared/errors';
import { getPartner } from '#functions/partners/index';
import { linkedAgreement, linkedRisk } from '#functions/agreements/risks';

/** Joint planning sessions: who met, what was decided, who does what by when, and what it relates to. */

export async function getPlanningSession(partnerId: string, sessionId: string): Promise<PlanningSession> {
  const item = await getItem<PlanningSession>(PlanningSessionEntity.key({ partnerId, id: sessionId }));
  if (!item) throw new NotFoundError('Planning session not found');
  return toEntity<PlanningSession>(item);
}

export async function listPlanningSessions(
  partnerId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<PlanningSession>> {
  return listPartnerItems<PlanningSession>(partnerId, planningSessionsOf(partnerId), {}, page);
}

export async function recordPlanningSession(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof CreatePlanningSessionInput>,
): Promise<PlanningSession> {
  await getPartner(partnerId);
  const id = ulid(nowMs());
  const session: PlanningSession = { id, partnerId, ...input, ...newEntityMeta(ctx) };
  // Links must point at this partner's own agreement and risks: checked in the same transaction.
  const links: Write[] = [
    ...(input.agreementId ? [linkedAgreement(partnerId, input.agreementId)] : []),
    ...input.riskIds.flatMap((riskId, i): Write[] =>
      input.riskIds.indexOf(riskId) !== i ? [] : [linkedRisk(partnerId, riskId, `body.riskIds.${i}`)],
    ),
  ];
  await commit(ctx, {
    writes: [PlanningSessionEntity.put(session, { ifAbsent: true }), ...links],
    audit: {
      action: 'planning-session.recorded',
      entityType: 'planning-session',
      entityId: id,
      partnerId,
      note: `${input.title}: ${input.decisions.length} decision(s), ${input.actionItems.length} action item(s)`,
    },
  });
  return session;
}
