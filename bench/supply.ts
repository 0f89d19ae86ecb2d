import { startLocalRuntime } from '#infra/local/runtime';
import { writeAll } from './table';
import { forecastBatch } from '#functions/supply/forecast-worker';
import { checkCover } from '#functions/supply/cover-check';
import { metered } from '#shared/db/client';
import { InventoryLevelEntity, ProductEntity, SalesRecordEntity, SeriesEntryEntity } from '#functions/supply/entities';
import { forecast } from '#functions/supply/forecasting/forecast';
import { periodOf, shiftPeriod } from '#functions/supply/domain/period';

/**
 * Forecasting figures: series fitted per second on one core with the full model set (48 monthly points,
 * horizon 12: naive, seasonal naive, SES, Theta, damped Holt, Holt-Winters additive and multiplicative, and
 * their combinations, by rolling-origin holdout), and the forecast job's wall time (planner -> in-process queue
 * -> workers, on DynamoDB Local) at a number of series. The setup writes sales and series entries directly;
 * only the job is timed. DynamoDB requests per series are counted on a separate batch of 50 series: the first
 * run fits and writes, the second finds nothing changed. Locally the workers share this one Node.js thread, so
 * the job's fitting runs on one core while DynamoDB Local uses the other. Then the hourly cover check runs over
 * the catalog: every SKU has two inventory levels shared with all partners, stocked well above their lead time,
 * so it reads everything and raises nothing.
 */

export interface FitFigures {
  series: number;
  seconds: number;
  seriesPerSecond: number;
  models: Record<string, number>;
}

export interface JobFigures {
  series: number;
  seconds: number;
  seriesPerSecond: number;
  batches: number;
}

export interface SeriesRequestFigures {
  /** DynamoDB requests per series when it is fitted and written. */
  fitted: number;
  /** ... and when a re-run finds the same data. */
  unchanged: number;
  /** The hourly cover check over the catalog (each partner's and the network's demand of every series the job forecast). */
  coverCheck: { products: number; levels: number; seconds: number; requestsPerProduct: number };
}

const MONTHS = 48;
const SKUS_PER_PARTNER = 10;

/** A deterministic monthly demand series: level, trend, yearly season and noise, a few intermittent. */
function syntheticSeries(k: number): number[] {
  let seed = (k * 2654435761) >>> 0;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const level = 20 + random() * 800;
  const trend = (random() - 0.4) * level * 0.01;
  const season = random() * 0.4;
  const noise = 0.05 + random() * 0.15;
  const intermittent = k % 10 === 9;
  return Array.from({ length: MONTHS }, (_, t) => {
    if (intermittent) return random() < 0.35 ? Math.round(1 + random() * 6) : 0;
    const value =
      (level + trend * t) * (1 + season * Math.sin((2 * Math.PI * t) / 12)) * (1 + noise * (random() * 2 - 1));
    return Math.max(0, Math.round(value));
  });
}

export function measureFitting(count: number): FitFigures {
  const series = Array.from({ length: count }, (_, k) => syntheticSeries(k));
  forecast(series[0]!, { seasonLength: 12, horizon: 12 }); // warm the JIT
  const models: Record<string, number> = {};
  const started = performance.now();
  for (const y of series) {
    const result = forecast(y, { seasonLength: 12, horizon: 12, nonNegative: true });
    models[result.model] = (models[result.model] ?? 0) + 1;
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    series: count,
    seconds: Math.round(seconds * 100) / 100,
    seriesPerSecond: Math.round(count / seconds),
    models,
  };
}

const SKUS = Array.from({ length: SKUS_PER_PARTNER }, (_, i) => `BENCH-${i}`);

