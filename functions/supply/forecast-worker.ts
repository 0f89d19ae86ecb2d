import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { systemContext } from '#shared/context';
import { logger } from '#shared/log';
import { ForecastBatch } from '#functions/supply/forecast-job';
import { forecastSeries, type SeriesRef } from '#functions/supply/series-forecast';
import { invocation } from '#shared/invocation';
import { forEachLimited } from '#shared/concurrency';

/**
 * The `forecast-worker`: forecasts the series of each batch the planner sent (a few in flight: fitting is CPU,
 * the reads and writes around it are I/O) and reports failed records (SQS partial batch response), so only a
 * batch with a failed series is delivered again. Series work is idempotent, so a redelivery re-does at most what
 * is left to do.
 */

const CONCURRENCY = 4;

export interface ForecastWorkSummary {
  series: number;
  forecast: number;
  unchanged: number;
  short: number;
  alertsRaised: number;
  alertsResolved: number;
  failed: number;
}

export async function forecastBatch(refs: SeriesRef[], requestId: string): Promise<ForecastWorkSummary> {
  const ctx = systemContext('forecast', requestId);
  const summary: ForecastWorkSummary = { series: refs.length, forecast: 0, unchanged: 0, short: 0, alertsRaised: 0, alertsResolved: 0, failed: 0 };
  await forEachLimited(refs, CONCURRENCY, async (ref) => {
    try {
      const result = await forecastSeries(ctx, ref);
      summary[result.outcome] += 1;
      summary.alertsRaised += result.alertsRaised;
      summary.alertsResolved += result.alertsResolved;
    } catch (error) {
      summary.failed += 1;
      logger.error('series forecast failed', { ...ref, error: error as Error });
    }
  });
  return summary;
}

export async function run(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const batch = ForecastBatch.parse(JSON.parse(record.body));
      const summary = await forecastBatch(batch.series, `${batch.tick}#${record.messageId}`);
      logger.info('forecast batch done', { messageId: record.messageId, ...summary });
      if (summary.failed) batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error('forecast batch failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

export const handler = invocation(run);
