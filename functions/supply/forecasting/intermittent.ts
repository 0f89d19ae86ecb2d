import { minimize1d, nelderMead } from '#functions/supply/forecasting/optimize';
import type { FittedModel, ModelName } from '#functions/supply/forecasting/types';

/**
 * Intermittent demand: many periods without any demand. Croston (1972) smooths the non-zero demand sizes
 * and the intervals between them separately and forecasts size / interval; SBA (Syntetos & Boylan 2005)
 * multiplies by 1 - alpha/2 to remove Croston's upward bias; TSB (Teunter, Syntetos & Babai 2011) smooths
 * the probability of a demand every period, so the forecast decays when demand stops (obsolescence).
 *
 * Initialization: Croston starts from the first demand and the interval from the start of the series to it
 * (as `forecast::croston`); TSB from the share of periods with demand and the mean demand size. Smoothing
 * parameters minimize the one-step SSE (Croston/SBA from the first demand on), within [0.01, 0.5].
 *
 * These models have no accepted variance formula, so the interval is empirical: the variance for step k is
 * the mean squared error of the in-sample k-step forecasts (forecast at every in-sample origin, compared
 * with the value k periods later; the forecasts are flat, so that is one pass per step), made
 * non-decreasing in k.
 */

const smoothingBounds = [0.01, 0.5] as const;

/** ADI above this is intermittent (Syntetos, Boylan & Croston 2005). */
export const intermittentAdi = 1.32;

export interface DemandProfile {
  /** Average demand interval: periods per period with demand (n / non-zero count). */
  adi: number;
  /** Squared coefficient of variation of the non-zero demand sizes. */
  cv2: number;
  nonZero: number;
}

export function demandProfile(y: ArrayLike<number>): DemandProfile {
  let nonZero = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t]! !== 0) {
      nonZero++;
      sum += y[t]!;
      sumSquares += y[t]! ** 2;
    }
  }
  const mean = nonZero ? sum / nonZero : 0;
  const variance = nonZero ? sumSquares / nonZero - mean * mean : 0;
  return {
    adi: nonZero ? y.length / nonZero : Number.POSITIVE_INFINITY,
    cv2: mean ? Math.max(0, variance) / (mean * mean) : 0,
    nonZero,
  };
}

/** Non-negative, some demand, some zeros, and on average more than 1.32 periods per demand. */
export function isIntermittent(y: ArrayLike<number>): boolean {
  for (let t = 0; t < y.length; t++) if (y[t]! < 0) return false;
  const { adi, nonZero } = demandProfile(y);
  return nonZero > 0 && nonZero < y.length && adi > intermittentAdi;
}

export interface CrostonOptions {
  /** Fix the smoothing parameter (sizes and intervals) instead of fitting it. */
  alpha?: number;
}

export function croston(y: ArrayLike<number>, options: CrostonOptions = {}): FittedModel {
  return crostonFamily(y, 'croston', options);
}

/** Syntetos-Boylan approximation: Croston times (1 - alpha / 2). */
export function sba(y: ArrayLike<number>, options: CrostonOptions = {}): FittedModel {
  return crostonFamily(y, 'sba', options);
}

function crostonFamily(y: ArrayLike<number>, model: 'croston' | 'sba', options: CrostonOptions): FittedModel {
  if (y.length < 1) throw new RangeError(`${model} needs at least one observation`);
  const path = new Float64Array(y.length);
  const factor = (alpha: number) => (model === 'sba' ? 1 - alpha / 2 : 1);
  const alpha =
    options.alpha ??
    minimize1d((a) => crostonFilter(y, a, factor(a), path).sse, smoothingBounds[0], smoothingBounds[1]).x;
  const { sse, count, first } = crostonFilter(y, alpha, factor(alpha), path);
  return flatModel(model, { alpha }, y, path, first, count ? sse / count : 0);
}

