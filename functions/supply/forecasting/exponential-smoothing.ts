import { minimize1d, nelderMead } from '#functions/supply/forecasting/optimize';
import type { FittedModel } from '#functions/supply/forecasting/types';

/**
 * Simple exponential smoothing, ETS(A,N,N), and additive damped trend, ETS(A,Ad,N), in error-correction
 * form (Hyndman, Koehler, Ord & Snyder 2008, "Forecasting with Exponential Smoothing").
 *
 * Smoothing parameters minimize the in-sample one-step SSE. The initial states are not guessed: for fixed
 * smoothing parameters these models are linear in their initial states, so each objective evaluation
 * carries the sensitivity of every one-step forecast to the initial level (and trend) along and solves the
 * least-squares problem for them in closed form ("concentrating them out"). That costs a few flops per
 * observation, and a short or trending series is not penalized for a bad first guess.
 *
 * Forecast variances are the exact class-1 formulas (Hyndman et al. 2008, Table 6.1):
 * SES sigma^2 [1 + alpha^2 (h - 1)], damped Holt sigma^2 [1 + sum_{j<h} (alpha + beta phi_j)^2] with
 * phi_j = phi + ... + phi^j; sigma^2 is SSE / (n - number of estimated parameters and states).
 */

export const alphaBounds = [1e-4, 0.9999] as const;
export const phiBounds = [0.8, 0.98] as const;

export interface SesOptions {
  /** Fix alpha instead of fitting it. */
  alpha?: number;
}

/** Forecasts the current smoothed level, flat. */
export function ses(y: ArrayLike<number>, options: SesOptions = {}): FittedModel {
  const n = y.length;
  if (n < 2) throw new RangeError('SES needs at least two observations');
  const alpha = options.alpha ?? minimize1d((a) => sesSse(y, a).sse, alphaBounds[0], alphaBounds[1]).x;
  const { level0 } = sesSse(y, alpha);

  let level = level0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t]! - level;
    sse += e * e;
    level += alpha * e;
  }
  const sigma2 = sse / Math.max(1, n - 2);
  const final = level;
  return {
    model: 'ses',
    params: { alpha, level0 },
    sigma2,
    point: (h) => new Float64Array(h).fill(final),
    variance: (h) => {
      const v = new Float64Array(h);
      for (let k = 1; k <= h; k++) v[k - 1] = sigma2 * (1 + alpha * alpha * (k - 1));
      return v;
    },
  };
}

/** In-sample SSE of SES with the least-squares initial level, and that level. */
export function sesSse(y: ArrayLike<number>, alpha: number): { sse: number; level0: number } {
  const guess = y[0]!;
  let level = guess;
  let sensitivity = 1;
  let see = 0;
  let sed = 0;
  let sdd = 0;
  for (let t = 0; t < y.length; t++) {
    const e = y[t]! - level;
    see += e * e;
    sed += e * sensitivity;
    sdd += sensitivity * sensitivity;
    level += alpha * e;
    sensitivity *= 1 - alpha;
  }
  const shift = sed / sdd;
  return { sse: Math.max(0, see - shift * sed), level0: guess + shift };
}

/** Additive damped trend: the trend fades by phi per step, so long horizons do not extrapolate forever. */
export function dampedHolt(y: ArrayLike<number>): FittedModel {
  const n = y.length;
  if (n < 3) throw new RangeError('damped Holt needs at least three observations');
  const state = new Float64Array(3);
  // x = [alpha, beta / alpha, phi]: the reparametrization keeps beta <= alpha with box bounds only.
  const objective = (x: Float64Array) => holtSse(y, x[0]!, x[0]! * x[1]!, x[2]!, state);
  let start = [0.5, 0.1, 0.95];
  let startValue = Number.POSITIVE_INFINITY;
  for (const alpha of [0.1, 0.5, 0.9]) {
    const value = holtSse(y, alpha, alpha * 0.1, 0.95, state);
    if (value < startValue) {
      startValue = value;
      start = [alpha, 0.1, 0.95];
    }
  }
  const fit = nelderMead(
    objective,
    start,
    [alphaBounds[0], 1e-4, phiBounds[0]],
    [alphaBounds[1], 0.9999, phiBounds[1]],
    {
      maxEvaluations: 240,
    },
  );
  const alpha = fit.x[0]!;
  const beta = alpha * fit.x[1]!;
  const phi = fit.x[2]!;
  holtSse(y, alpha, beta, phi, state);
  const level0 = state[0]!;
  const trend0 = state[1]!;

  let level = level0;
  let trend = trend0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t]! - (level + phi * trend);
    sse += e * e;
    level = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
  }
  const sigma2 = sse / Math.max(1, n - 5);
  const finalLevel = level;
  const finalTrend = trend;
  return {
    model: 'damped-holt',
    params: { alpha, beta, phi, level0, trend0 },
    sigma2,
    point: (h) => {
      const f = new Float64Array(h);
      let damped = 0;
      for (let k = 1; k <= h; k++) {
        damped += phi ** k;
        f[k - 1] = finalLevel + damped * finalTrend;
      }
      return f;
    },
    variance: (h) => {
      const v = new Float64Array(h);
      let damped = 0;
      let sum = 0;
      for (let k = 1; k <= h; k++) {
        v[k - 1] = sigma2 * (1 + sum);
        damped += phi ** k;
        const c = alpha + beta * damped;
        sum += c * c;
      }
      return v;
    },
  };
}

/**
 * In-sample SSE of damped Holt with the least-squares initial level and trend, written to
 * `initial` = [level0, trend0]. The forecast's sensitivity to (level0, trend0) evolves by the same
 * transition as the states, minus the error correction: (p, q) -> ((1 - alpha) u, phi q - beta u), u = p + phi q.
 */
export function holtSse(y: ArrayLike<number>, alpha: number, beta: number, phi: number, initial: Float64Array): number {
  const n = y.length;
  const guessLevel = y[0]!;
  const guessTrend = n > 1 ? y[1]! - y[0]! : 0;
  let level = guessLevel;
  let trend = guessTrend;
  let p1 = 1,
    q1 = 0,
    p2 = 0,
    q2 = 1;
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    r1 = 0,
    r2 = 0,
    see = 0;
  for (let t = 0; t < n; t++) {
    const e = y[t]! - (level + phi * trend);
    const u1 = p1 + phi * q1;
    const u2 = p2 + phi * q2;
    s11 += u1 * u1;
    s12 += u1 * u2;
    s22 += u2 * u2;
    r1 += u1 * e;
    r2 += u2 * e;
    see += e * e;
    level = level + phi * trend + alpha * e;
    trend = phi * trend + beta * e;
    p1 = (1 - alpha) * u1;
    q1 = phi * q1 - beta * u1;
    p2 = (1 - alpha) * u2;
    q2 = phi * q2 - beta * u2;
  }
  const det = s11 * s22 - s12 * s12;
  let dl = 0;
  let db = 0;
  if (det > 1e-10 * s11 * s22) {
    dl = (r1 * s22 - r2 * s12) / det;
    db = (r2 * s11 - r1 * s12) / det;
  } else if (s11 > 0) {
    dl = r1 / s11;
  }
  initial[0] = guessLevel + dl;
  initial[1] = guessTrend + db;
  return Math.max(0, see - dl * r1 - db * r2);
}
