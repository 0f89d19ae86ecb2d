import type { FittedModel } from '#functions/supply/forecasting/types';

/**
 * The benchmarks every other model has to beat. Both are random walks, so their forecast variance has a
 * closed form: sigma^2 * h for naive, sigma^2 * ceil(h / m) for seasonal naive (Hyndman & Athanasopoulos,
 * FPP3 5.5), with sigma^2 the mean squared in-sample one-step (lag-1 or lag-m) difference.
 */

/** Tomorrow looks like today. Needs one observation (two for an interval). */
export function naive(y: ArrayLike<number>): FittedModel {
  const n = y.length;
  if (n < 1) throw new RangeError('naive needs at least one observation');
  const last = y[n - 1]!;
  const sigma2 = meanSquaredLagDifference(y, 1);
  return {
    model: 'naive',
    params: {},
    sigma2,
    point: (h) => new Float64Array(h).fill(last),
    variance: (h) => {
      const v = new Float64Array(h);
      for (let k = 1; k <= h; k++) v[k - 1] = sigma2 * k;
      return v;
    },
  };
}

/** Next season looks like the last one. Needs one full season. */
export function seasonalNaive(y: ArrayLike<number>, seasonLength: number): FittedModel {
  const n = y.length;
  const m = seasonLength;
  if (n < m) throw new RangeError(`seasonal naive needs one full season (${m} observations), got ${n}`);
  const sigma2 = meanSquaredLagDifference(y, m);
  return {
    model: 'seasonal-naive',
    params: {},
    sigma2,
    point: (h) => {
      const f = new Float64Array(h);
      for (let k = 1; k <= h; k++) f[k - 1] = y[n - m + ((k - 1) % m)]!;
      return f;
    },
    variance: (h) => {
      const v = new Float64Array(h);
      for (let k = 1; k <= h; k++) v[k - 1] = sigma2 * Math.ceil(k / m);
      return v;
    },
  };
}

function meanSquaredLagDifference(y: ArrayLike<number>, lag: number): number {
  let sum = 0;
  for (let t = lag; t < y.length; t++) {
    const d = y[t]! - y[t - lag]!;
    sum += d * d;
  }
  return y.length > lag ? sum / (y.length - lag) : 0;
}
