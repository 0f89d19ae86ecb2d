/**
 * Accuracy measures. MASE (Hyndman & Koehler 2006) scales the mean absolute error by the in-sample MAE of
 * the seasonal naive forecast, so 1 means "as good as repeating last season in-sample" whatever the units;
 * sMAPE is the symmetric percentage error (0-200 %) planners are used to.
 */

type Series = ArrayLike<number>;

/** Mean absolute difference between y[t] and y[t - lag] over the whole series (NaN when it is too short). */
export function laggedMae(y: Series, lag: number): number {
  let sum = 0;
  for (let t = lag; t < y.length; t++) sum += Math.abs(y[t]! - y[t - lag]!);
  return y.length > lag ? sum / (y.length - lag) : Number.NaN;
}

/**
 * The MASE denominator: the in-sample seasonal naive MAE, lag 1 when the series is not longer than one
 * season. A series that repeats itself exactly has a zero seasonal-naive MAE, which would turn any error
 * into Infinity; the scale then falls back to the lag-1 MAE, then to the mean absolute level, then to 1,
 * so a perfect forecast of a perfect pattern scores 0 and not NaN.
 */
export function maseScale(insample: Series, seasonLength: number): number {
  const level = meanAbs(insample);
  const negligible = 1e-10 * (1 + level);
  const seasonal = seasonLength > 1 && insample.length > seasonLength ? laggedMae(insample, seasonLength) : Number.NaN;
  if (seasonal > negligible) return seasonal;
  const lag1 = laggedMae(insample, 1);
  if (lag1 > negligible) return lag1;
  return level > negligible ? level : 1;
}

/** Mean absolute scaled error of `forecast` against `actual`, scaled on `insample` (see maseScale). */
export function mase(actual: Series, forecast: Series, insample: Series, seasonLength: number): number {
  return meanAbsoluteError(actual, forecast) / maseScale(insample, seasonLength);
}

/** Symmetric MAPE in percent, 200/h * sum |y - f| / (|y| + |f|); a step where both are 0 counts as 0. */
export function smape(actual: Series, forecast: Series): number {
  const h = pairs(actual, forecast);
  let sum = 0;
  for (let i = 0; i < h; i++) {
    const denominator = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    if (denominator > 0) sum += Math.abs(actual[i]! - forecast[i]!) / denominator;
  }
  return (200 * sum) / h;
}

export function meanAbsoluteError(actual: Series, forecast: Series): number {
  const h = pairs(actual, forecast);
  let sum = 0;
  for (let i = 0; i < h; i++) sum += Math.abs(actual[i]! - forecast[i]!);
  return sum / h;
}

function meanAbs(y: Series): number {
  let sum = 0;
  for (let t = 0; t < y.length; t++) sum += Math.abs(y[t]!);
  return y.length ? sum / y.length : 0;
}

function pairs(actual: Series, forecast: Series): number {
  if (actual.length !== forecast.length || actual.length === 0) {
    throw new RangeError(
      `actual and forecast must have the same, non-zero length (${actual.length} vs ${forecast.length})`,
    );
  }
  return actual.length;
}
