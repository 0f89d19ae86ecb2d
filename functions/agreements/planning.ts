import { ulid } from 'ulid';
import type * as z from 'zod';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, put, type Write } from '#shared/db/commit';
import { keys } from '#shared/db/keys';
import { getItem, toEntity, type Page } from '#shared/db/repository';
import type { CreatePlanningSessionInput, PlanningSession } from '#functions/agreements/domain/planning';
import { NotFoundError, ValidationError } from '#shared/errors';
import { getPartner, listPartnerItems } from '#functions/partners/partners';
import { linkedAgreement } from '#functions/agreements/risks';

/** Joint planning sessions: who met, what was decided, who does what by when, and what it relates to. */

export async function getPlanningSession(partnerId: string, sessionId: string): Promise<PlanningSession> {
  const item = await getItem<PlanningSession>(keys.planningSession(partnerId, sessionId));
  if (!item) throw new NotFoundError('Planning session not found');
  return toEntity<PlanningSession>(item);
}

export async function listPlanningSessions(
  partnerId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<PlanningSession>> {
  return listPartnerItems<PlanningSession>(partnerId, keys.planningSessionsOf(partnerId), {}, page);
}

export async function recordPlanningSession(
  ctx: OperationContext,
  partnerId: string,
  input: z.infer<typeof CreatePlanningSessionInput>,
): Promise<PlanningSession> {
  await getPartner(partnerId);
  const id = ulid(nowMs());
  const at = nowIso();
  const session: PlanningSession = {
    id,
    partnerId,
    ...input,
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: ctx.actor.sub,
  };
  // Links must point at this partner's own agreement and risks: checked in the same transaction.
  const links: Write[] = [
    ...(input.agreementId ? [linkedAgreement(partnerId, input.agreementId)] : []),
    ...input.riskIds.flatMap((riskId, i): Write[] =>
      input.riskIds.indexOf(riskId) !== i
        ? []
        : [
            {
              kind: 'exists',
              key: keys.risk(partnerId, riskId),
              missing: () =>
                new ValidationError('A linked risk does not exist', {
                  errors: [{ path: `body.riskIds.${i}`, message: 'no such risk for this partner' }],
                }),
            },
          ],
    ),
  ];
  await commit(ctx, {
    writes: [
      put({ ...keys.planningSession(partnerId, id), type: 'PlanningSession', ...session }, { ifAbsent: true }),
      ...links,
    ],
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
