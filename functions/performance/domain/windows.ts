/**
 * Window aggregation over metric rollups. Pure: the I/O layer reads the buckets (one Query per SLA) and passes
 * them in; nothing here knows where they came from.
 *
 * Rollups are kept per partner x metric at three resolutions (5 minutes, 1 hour, 1 day). Every reported point is
 * added to exactly one bucket of each resolution, so any one resolution alone describes the whole series.
 *
 * The rules, in one place:
 * - A window ending at `now` is `[now - window, now)`.
 * - Resolution: among the resolutions supplied and complete from the window's first bucket on (see
 *   `completeFrom`), the coarsest that still gives at least 24 buckets in the window; if none does, the finest.
 *   (5 m for windows up to 2 h, 1 h from 24 h, 1 d from 24 d: 30-day objectives read ~30 day buckets, not 8,640.)
 * - Edge buckets: a bucket counts when it overlaps the window (`start < now && start + resolution > now - window`).
 *   That includes the partly-elapsed oldest bucket and the in-progress newest one, so a window always sees at least
 *   its full length of data and at most one bucket more. Including only buckets that *start* inside the window
 *   would leave the 5-minute window holding a few seconds of data right after each bucket boundary, which is
 *   exactly when the 5-minute monitor runs.
 * - No data: a window whose buckets hold no point (count 0 and total 0) aggregates to `undefined`.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const resolutions = ['PT5M', 'PT1H', 'P1D'] as const;
export type Resolution = (typeof resolutions)[number];
export const resolutionMs: Readonly<Record<Resolution, number>> = { PT5M: 5 * MINUTE, PT1H: HOUR, P1D: DAY };

/** The fewest buckets a window should span before a coarser resolution is used for it. */
const MIN_BUCKETS_PER_WINDOW = 24;

/**
 * One rollup bucket. Value points (`{ at, value }`) feed sum/count/min/max; event counts (`{ at, good, total }`)
 * feed good/total. min/max mean nothing when count is 0.
 */
export interface Bucket {
  /** Epoch ms, aligned to the resolution (UTC). */
  start: number;
  sum: number;
  count: number;
  min: number;
  max: number;
  good: number;
  total: number;
  /** Epoch ms of the newest point in the bucket. */
  lastAt?: number;
}

/** The buckets read for one partner x metric, per resolution, each ordered by start (unordered input is sorted). */
export type Rollups = Partial<Record<Resolution, readonly Bucket[]>>;

export interface WindowOptions {
  /**
   * Per resolution, the epoch ms from which the supplied buckets are complete (older ones may have expired, e.g.
   * 5-minute buckets kept for 2 days). A resolution is used for a window only when complete from the window's
   * first bucket. Default: every supplied resolution is complete as far back as needed.
   */
  completeFrom?: Partial<Record<Resolution, number>>;
}

export interface WindowAggregate {
  from: number;
  to: number;
  resolution: Resolution;
  /** Buckets with data in the window. */
  buckets: number;
  sum: number;
  count: number;
  /** Over buckets with count > 0; undefined when count is 0. */
  min: number | undefined;
  max: number | undefined;
  good: number;
  total: number;
  /** Newest point in the window (a bucket without lastAt counts as reported at its start). */
  lastAt: number | undefined;
}

export type ValueAggregate = 'avg' | 'sum' | 'min' | 'max';

/** Rollups indexed once per evaluation, so several windows over the same buckets cost a binary search each. */
export interface RollupIndex {
  readonly series: Partial<Record<Resolution, readonly Bucket[]>>;
  readonly completeFrom: Partial<Record<Resolution, number>>;
}

export function indexRollups(rollups: Rollups | RollupIndex, opts: WindowOptions = {}): RollupIndex {
  if (isIndex(rollups)) return rollups;
  const series: Partial<Record<Resolution, readonly Bucket[]>> = {};
  for (const r of resolutions) {
    const buckets = rollups[r];
    if (buckets) series[r] = isSorted(buckets) ? buckets : [...buckets].sort((a, b) => a.start - b.start);
  }
  return { series, completeFrom: opts.completeFrom ?? {} };
}

function isIndex(x: Rollups | RollupIndex): x is RollupIndex {
  return 'series' in x && 'completeFrom' in x;
}

function isSorted(buckets: readonly Bucket[]): boolean {
  for (let i = 1; i < buckets.length; i++) if (buckets[i - 1]!.start > buckets[i]!.start) return false;
  return true;
}

/** The resolution a window of `windowMs` ending at `now` is read at, or undefined when none is usable. */
export function chooseResolution(index: RollupIndex, windowMs: number, now: number): Resolution | undefined {
  let chosen: Resolution | undefined;
  for (const r of resolutions) {
    if (!index.series[r]) continue;
    const res = resolutionMs[r];
    const firstStart = Math.floor((now - windowMs) / res) * res;
    if ((index.completeFrom[r] ?? Number.NEGATIVE_INFINITY) > firstStart) continue;
    // Resolutions are listed finest first: take the finest usable one, then any coarser one that keeps 24 buckets.
    if (chosen === undefined || windowMs / res >= MIN_BUCKETS_PER_WINDOW) chosen = r;
  }
  return chosen;
}

