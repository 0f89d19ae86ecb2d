import { startLocalRuntime } from '#infra/local/runtime';
import { writeAll } from './table';
import { keys } from '#shared/db/keys';
import { forecast } from '#shared/domain/forecasting/forecast';
import { periodOf, shiftPeriod } from '#shared/domain/supply/period';

/**
 * Forecasting figures: series fitted per second on one core with the full model set (48 monthly points,
 * horizon 12: naive, seasonal naive, SES, Theta, damped Holt, Holt-Winters additive and multiplicative, and
 * their combinations, by rolling-origin holdout), and the forecast job's wall time (planner -> in-process queue
 * -> workers, on DynamoDB Local) at a number of series. The setup writes sales and series entries directly;
 * only the job is timed. Locally the workers share this one Node.js thread, so the job's fitting runs on one
 * core while DynamoDB Local uses the other.
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
    const value = (level + trend * t) * (1 + season * Math.sin((2 * Math.PI * t) / 12)) * (1 + noise * (random() * 2 - 1));
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
  return { series: count, seconds: Math.round(seconds * 100) / 100, seriesPerSecond: Math.round(count / seconds), models };
}

export async function measureForecastJob(sizes: number[]): Promise<JobFigures[]> {
  const runtime = await startLocalRuntime({ port: 0, tableName: 'accord-bench-supply', seed: false, schedules: false, quiet: true });
  try {
    const last = shiftPeriod(periodOf(Date.now(), 'month'), -1);
    const skus = Array.from({ length: SKUS_PER_PARTNER }, (_, i) => `BENCH-${i}`);
    await writeAll(skus.map((sku) => ({ ...keys.product(sku), type: 'Product', sku, name: sku, family: 'bench', unit: 'pcs', leadTimeDays: 14, version: 1 })));
    const figures: JobFigures[] = [];
    let written = 0;
    for (const size of sizes) {
      const items: Record<string, unknown>[] = [];
      for (let k = written; k < size; k++) {
        const partnerId = `BENCH${String(Math.floor(k / SKUS_PER_PARTNER)).padStart(21, '0')}`;
        const sku = skus[k % SKUS_PER_PARTNER]!;
        syntheticSeries(k).forEach((units, t) => {
          const period = shiftPeriod(last, t - (MONTHS - 1));
          items.push({ ...keys.salesRecord(partnerId, sku, 'month', period), type: 'SalesRecord', partnerId, sku, granularity: 'month', period, units, reportedAt: new Date().toISOString(), reportedBy: 'bench' });
        });
        items.push({ ...keys.seriesEntry(partnerId, sku, 'month'), ...keys.forecastableSeries(partnerId, sku, 'month'), type: 'DemandSeries', partnerId, sku, granularity: 'month', periods: MONTHS });
      }
      await writeAll(items);
      written = size;
      const started = performance.now();
      const summary = (await runtime.runJob('forecast')) as { series: number; batches: number };
      const seconds = (performance.now() - started) / 1000;
      figures.push({ series: summary.series, seconds: Math.round(seconds * 10) / 10, seriesPerSecond: Math.round(summary.series / seconds), batches: summary.batches });
    }
    return figures;
  } finally {
    await runtime.drainEvents(120_000).catch(() => undefined);
    await runtime.stop();
  }
}