/** Sales and the series entry of series k; `plannable` puts it in the planner's index. */
function seriesItems(k: number, partnerPrefix: string, plannable: boolean): Record<string, unknown>[] {
  const last = shiftPeriod(periodOf(Date.now(), 'month'), -1);
  const partnerId = `${partnerPrefix}${String(Math.floor(k / SKUS_PER_PARTNER)).padStart(26 - partnerPrefix.length, '0')}`;
  const sku = SKUS[k % SKUS_PER_PARTNER]!;
  const items: Record<string, unknown>[] = syntheticSeries(k).map((units, t) => {
    const period = shiftPeriod(last, t - (MONTHS - 1));
    return {
      ...SalesRecordEntity.storage({ partnerId, sku, granularity: 'month', period } as never),
      partnerId,
      sku,
      granularity: 'month',
      period,
      units,
      reportedAt: new Date().toISOString(),
      reportedBy: 'bench',
    };
  });
  items.push({
    // Out of the planner's index unless plannable: its condition reads the period count.
    ...SeriesEntryEntity.storage({ partnerId, sku, granularity: 'month', periods: plannable ? MONTHS : 0 } as never),
    partnerId,
    sku,
    granularity: 'month',
    periods: MONTHS,
  });
  return items;
}

async function writeCatalog(): Promise<void> {
  const now = new Date().toISOString();
  await writeAll(
    SKUS.flatMap((sku) => [
      {
        ...ProductEntity.storage({ sku } as never),
        sku,
        name: sku,
        family: 'bench',
        unit: 'pcs',
        leadTimeDays: 14,
        version: 1,
      },
      ...['DE-HAM', 'US-DAL'].map((location) => ({
        ...InventoryLevelEntity.storage({ sku, location } as never),
        sku,
        location,
        onHand: 1_000_000,
        allocated: 0,
        available: 1_000_000,
        inbound: [],
        sharedWith: 'all',
        version: 1,
        createdAt: now,
        updatedAt: now,
        createdBy: 'bench',
      })),
    ]),
  );
}

export async function measureForecastJob(
  sizes: number[],
): Promise<{ jobs: JobFigures[]; requests: SeriesRequestFigures }> {
  const runtime = await startLocalRuntime({
    port: 0,
    tableName: 'accord-bench-supply',
    seed: false,
    schedules: false,
    quiet: true,
  });
  try {
    await writeCatalog();
    const sample = Array.from({ length: 50 }, (_, k) => k);
    await writeAll(sample.flatMap((k) => seriesItems(k, 'BENCHREQ', false)));
    const refs = sample.map((k) => ({
      partnerId: `BENCHREQ${String(Math.floor(k / SKUS_PER_PARTNER)).padStart(18, '0')}`,
      sku: SKUS[k % SKUS_PER_PARTNER]!,
      granularity: 'month' as const,
    }));
    const perSeries = async () =>
      Math.round(((await metered(() => forecastBatch(refs, 'bench'))).dynamoRequests / refs.length) * 100) / 100;
    const requests = { fitted: await perSeries(), unchanged: await perSeries() };

    const figures: JobFigures[] = [];
    let written = 0;
    for (const size of sizes) {
      const items: Record<string, unknown>[] = [];
      for (let k = written; k < size; k++) items.push(...seriesItems(k, 'BENCH', true));
      await writeAll(items);
      written = size;
      const started = performance.now();
      const summary = (await runtime.runJob('forecast')) as { series: number; batches: number };
      const seconds = (performance.now() - started) / 1000;
      figures.push({
        series: summary.series,
        seconds: Math.round(seconds * 10) / 10,
        seriesPerSecond: Math.round(summary.series / seconds),
        batches: summary.batches,
      });
    }
    const started = performance.now();
    const { result: checked, dynamoRequests } = await metered(() => checkCover(new Date().toISOString()));
    const coverCheck = {
      products: checked.products,
      levels: checked.levels,
      seconds: Math.round((performance.now() - started) / 10) / 100,
      requestsPerProduct: Math.round((dynamoRequests / Math.max(1, checked.products)) * 100) / 100,
    };
    return { jobs: figures, requests: { ...requests, coverCheck } };
  } finally {
    await runtime.drainEvents(120_000).catch(() => undefined);
    await runtime.stop();
  }
}
