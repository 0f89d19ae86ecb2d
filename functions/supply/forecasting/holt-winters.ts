import { alphaBounds, phiBounds } from '#functions/supply/forecasting/exponential-smoothing';
import { nelderMead } from '#functions/supply/forecasting/optimize';
import type { FittedModel } from '#functions/supply/forecasting/types';

/**
 * Holt-Winters with additive or multiplicative seasonality, in the error-correction form of ETS(A,Ad,A) and
 * ETS(A,Ad,M) (Hyndman et al. 2008). The trend's damping phi is fitted in [0.8, 1]: phi = 1 is the classical
 * undamped method (a steadily growing series such as CO2 needs it), below that the trend fades; the holdout
 * then judges whether extrapolating the trend pays.
 *
 * alpha, beta = alpha * b, gamma = (1 - alpha) * g and phi minimize the in-sample one-step SSE (bounded
 * Nelder-Mead; the reparametrization keeps beta <= alpha and gamma <= 1 - alpha with box bounds). The initial
 * states come from the first two or three seasons: season means give level and trend, the detrended
 * values give the seasonal indices, normalized to sum 0 (additive) or average 1 (multiplicative).
 *
 * Forecast variance: additive, the exact class-1 formula sigma^2 [1 + sum_{j<h} (alpha + beta phi_j
 * + gamma [j mod m = 0])^2]; multiplicative has no closed form, so it uses the first-order (delta-method)
 * approximation of the same sum, where an error at step j reaches step h through the level and trend scaled
 * by s_h / s_j, and through the seasonal index by l_h / l_j when h - j is a multiple of m.
 * sigma^2 = SSE / (n - 4 - 2 - m): four parameters, and level, trend and m seasonal initial states.
 */

export type Seasonality = 'additive' | 'multiplicative';

export function holtWintersAdditive(y: ArrayLike<number>, seasonLength: number): FittedModel {
  return holtWinters(y, seasonLength, 'additive');
}

/** Only for strictly positive series: the seasonal index is a ratio. */
export function holtWintersMultiplicative(y: ArrayLike<number>, seasonLength: number): FittedModel {
  return holtWinters(y, seasonLength, 'multiplicative');
}

export function holtWinters(y: ArrayLike<number>, seasonLength: number, seasonality: Seasonality): FittedModel {
  const n = y.length;
  const m = seasonLength;
  const multiplicative = seasonality === 'multiplicative';
  if (m < 2 || n < 2 * m) throw new RangeError(`Holt-Winters needs two full seasons (${2 * m} observations), got ${n}`);
  if (multiplicative) {
    for (let t = 0; t < n; t++)
      if (!(y[t]! > 0)) throw new RangeError('multiplicative Holt-Winters needs a strictly positive series');
  }

  const init = initialStates(y, m, multiplicative);
  const season = new Float64Array(m);
  const filter = multiplicative ? filterMultiplicative : filterAdditive;
  const objective = (x: Float64Array) => {
    const alpha = x[0]!;
    return filter(y, init, season, alpha, alpha * x[1]!, (1 - alpha) * x[2]!, x[3]!, null);
  };

  let start = [0.5, 0.1, 0.1, 0.95];
  let startValue = Number.POSITIVE_INFINITY;
  for (const alpha of [0.1, 0.5, 0.9]) {
    const value = filter(y, init, season, alpha, alpha * 0.1, (1 - alpha) * 0.1, 0.95, null);
    if (value < startValue) {
      startValue = value;
      start = [alpha, 0.1, 0.1, 0.95];
    }
  }
  const fit = nelderMead(
    objective,
    start,
    [alphaBounds[0], 1e-4, 1e-4, phiBounds[0]],
    [alphaBounds[1], 0.9999, 0.9999, 1],
    {
      maxEvaluations: 300,
    },
  );
  const alpha = fit.x[0]!;
  const beta = alpha * fit.x[1]!;
  const gamma = (1 - alpha) * fit.x[2]!;
  const phi = fit.x[3]!;
  const final = new Float64Array(2);
  const sse = filter(y, init, season, alpha, beta, gamma, phi, final);
  if (!Number.isFinite(sse)) throw new RangeError('Holt-Winters found no admissible parameters for this series');
  const level = final[0]!;
  const trend = final[1]!;
  // The seasonal index for forecast step k (1-based) sits in slot (n + k - 1) mod m.
  const seasonAt = (k: number) => season[(n + k - 1) % m]!;
  const baseAt = (k: number) => level + dampedSum(phi, k) * trend;
  const sigma2 = sse / Math.max(1, n - (4 + 2 + m));

  return {
    model: multiplicative ? 'holt-winters-multiplicative' : 'holt-winters-additive',
    params: { alpha, beta, gamma, phi },
    sigma2,
    point: (h) => {
      const f = new Float64Array(h);
      for (let k = 1; k <= h; k++) f[k - 1] = multiplicative ? baseAt(k) * seasonAt(k) : baseAt(k) + seasonAt(k);
      return f;
    },
    variance: (h) => {
      const damped = new Float64Array(h + 1);
      for (let k = 1; k <= h; k++) damped[k] = damped[k - 1]! + phi ** k;
      const v = new Float64Array(h);
      for (let k = 1; k <= h; k++) {
        let sum = 0;
        for (let j = 1; j < k; j++) {
          const seasonal = (k - j) % m === 0 ? gamma : 0;
          const smoothing = alpha + beta * damped[k - j]!;
          const c = multiplicative
            ? (smoothing * seasonAt(k)) / seasonAt(j) +
              (seasonal * (level + damped[k]! * trend)) / (level + damped[j]! * trend)
            : smoothing + seasonal;
          sum += c * c;
        }
        v[k - 1] = sigma2 * (1 + sum);
      }
      return v;
    },
  };
}

