import {
  addToBucket,
  bucketStart,
  resolutions,
  type Bucket,
  type MetricSample,
  type Resolution,
  type Rollups,
} from '#functions/performance/domain/windows';

// Test data for the SLA engine: samples rolled up into buckets exactly as ingest will do it.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A monitor tick a little after a 5-minute boundary, as the scheduler runs. */
export const NOW = Date.parse('2026-06-30T12:02:30Z');

/** Samples rolled up into the given resolutions (all by default), each ordered by start. */
export function rollup(samples: Iterable<MetricSample>, only: readonly Resolution[] = resolutions): Rollups {
  const byResolution = new Map<Resolution, Map<number, Bucket>>(only.map((r) => [r, new Map()]));
  for (const sample of samples) {
    for (const [r, buckets] of byResolution) {
      const start = bucketStart(sample.at, r);
      buckets.set(start, addToBucket(buckets.get(start), sample, r));
    }
  }
  const rollups: Rollups = {};
  for (const [r, buckets] of byResolution) rollups[r] = [...buckets.values()].sort((a, b) => a.start - b.start);
  return rollups;
}

/**
 * One event-count sample a minute into every 5-minute slot of [from, to) (`good` of `total` events), as a
 * partner reporting its ticket counts every 5 minutes.
 */
export function* eventsEvery5m(from: number, to: number, good: (at: number) => number, total = 100) {
  for (let slot = bucketStart(from, 'PT5M'); slot < to; slot += 5 * MINUTE) {
    const at = slot + MINUTE;
    if (at >= from && at < to) yield { at, good: good(at), total } satisfies MetricSample;
  }
}

/** One value sample per hour of [from, to), a minute past the hour. */
export function* valuesHourly(from: number, to: number, value: (at: number) => number) {
  for (let hour = bucketStart(from, 'PT1H'); hour < to; hour += HOUR) {
    const at = hour + MINUTE;
    if (at >= from && at < to) yield { at, value: value(at) } satisfies MetricSample;
  }
}
