import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { systemContext } from '#shared/context';
import { logger } from '#shared/log';
import { reportWork } from '#shared/queue/report';
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
  const summary: ForecastWorkSummary = {
    series: refs.length,
    forecast: 0,
    unchanged: 0,
    short: 0,
    alertsRaised: 0,
    alertsResolved: 0,
    failed: 0,
  };
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
  const done = { fitted: 0, reused: 0, tooShort: 0, failed: 0, alertsRaised: 0, alertsResolved: 0 };
  for (const record of event.Records) {
    try {
      const batch = ForecastBatch.parse(JSON.parse(record.body));
      const summary = await forecastBatch(batch.series, `${batch.tick}#${record.messageId}`);
      done.fitted += summary.forecast;
      done.reused += summary.unchanged;
      done.tooShort += summary.short;
      done.failed += summary.failed;
      done.alertsRaised += summary.alertsRaised;
      done.alertsResolved += summary.alertsResolved;
      if (summary.failed) batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error('forecast batch failed', { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  reportWork('forecast batch done', done, { records: event.Records.length, failedRecords: batchItemFailures.length });
  return { batchItemFailures };
}

export const handler = invocation(run);
