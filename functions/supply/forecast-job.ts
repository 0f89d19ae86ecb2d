import * as z from 'zod';
import { nowIso } from '#shared/clock';
import { queryAll } from '#shared/db/repository';
import { logger } from '#shared/log';
import { sendInBatches } from '#shared/queue/send';
import { invocation } from '#shared/invocation';
import { SeriesEntryEntity } from '#functions/supply/entities';

/**
 * The forecast job's planner (daily): pages through the series that have enough history (sparse GSI2, kept
 * by sales reporting) and hands them to the `forecast-worker` in batches (SQS in AWS, in process locally). It
 * fits nothing itself, so it finishes in seconds whatever the number of series; the workers scale out.
 * Running it twice is harmless: the workers reuse a forecast already fitted on the same data and open at most
 * one alert per key.
 */

export const FORECAST_QUEUE = 'forecast-series';
/** Series per message: ~40 ms of fitting each on one core, so a batch is a few seconds of work. */
export const SERIES_PER_MESSAGE = 50;

export const ForecastBatch = z.strictObject({
  tick: z.string().max(40),
  series: z
    .array(
      z.strictObject({
        partnerId: z.string().max(40),
        sku: z.string().max(64),
        granularity: z.enum(['week', 'month']),
      }),
    )
    .min(1)
    .max(200),
});
export type ForecastBatch = z.infer<typeof ForecastBatch>;

export interface ForecastPlanSummary {
  job: 'forecast';
  tick: string;
  series: number;
  batches: number;
}

export async function run(event: { job?: string; scheduledTime?: string } = {}): Promise<ForecastPlanSummary> {
  const tick = event.scheduledTime ?? nowIso();
  const series = queryAll<{ partnerId: string; sku: string; granularity: 'week' | 'month' }>({
    index: SeriesEntryEntity.indexes.forecastable.index,
    partition: SeriesEntryEntity.indexes.forecastable.pk(),
    limit: 500,
  });
  const sent = await sendInBatches(FORECAST_QUEUE, series, {
    perMessage: SERIES_PER_MESSAGE,
    unit: (s) => ({ partnerId: s.partnerId, sku: s.sku, granularity: s.granularity }),
    message: (units): ForecastBatch => ({ tick, series: units }),
  });
  const summary: ForecastPlanSummary = { job: 'forecast', tick, series: sent.units, batches: sent.messages };
  logger.info('forecast planned', { ...summary });
  return summary;
}

export const handler = invocation(run);
