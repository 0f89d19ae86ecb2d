import * as z from 'zod';
import { nowIso } from '#shared/clock';
import { keys } from '#shared/db/keys';
import { queryAll } from '#shared/db/repository';
import { logger } from '#shared/log';
import { sendWork } from '#shared/queue/send';
import { invocation } from '#shared/invocation';

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
    .array(z.strictObject({ partnerId: z.string().max(40), sku: z.string().max(64), granularity: z.enum(['week', 'month']) }))
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
  const summary: ForecastPlanSummary = { job: 'forecast', tick, series: 0, batches: 0 };
  let pending: ForecastBatch['series'] = [];
  const send = async (all: boolean) => {
    const messages: ForecastBatch[] = [];
    while (pending.length >= SERIES_PER_MESSAGE || (all && pending.length > 0)) {
      messages.push({ tick, series: pending.splice(0, SERIES_PER_MESSAGE) });
    }
    await sendWork(FORECAST_QUEUE, messages);
    summary.batches += messages.length;
  };
  const series = queryAll<{ partnerId: string; sku: string; granularity: 'week' | 'month' }>({
    index: 'GSI2',
    partition: keys.forecastableSeriesPartition,
    limit: 500,
  });
  for await (const page of series) {
    for (const s of page) pending.push({ partnerId: s.partnerId, sku: s.sku, granularity: s.granularity });
    summary.series += page.length;
    await send(false);
  }
  await send(true);
  logger.info('forecast planned', { ...summary });
  return summary;
}

export const handler = invocation(run);