/** One-step SSE from the first demand on; path[t] is the forecast made at the end of period t. */
function crostonFilter(
  y: ArrayLike<number>,
  alpha: number,
  factor: number,
  path: Float64Array,
): { sse: number; count: number; first: number } {
  const n = y.length;
  let first = 0;
  while (first < n && !(y[first]! > 0)) path[first++] = 0;
  if (first === n) return { sse: 0, count: 0, first: 0 };
  let size = y[first]!;
  let interval = first + 1;
  let sinceDemand = 0;
  let sse = 0;
  path[first] = (factor * size) / interval;
  for (let t = first + 1; t < n; t++) {
    const e = y[t]! - (factor * size) / interval;
    sse += e * e;
    sinceDemand++;
    if (y[t]! > 0) {
      size += alpha * (y[t]! - size);
      interval += alpha * (sinceDemand - interval);
      sinceDemand = 0;
    }
    path[t] = (factor * size) / interval;
  }
  return { sse, count: n - first - 1, first };
}

export interface TsbOptions {
  /** Smoothing of the demand size. */
  alpha?: number;
  /** Smoothing of the demand probability. */
  beta?: number;
}

export function tsb(y: ArrayLike<number>, options: TsbOptions = {}): FittedModel {
  const n = y.length;
  if (n < 1) throw new RangeError('TSB needs at least one observation');
  const path = new Float64Array(n);
  let alpha = options.alpha;
  let beta = options.beta;
  if (alpha === undefined || beta === undefined) {
    const fixedAlpha = alpha;
    const fixedBeta = beta;
    const fit = nelderMead(
      (x) => tsbFilter(y, fixedAlpha ?? x[0]!, fixedBeta ?? x[1]!, path),
      [0.1, 0.1],
      [smoothingBounds[0], smoothingBounds[0]],
      [smoothingBounds[1], smoothingBounds[1]],
      { maxEvaluations: 120 },
    );
    alpha = fixedAlpha ?? fit.x[0]!;
    beta = fixedBeta ?? fit.x[1]!;
  }
  const sse = tsbFilter(y, alpha, beta, path);
  return flatModel('tsb', { alpha, beta }, y, path, 0, sse / n);
}

function tsbFilter(y: ArrayLike<number>, alpha: number, beta: number, path: Float64Array): number {
  const n = y.length;
  let nonZero = 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    if (y[t]! > 0) {
      nonZero++;
      sum += y[t]!;
    }
  }
  let probability = nonZero / n;
  let size = nonZero ? sum / nonZero : 0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t]! - probability * size;
    sse += e * e;
    if (y[t]! > 0) {
      probability += beta * (1 - probability);
      size += alpha * (y[t]! - size);
    } else {
      probability -= beta * probability;
    }
    path[t] = probability * size;
  }
  return sse;
}

/** A flat forecast (the last in-sample one) with the empirical k-step variance described above. */
function flatModel(
  model: ModelName,
  params: Record<string, number>,
  y: ArrayLike<number>,
  path: Float64Array,
  first: number,
  sigma2: number,
): FittedModel {
  const n = y.length;
  const last = path[n - 1]!;
  return {
    model,
    params,
    sigma2,
    point: (h) => new Float64Array(h).fill(last),
    variance: (h) => {
      const v = new Float64Array(h);
      let previous = sigma2 > 0 ? sigma2 : demandVariance(y);
      for (let k = 1; k <= h; k++) {
        let sum = 0;
        let count = 0;
        for (let t = first; t + k < n; t++) {
          const e = y[t + k]! - path[t]!;
          sum += e * e;
          count++;
        }
        previous = Math.max(previous, count ? sum / count : previous);
        v[k - 1] = previous;
      }
      return v;
    },
  };
}

function demandVariance(y: ArrayLike<number>): number {
  let mean = 0;
  for (let t = 0; t < y.length; t++) mean += y[t]! / y.length;
  let sum = 0;
  for (let t = 0; t < y.length; t++) sum += (y[t]! - mean) ** 2;
  return sum / y.length;
}
