/** Deterministic synthetic series for the forecasting tests: same seed, same numbers, on every machine. */

/** Standard normal draws from a seeded mulberry32 generator (Box-Muller). */
export function normalNoise(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** A yearly demand profile (low in winter, peak in July), average 1. */
export const monthlyProfile = [0.6, 0.7, 0.85, 1.0, 1.15, 1.3, 1.45, 1.4, 1.2, 0.95, 0.75, 0.65];

export interface SeriesSpec {
  n: number;
  level: number;
  /** Added per period. */
  trend?: number;
  /** Multiplies the level by the monthly profile (12 periods) when true. */
  seasonal?: boolean;
  /** Standard deviation of the additive noise. */
  noise?: number;
  seed?: number;
}

export function series({ n, level, trend = 0, seasonal = false, noise = 0, seed = 1 }: SeriesSpec): number[] {
  const draw = normalNoise(seed);
  return Array.from(
    { length: n },
    (_, t) => (level + trend * t) * (seasonal ? monthlyProfile[t % 12]! : 1) + noise * draw(),
  );
}
