import { seasonalIndices } from '#functions/supply/forecasting/decomposition';
import type { ForecastPoint } from '#functions/supply/forecasting/types';

/**
 * Has demand moved away from the forecast? Two independent signals for demand-shift alerts:
 *
 * - outsideTwoConsecutive: two actuals in a row fall outside their prediction interval (95 % by default).
 *   Under the model that happens by chance with probability about 0.05^2 per pair, so it is a rare event,
 *   unlike a single miss, which one month in twenty produces anyway.
 * - levelShift: the level has moved, by a two-sample mean test. For every candidate start `at` within the
 *   actuals (leaving at least `minAfter` points after it), the mean of history + actuals from `at` to the end
 *   is compared with the mean of the `window` points before it with a pooled-variance t statistic. The split
 *   with the largest |t| is a shift when |t| >= `threshold` (4 by default: the search over splits is a
 *   multiple test, so the bar is higher than the usual 2) and the level moved by at least
 *   `minRelativeChange` of the old level (10 %), so a tiny but very regular change is not an alert.
 *   With `seasonLength` and two seasons of history, both sides are seasonally adjusted first (classical
 *   decomposition of the history), otherwise a summer peak would read as a shift; `before` and `after` are
 *   then seasonally adjusted levels. A trending series drifts away from any window; pass detrended or
 *   differenced values if the trend itself is not news.
 */

export interface LevelShift {
  /** Index in `actuals` where the new level starts. */
  at: number;
  /** Mean level of the window before `at`. */
  before: number;
  /** Mean level from `at` to the end. */
  after: number;
}

export interface DemandShift {
  outsideTwoConsecutive: boolean;
  levelShift: LevelShift | undefined;
}

export interface DemandShiftOptions {
  /** Which interval the actuals are checked against. */
  level?: 80 | 95;
  seasonLength?: number;
  minAfter?: number;
  window?: number;
  threshold?: number;
  minRelativeChange?: number;
}

export type IntervalBounds = Pick<ForecastPoint, 'lo80' | 'hi80' | 'lo95' | 'hi95'>;

export function detectDemandShift(
  history: readonly number[],
  actuals: readonly number[],
  intervals: readonly IntervalBounds[],
  options: DemandShiftOptions = {},
): DemandShift {
  return {
    outsideTwoConsecutive: outsideTwoConsecutive(actuals, intervals, options.level ?? 95),
    levelShift: levelShift(history, actuals, options),
  };
}

function outsideTwoConsecutive(
  actuals: readonly number[],
  intervals: readonly IntervalBounds[],
  level: 80 | 95,
): boolean {
  let run = 0;
  for (let i = 0; i < Math.min(actuals.length, intervals.length); i++) {
    const bounds = intervals[i]!;
    const [lo, hi] = level === 80 ? [bounds.lo80, bounds.hi80] : [bounds.lo95, bounds.hi95];
    run = actuals[i]! < lo || actuals[i]! > hi ? run + 1 : 0;
    if (run >= 2) return true;
  }
  return false;
}

const minBefore = 4;

function levelShift(
  history: readonly number[],
  actuals: readonly number[],
  options: DemandShiftOptions,
): LevelShift | undefined {
  const minAfter = options.minAfter ?? 3;
  const window = options.window ?? 12;
  const threshold = options.threshold ?? 4;
  const minRelativeChange = options.minRelativeChange ?? 0.1;
  const series = seasonallyAdjusted([...history, ...actuals], history, options.seasonLength ?? 1);

  let best: (LevelShift & { t: number }) | undefined;
  for (let at = 0; at <= actuals.length - minAfter; at++) {
    const split = history.length + at;
    const start = Math.max(0, split - window);
    if (split - start < minBefore) continue;
    const before = meanAndSquares(series, start, split);
    const after = meanAndSquares(series, split, series.length);
    const pooled = (before.squares + after.squares) / (before.count + after.count - 2);
    const difference = after.mean - before.mean;
    const t =
      pooled > 0
        ? difference / Math.sqrt(pooled * (1 / before.count + 1 / after.count))
        : difference === 0
          ? 0
          : Math.sign(difference) * Infinity;
    const material = Math.abs(difference) >= minRelativeChange * Math.abs(before.mean);
    if (Math.abs(t) >= threshold && material && (!best || Math.abs(t) > Math.abs(best.t))) {
      best = { at, before: before.mean, after: after.mean, t };
    }
  }
  return best && { at: best.at, before: best.before, after: best.after };
}

function seasonallyAdjusted(series: number[], history: readonly number[], m: number): number[] {
  if (m < 2 || history.length < 2 * m) return series;
  const multiplicative = history.every((v) => v > 0);
  const indices = seasonalIndices(history, m, multiplicative ? 'multiplicative' : 'additive');
  return series.map((v, t) => (multiplicative ? v / indices[t % m]! : v - indices[t % m]!));
}

/** Mean and sum of squared deviations of series[from..to). */
function meanAndSquares(
  series: readonly number[],
  from: number,
  to: number,
): { mean: number; squares: number; count: number } {
  const count = to - from;
  let mean = 0;
  for (let i = from; i < to; i++) mean += series[i]! / count;
  let squares = 0;
  for (let i = from; i < to; i++) squares += (series[i]! - mean) ** 2;
  return { mean, squares, count };
}