/** Everything the buckets say about `[now - windowMs, now)`, or undefined when the window holds no point. */
export function aggregateWindow(
  rollups: Rollups | RollupIndex,
  windowMs: number,
  now: number,
  opts: WindowOptions = {},
): WindowAggregate | undefined {
  const index = indexRollups(rollups, opts);
  const resolution = chooseResolution(index, windowMs, now);
  if (!resolution) return undefined;
  const buckets = index.series[resolution]!;
  const res = resolutionMs[resolution];
  const from = now - windowMs;

  const agg: WindowAggregate = {
    from,
    to: now,
    resolution,
    buckets: 0,
    sum: 0,
    count: 0,
    min: undefined,
    max: undefined,
    good: 0,
    total: 0,
    lastAt: undefined,
  };
  for (let i = firstAtOrAfter(buckets, from - res + 1); i < buckets.length; i++) {
    const b = buckets[i]!;
    if (b.start >= now) break;
    if (b.count <= 0 && b.total <= 0) continue;
    agg.buckets++;
    if (b.count > 0) {
      agg.sum += b.sum;
      agg.count += b.count;
      agg.min = agg.min === undefined ? b.min : Math.min(agg.min, b.min);
      agg.max = agg.max === undefined ? b.max : Math.max(agg.max, b.max);
    }
    agg.good += b.good;
    agg.total += b.total;
    const last = b.lastAt ?? b.start;
    if (agg.lastAt === undefined || last > agg.lastAt) agg.lastAt = last;
  }
  return agg.buckets > 0 ? agg : undefined;
}

/** Index of the first bucket with start >= t. */
function firstAtOrAfter(buckets: readonly Bucket[], t: number): number {
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (buckets[mid]!.start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** avg (= sum / count), sum, min or max of the value points in a window; undefined without value points. */
export function valueOf(agg: WindowAggregate | undefined, aggregate: ValueAggregate): number | undefined {
  if (!agg || agg.count <= 0) return undefined;
  switch (aggregate) {
    case 'avg':
      return agg.sum / agg.count;
    case 'sum':
      return agg.sum;
    case 'min':
      return agg.min;
    case 'max':
      return agg.max;
  }
}

/** good/total event counts in a window; undefined without events. */
export function ratioOf(agg: WindowAggregate | undefined): { good: number; total: number } | undefined {
  if (!agg || agg.total <= 0) return undefined;
  return { good: agg.good, total: agg.total };
}

export function windowValue(
  rollups: Rollups | RollupIndex,
  aggregate: ValueAggregate,
  windowMs: number,
  now: number,
  opts?: WindowOptions,
): number | undefined {
  return valueOf(aggregateWindow(rollups, windowMs, now, opts), aggregate);
}

export function windowRatio(
  rollups: Rollups | RollupIndex,
  windowMs: number,
  now: number,
  opts?: WindowOptions,
): { good: number; total: number } | undefined {
  return ratioOf(aggregateWindow(rollups, windowMs, now, opts));
}

/**
 * The newest report in any supplied resolution (a bucket without lastAt counts as reported at its start), or
 * undefined when no bucket holds a point. Looks at every resolution because the finest may have expired.
 */
export function lastReportAt(rollups: Rollups | RollupIndex): number | undefined {
  const index = indexRollups(rollups);
  let last: number | undefined;
  for (const r of resolutions) {
    const buckets = index.series[r];
    if (!buckets) continue;
    for (let i = buckets.length - 1; i >= 0; i--) {
      const b = buckets[i]!;
      if (last !== undefined && b.start + resolutionMs[r] <= last) break; // nothing older can be newer
      if (b.count <= 0 && b.total <= 0) continue;
      const at = b.lastAt ?? b.start;
      if (last === undefined || at > last) last = at;
    }
  }
  return last;
}

// Ingest side: the I/O layer adds each reported point to one bucket per resolution with these.

/** Start of the bucket of `resolution` holding instant `at` (UTC-aligned). */
export function bucketStart(at: number, resolution: Resolution): number {
  const res = resolutionMs[resolution];
  return Math.floor(at / res) * res;
}

export type MetricSample = { at: number; value: number } | { at: number; good: number; total: number };

/** A new bucket holding `sample` when `bucket` is undefined, else `bucket` with `sample` added. */
export function addToBucket(bucket: Bucket | undefined, sample: MetricSample, resolution: Resolution): Bucket {
  const b: Bucket = bucket
    ? { ...bucket }
    : { start: bucketStart(sample.at, resolution), sum: 0, count: 0, min: 0, max: 0, good: 0, total: 0 };
  if ('value' in sample) {
    b.min = b.count === 0 ? sample.value : Math.min(b.min, sample.value);
    b.max = b.count === 0 ? sample.value : Math.max(b.max, sample.value);
    b.sum += sample.value;
    b.count += 1;
  } else {
    b.good += sample.good;
    b.total += sample.total;
  }
  b.lastAt = b.lastAt === undefined ? sample.at : Math.max(b.lastAt, sample.at);
  return b;
}

/** ISO-8601 duration (days, hours, minutes) of a whole number of minutes: 2_592_000_000 -> 'P30D'. */
export function isoDuration(ms: number): string {
  let minutes = Math.round(ms / MINUTE);
  const days = Math.floor(minutes / 1440);
  minutes -= days * 1440;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const time = (hours ? `${hours}H` : '') + (minutes ? `${minutes}M` : '');
  if (!days && !time) return 'PT0M';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
