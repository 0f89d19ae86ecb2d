import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { nowMs } from '#shared/clock';
import { metered } from '#shared/db/client';
import { systemContext } from '#shared/context';
import { logger } from '#shared/log';
import { reportWork } from '#shared/queue/report';
import {
  emptySummary,
  evaluateBatch,
  addSummaries,
  type EvaluationSummary,
  type SlaRef,
} from '#functions/performance/evaluation';
import { EvaluationBatch } from '#functions/performance/sla-monitor';
import { invocation } from '#shared/invocation';

/**
 * The `sla-monitor-worker`: evaluates the batches the planner sent (8 SLAs in flight), and reports failed
 * records (SQS partial batch response), so only a batch with a failed evaluation is delivered again. Its
 * evaluations are idempotent, so a redelivered batch re-does at most what is left to do.
 */

/** A batch older than this is skipped: later ticks have planned (and will plan) the same SLAs again. */
export const STALE_AFTER_MS = 15 * 60_000;

export async function run(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  const total = emptySummary();
  let stale = 0;
  for (const record of event.Records) {
    try {
      const batch = EvaluationBatch.parse(JSON.parse(record.body));
      const now = nowMs();
      const tickMs = Date.parse(batch.tick);
      if (Number.isFinite(tickMs) && now - tickMs > STALE_AFTER_MS) {
        logger.warn('stale SLA batch skipped', {
          tick: batch.tick,
          slas: batch.slas.length,
          messageId: record.messageId,
        });
        stale += batch.slas.length;
        continue;
      }
      const ctx = systemContext('sla-monitor', `${batch.tick}#${record.messageId}`);
      const { summary, failures } = await evaluateBatch(batch.slas, { ctx });
      addSummaries(total, summary);
      if (failures.length) {
        logger.error('SLA batch had failed evaluations: it will be retried', { messageId: record.messageId, failures });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    } catch (error) {
      logger.error('SLA batch failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  reportWork(
    'SLA batches evaluated',
    {
      evaluated: total.evaluated,
      skipped: total.skipped,
      stale,
      alertsRaised: total.raised,
      alertsUpdated: total.updated,
      alertsRenotified: total.renotified,
      recovering: total.recovering,
      alertsResolved: total.resolved,
      missingData: total.missingData,
      failed: total.failed,
    },
    { records: event.Records.length, failedRecords: batchItemFailures.length },
  );
  return { batchItemFailures };
}

/**
 * For `npm run bench`: evaluates `refs` in process exactly as a worker does (batches of 25, 8 in flight) and
 * counts the DynamoDB requests it sends (reads and transactions; concurrent work elsewhere is not counted).
 */
export async function evaluateSlasMetered(
  refs: SlaRef[],
  options: { batchSize?: number; concurrency?: number } = {},
): Promise<{ summary: EvaluationSummary; dynamoRequests: number; requestsPerEvaluation: number }> {
  const size = options.batchSize ?? 25;
  const { result: summary, dynamoRequests } = await metered(async () => {
    const total = emptySummary();
    for (let start = 0; start < refs.length; start += size) {
      const ctx = systemContext('sla-monitor', `bench#${start}`);
      const { summary: part } = await evaluateBatch(refs.slice(start, start + size), {
        ctx,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      });
      addSummaries(total, part);
    }
    return total;
  });
  return { summary, dynamoRequests, requestsPerEvaluation: summary.evaluated ? dynamoRequests / summary.evaluated : 0 };
}

export const handler = invocation(run);
