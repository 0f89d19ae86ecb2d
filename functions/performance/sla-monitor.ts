import * as z from 'zod';
import { nowIso } from '#shared/clock';
import { SlaDefinitionEntity } from '#functions/performance/entities';
import { queryAll } from '#shared/db/repository';
import { logger } from '#shared/log';
import { sendInBatches } from '#shared/queue/send';
import { invocation } from '#shared/invocation';

/**
 * The SLA monitor's planner (every 5 minutes): pages through the active-SLA index (sparse GSI2, ~100 SLAs per
 * Query page) and hands the SLAs to the `sla-monitor-worker` in batches of 25 (SQS in AWS, in process locally).
 * It evaluates nothing itself, so it finishes in seconds whatever the number of SLAs; the workers scale out.
 *
 * Running it twice, or a run dying half way, is harmless: every evaluation is idempotent (evaluation.ts), so a
 * batch sent twice costs reads, never a second alert or notification, and the next run re-sends everything.
 */

export const EVALUATION_QUEUE = 'sla-evaluations';
/** SLAs per message: one BatchGetItem (25 SLAs + their 75 possible open alerts) and ~25 Queries per batch. */
export const SLAS_PER_MESSAGE = 25;

export const EvaluationBatch = z.strictObject({
  /** The tick that planned this batch (ISO-8601): a batch delivered long after its tick is skipped. */
  tick: z.string().max(40),
  slas: z
    .array(z.strictObject({ partnerId: z.string().max(40), slaId: z.string().max(40) }))
    .min(1)
    .max(100),
});
export type EvaluationBatch = z.infer<typeof EvaluationBatch>;

export interface PlanSummary {
  job: 'sla-monitor';
  tick: string;
  slas: number;
  batches: number;
}

export async function run(event: { job?: string; scheduledTime?: string } = {}): Promise<PlanSummary> {
  const tick = event.scheduledTime ?? nowIso();
  const active = queryAll<{ partnerId: string; id: string }>({
    index: 'GSI2',
    partition: SlaDefinitionEntity.indexes.active.pk(),
    limit: 100,
  });
  const sent = await sendInBatches(EVALUATION_QUEUE, active, {
    perMessage: SLAS_PER_MESSAGE,
    unit: (sla) => ({ partnerId: sla.partnerId, slaId: sla.id }),
    message: (slas): EvaluationBatch => ({ tick, slas }),
  });
  const summary: PlanSummary = { job: 'sla-monitor', tick, slas: sent.units, batches: sent.messages };
  logger.info('sla-monitor planned', { ...summary });
  return summary;
}

export const handler = invocation(run);
