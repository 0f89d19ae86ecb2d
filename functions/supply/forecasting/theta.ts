import { isSeasonal, seasonalIndices, type SeasonalKind } from '#functions/supply/forecasting/decomposition';
import { ses } from '#functions/supply/forecasting/exponential-smoothing';
import type { FittedModel } from '#functions/supply/forecasting/types';

/**
 * The standard Theta method (Assimakopoulos & Nikolopoulos 2000), in the form Hyndman & Billah (2003) proved
 * equivalent: SES with a drift of half the regression slope, as `forecast::thetaf` computes it.
 *
 * 1. When the lag-m autocorrelation test says seasonal, divide by classical multiplicative seasonal indices
 *    (additive indices, subtracted, when the series has zeros or negatives).
 * 2. Fit SES to the adjusted series; add b/2 * (h - 1 + (1 - (1 - alpha)^n) / alpha), b the OLS slope.
 * 3. Put the season back.
 * Variance: the SES formula sigma^2 [1 + alpha^2 (h - 1)] on the adjusted series (as thetaf), scaled by the
 * squared index when the season is multiplicative.
 */
export function theta(y: ArrayLike<number>, seasonLength: number): FittedModel {
  const n = y.length;
  if (n < 3) throw new RangeError('Theta needs at least three observations');
  const m = seasonLength;
  const kind = seasonalKind(y, m);
  const indices = kind ? seasonalIndices(y, m, kind) : null;
  const adjusted = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const s = indices ? indices[t % m]! : 0;
    adjusted[t] = kind === 'multiplicative' ? y[t]! / s : y[t]! - s;
  }

  const smooth = ses(adjusted);
  const alpha = Math.max(1e-10, smooth.params.alpha!);
  const drift = olsSlope(adjusted) / 2;
  // (1 - (1 - alpha)^n) / alpha without cancellation when alpha is tiny (it tends to n).
  const catchUp = -Math.expm1(n * Math.log1p(-alpha)) / alpha;
  const indexAt = (k: number) => (indices ? indices[(n + k - 1) % m]! : kind === 'multiplicative' ? 1 : 0);

  return {
    model: 'theta',
    params: { alpha, drift, seasonal: kind ? 1 : 0 },
    sigma2: smooth.sigma2,
    point: (h) => {
      const level = smooth.point(h);
      for (let k = 1; k <= h; k++) {
        const adjustedPoint = level[k - 1]! + drift * (k - 1 + catchUp);
        level[k - 1] = kind === 'multiplicative' ? adjustedPoint * indexAt(k) : adjustedPoint + (kind ? indexAt(k) : 0);
      }
      return level;
    },
    variance: (h) => {
      const v = smooth.variance(h);
      if (kind === 'multiplicative') for (let k = 1; k <= h; k++) v[k - 1] = v[k - 1]! * indexAt(k) ** 2;
      return v;
    },
  };
}

function seasonalKind(y: ArrayLike<number>, m: number): SeasonalKind | null {
  if (!isSeasonal(y, m)) return null;
  for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) return 'additive';
  return 'multiplicative';
}

/** Least-squares slope of y on 0..n-1. */
export function olsSlope(y: ArrayLike<number>): number {
  const n = y.length;
  const meanT = (n - 1) / 2;
  let meanY = 0;
  for (let t = 0; t < n; t++) meanY += y[t]! / n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - meanT) * (y[t]! - meanY);
    sxx += (t - meanT) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}
