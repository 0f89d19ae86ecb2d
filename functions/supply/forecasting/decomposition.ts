/**
 * Classical seasonal decomposition and the seasonality test the Theta method uses (as in Hyndman's
 * `forecast::thetaf`): the series is called seasonal when the lag-m autocorrelation exceeds the 90 %
 * one-sided bound 1.645 * sqrt((1 + 2 sum_{k<m} r_k^2) / n).
 */

export type SeasonalKind = 'additive' | 'multiplicative';

/** Sample autocorrelations r_1..r_maxLag (0 for a constant series). */
export function autocorrelations(y: ArrayLike<number>, maxLag: number): Float64Array {
  const n = y.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t]! / n;
  let denominator = 0;
  for (let t = 0; t < n; t++) denominator += (y[t]! - mean) ** 2;
  const r = new Float64Array(maxLag);
  if (!(denominator > 0)) return r;
  for (let k = 1; k <= maxLag; k++) {
    let sum = 0;
    for (let t = k; t < n; t++) sum += (y[t]! - mean) * (y[t - k]! - mean);
    r[k - 1] = sum / denominator;
  }
  return r;
}

export function isSeasonal(y: ArrayLike<number>, seasonLength: number): boolean {
  const m = seasonLength;
  if (m < 2 || y.length < 2 * m) return false;
  const r = autocorrelations(y, m);
  let sum = 0;
  for (let k = 0; k < m - 1; k++) sum += r[k]! ** 2;
  const bound = 1.6448536269514722 * Math.sqrt((1 + 2 * sum) / y.length);
  return Math.abs(r[m - 1]!) > bound;
}

/**
 * Seasonal indices by classical decomposition: a centred moving average (2 x m when m is even) estimates
 * the trend, the detrended values are averaged per position in the season and normalized (average 1 for
 * multiplicative, sum 0 for additive). Index j belongs to observations t with t mod m = j. Needs 2 seasons.
 */
export function seasonalIndices(y: ArrayLike<number>, seasonLength: number, kind: SeasonalKind): Float64Array {
  const n = y.length;
  const m = seasonLength;
  if (n < 2 * m)
    throw new RangeError(`classical decomposition needs two full seasons (${2 * m} observations), got ${n}`);
  const even = m % 2 === 0;
  const half = Math.floor(m / 2);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (even) {
      trend += 0.5 * (y[t - half]! + y[t + half]!);
      for (let i = t - half + 1; i < t + half; i++) trend += y[i]!;
    } else {
      for (let i = t - half; i <= t + half; i++) trend += y[i]!;
    }
    trend /= m;
    const j = t % m;
    sums[j] = sums[j]! + (kind === 'multiplicative' ? y[t]! / trend : y[t]! - trend);
    counts[j] = counts[j]! + 1;
  }
  const indices = new Float64Array(m);
  let centre = 0;
  for (let j = 0; j < m; j++) {
    indices[j] = sums[j]! / counts[j]!;
    centre += indices[j]! / m;
  }
  for (let j = 0; j < m; j++) indices[j] = kind === 'multiplicative' ? indices[j]! / centre : indices[j]! - centre;
  return indices;
}
