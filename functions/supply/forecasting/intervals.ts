import type { FittedModel, ForecastPoint } from '#functions/supply/forecasting/types';

/**
 * Prediction intervals from a model's point forecasts and forecast variances, assuming normal errors:
 * point +- z sqrt(v_h). The standard deviation is made non-decreasing in h, because a planner reads a
 * narrower interval further out as more certainty, which none of these models can justify (it only happens
 * with multiplicative seasonality, where a low season scales the interval down). Bounds are clamped at 0
 * for demand only at the very end, after any combination, so averaging works on the unclamped values. When
 * a forecast heads towards 0, the clamped interval [0, hi] can get narrower with the horizon even though
 * the spread underneath keeps growing: the upper bound follows the falling point.
 */

const z80 = 1.2815515655446004;
const z95 = 1.959963984540054;

export interface Band {
  point: Float64Array;
  lo80: Float64Array;
  hi80: Float64Array;
  lo95: Float64Array;
  hi95: Float64Array;
}

export function bandOf(model: FittedModel, horizon: number): Band {
  const point = model.point(horizon);
  const variance = model.variance(horizon);
  const band = emptyBand(horizon);
  band.point.set(point);
  let sd = 0;
  for (let k = 0; k < horizon; k++) {
    sd = Math.max(sd, Math.sqrt(Math.max(0, variance[k]!)));
    band.lo80[k] = point[k]! - z80 * sd;
    band.hi80[k] = point[k]! + z80 * sd;
    band.lo95[k] = point[k]! - z95 * sd;
    band.hi95[k] = point[k]! + z95 * sd;
  }
  return band;
}

/**
 * Equal-weight combination: the mean of the points and the mean of each bound (quantile averaging, a.k.a.
 * Vincentization: Lichtendahl, Grushka-Cockayne & Winkler 2013). Averaging quantiles keeps the widths
 * monotone and is slightly conservative compared with a combined variance that would need the correlation of
 * the models' errors, which a few holdout origins cannot estimate.
 */
export function averageBands(bands: readonly Band[]): Band {
  const horizon = bands[0]!.point.length;
  const mean = emptyBand(horizon);
  for (const b of bands) {
    for (let k = 0; k < horizon; k++) {
      mean.point[k] = mean.point[k]! + b.point[k]! / bands.length;
      mean.lo80[k] = mean.lo80[k]! + b.lo80[k]! / bands.length;
      mean.hi80[k] = mean.hi80[k]! + b.hi80[k]! / bands.length;
      mean.lo95[k] = mean.lo95[k]! + b.lo95[k]! / bands.length;
      mean.hi95[k] = mean.hi95[k]! + b.hi95[k]! / bands.length;
    }
  }
  return mean;
}

/** Widens every bound symmetrically around the point by `factor` (used for the too-short-history case). */
export function widen(band: Band, factor: number): Band {
  const out = emptyBand(band.point.length);
  out.point.set(band.point);
  for (let k = 0; k < band.point.length; k++) {
    const p = band.point[k]!;
    out.lo80[k] = p - factor * (p - band.lo80[k]!);
    out.hi80[k] = p + factor * (band.hi80[k]! - p);
    out.lo95[k] = p - factor * (p - band.lo95[k]!);
    out.hi95[k] = p + factor * (band.hi95[k]! - p);
  }
  return out;
}

export function isFiniteBand(band: Band): boolean {
  for (const values of [band.point, band.lo80, band.hi80, band.lo95, band.hi95]) {
    for (let k = 0; k < values.length; k++) if (!Number.isFinite(values[k]!)) return false;
  }
  return true;
}

export function toForecastPoints(band: Band, nonNegative: boolean): ForecastPoint[] {
  const floor = (v: number) => (nonNegative ? Math.max(0, v) : v);
  return Array.from(band.point, (point, k) => ({
    step: k + 1,
    point: floor(point),
    lo80: floor(band.lo80[k]!),
    hi80: floor(band.hi80[k]!),
    lo95: floor(band.lo95[k]!),
    hi95: floor(band.hi95[k]!),
  }));
}

function emptyBand(horizon: number): Band {
  return {
    point: new Float64Array(horizon),
    lo80: new Float64Array(horizon),
    hi80: new Float64Array(horizon),
    lo95: new Float64Array(horizon),
    hi95: new Float64Array(horizon),
  };
}