interface InitialStates {
  level: number;
  trend: number;
  season: Float64Array;
}

function initialStates(y: ArrayLike<number>, m: number, multiplicative: boolean): InitialStates {
  const seasons = Math.min(3, Math.floor(y.length / m));
  const means = new Float64Array(seasons);
  for (let k = 0; k < seasons; k++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += y[k * m + j]!;
    means[k] = sum / m;
  }
  const trend = (means[seasons - 1]! - means[0]!) / ((seasons - 1) * m);
  // The first season's mean sits at time (m + 1) / 2; the level is wanted at time 0, before the first value.
  const level = means[0]! - (trend * (m + 1)) / 2;
  const season = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let sum = 0;
    for (let k = 0; k < seasons; k++) {
      const t = k * m + j;
      const line = level + trend * (t + 1);
      sum += multiplicative ? y[t]! / line : y[t]! - line;
    }
    season[j] = sum / seasons;
  }
  let centre = 0;
  for (let j = 0; j < m; j++) centre += season[j]! / m;
  for (let j = 0; j < m; j++) season[j] = multiplicative ? season[j]! / centre : season[j]! - centre;
  return { level, trend, season };
}

/** One-step SSE; leaves the final seasonal state in `season` and, when asked, [level, trend] in `final`. */
function filterAdditive(
  y: ArrayLike<number>,
  init: InitialStates,
  season: Float64Array,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  final: Float64Array | null,
): number {
  const m = season.length;
  season.set(init.season);
  let level = init.level;
  let trend = init.trend;
  let sse = 0;
  for (let t = 0, j = 0; t < y.length; t++, j = j + 1 === m ? 0 : j + 1) {
    const base = level + phi * trend;
    const e = y[t]! - (base + season[j]!);
    sse += e * e;
    level = base + alpha * e;
    trend = phi * trend + beta * e;
    season[j] = season[j]! + gamma * e;
  }
  if (final) {
    final[0] = level;
    final[1] = trend;
  }
  return sse;
}

function filterMultiplicative(
  y: ArrayLike<number>,
  init: InitialStates,
  season: Float64Array,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  final: Float64Array | null,
): number {
  const m = season.length;
  season.set(init.season);
  let level = init.level;
  let trend = init.trend;
  let sse = 0;
  for (let t = 0, j = 0; t < y.length; t++, j = j + 1 === m ? 0 : j + 1) {
    const base = level + phi * trend;
    const s = season[j]!;
    // A non-positive level or index has left the model's domain (the ratio form would flip signs).
    if (!(base > 0 && s > 0)) return Number.POSITIVE_INFINITY;
    const e = y[t]! - base * s;
    sse += e * e;
    level = base + (alpha * e) / s;
    trend = phi * trend + (beta * e) / s;
    season[j] = s + (gamma * e) / base;
  }
  if (final) {
    final[0] = level;
    final[1] = trend;
  }
  return sse;
}

/** phi + phi^2 + ... + phi^k. */
function dampedSum(phi: number, k: number): number {
  let sum = 0;
  let power = 1;
  for (let i = 0; i < k; i++) {
    power *= phi;
    sum += power;
  }
  return sum;
}
