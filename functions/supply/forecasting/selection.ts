import { dampedHolt, ses } from '#functions/supply/forecasting/exponential-smoothing';
import { holtWintersAdditive, holtWintersMultiplicative } from '#functions/supply/forecasting/holt-winters';
import { croston, sba, tsb } from '#functions/supply/forecasting/intermittent';
import { maseScale, meanAbsoluteError, smape } from '#functions/supply/forecasting/metrics';
import { naive, seasonalNaive } from '#functions/supply/forecasting/naive';
import { theta } from '#functions/supply/forecasting/theta';
import type { FittedModel, ModelName } from '#functions/supply/forecasting/types';

/**
 * Model selection by rolling-origin holdout (Tashman 2000): the series is cut at a few origins near its
 * end, every candidate is refitted on the history before each origin and forecasts the next steps; the
 * score is the mean MASE over origins (each origin scaled by its own training history's seasonal-naive MAE).
 * The equal-weight mean of the best two and of the best three models is scored from the same holdout
 * forecasts, and wins only with a strictly lower MASE. Ties go to the simpler model (candidates are
 * listed simplest first).
 */

export interface Candidate {
  model: ModelName;
  /** Shortest training history the model is fitted on. */
  minLength: number;
  fit: (y: Float64Array) => FittedModel;
}

export interface SeriesTraits {
  seasonLength: number;
  /** At least two seasons of history: seasonal models take part. */
  seasonal: boolean;
  intermittent: boolean;
  /** Strictly positive: multiplicative seasonality is allowed. */
  positive: boolean;
}

/** The candidate models for a series, simplest first. */
export function candidatesFor(traits: SeriesTraits): Candidate[] {
  const m = traits.seasonLength;
  const list: Candidate[] = [{ model: 'naive', minLength: 2, fit: (y) => naive(y) }];
  if (traits.seasonal) list.push({ model: 'seasonal-naive', minLength: m + 1, fit: (y) => seasonalNaive(y, m) });
  if (traits.intermittent) {
    list.push(
      { model: 'croston', minLength: 3, fit: (y) => croston(y) },
      { model: 'sba', minLength: 3, fit: (y) => sba(y) },
      { model: 'tsb', minLength: 3, fit: (y) => tsb(y) },
    );
    return list;
  }
  list.push(
    { model: 'ses', minLength: 3, fit: (y) => ses(y) },
    { model: 'theta', minLength: 4, fit: (y) => theta(y, m) },
    { model: 'damped-holt', minLength: 6, fit: (y) => dampedHolt(y) },
  );
  if (traits.seasonal) {
    list.push({ model: 'holt-winters-additive', minLength: 2 * m, fit: (y) => holtWintersAdditive(y, m) });
    if (traits.positive)
      list.push({
        model: 'holt-winters-multiplicative',
        minLength: 2 * m,
        fit: (y) => holtWintersMultiplicative(y, m),
      });
  }
  return list;
}

export interface HoldoutPlan {
  /** Steps forecast from each origin: the horizon, but at most a quarter of the series. */
  horizon: number;
  /** Training lengths, latest origin first. */
  origins: number[];
}

/**
 * Up to three origins, spaced a third of the holdout horizon apart, each keeping at least 3 observations.
 * When the series is long enough, the spacing shrinks so that every origin keeps `minTraining` (two seasons
 * for seasonal series), rather than silently dropping the seasonal models from the comparison.
 */
export function planHoldout(n: number, horizon: number, minTraining = 3, maxOrigins = 3): HoldoutPlan {
  const h = Math.min(horizon, Math.max(1, Math.floor(n / 4)));
  const room = n - h - minTraining;
  let spacing = Math.max(1, Math.floor(h / maxOrigins));
  if (room >= 0 && maxOrigins > 1) spacing = Math.max(1, Math.min(spacing, Math.floor(room / (maxOrigins - 1))));
  const origins: number[] = [];
  for (let i = 0; i < maxOrigins; i++) {
    const origin = n - h - i * spacing;
    if (origin >= 3 && (room < 0 || origin >= minTraining)) origins.push(origin);
  }
  return { horizon: h, origins };
}

export interface Evaluation {
  /** Model name, or `combination(a+b)`. */
  model: string;
  members: ModelName[];
  mase: number;
  smape: number;
  /** Holdout point forecasts, one array per origin (plan order). */
  holdout: Float64Array[];
}

export interface Selection {
  ranking: Evaluation[];
  /** Candidates that failed to fit at some origin, with the reason. */
  failures: { model: ModelName; reason: string }[];
}

export function selectModel(
  y: Float64Array,
  seasonLength: number,
  plan: HoldoutPlan,
  candidates: readonly Candidate[],
): Selection {
  const actuals = plan.origins.map((o) => y.subarray(o, o + plan.horizon));
  const scales = plan.origins.map((o) => maseScale(y.subarray(0, o), seasonLength));
  const score = (holdout: Float64Array[]) => {
    let mase = 0;
    let symmetric = 0;
    for (let i = 0; i < holdout.length; i++) {
      mase += meanAbsoluteError(actuals[i]!, holdout[i]!) / scales[i]! / holdout.length;
      symmetric += smape(actuals[i]!, holdout[i]!) / holdout.length;
    }
    return { mase, smape: symmetric };
  };

  const singles: Evaluation[] = [];
  const failures: Selection['failures'] = [];
  const earliest = Math.min(...plan.origins);
  for (const candidate of candidates) {
    if (candidate.minLength > earliest) continue;
    try {
      const holdout = plan.origins.map((o) => candidate.fit(y.subarray(0, o)).point(plan.horizon));
      const s = score(holdout);
      if (!Number.isFinite(s.mase) || !Number.isFinite(s.smape)) throw new RangeError('non-finite holdout forecasts');
      singles.push({ model: candidate.model, members: [candidate.model], ...s, holdout });
    } catch (error) {
      failures.push({ model: candidate.model, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  // Stable sort: equal scores keep the simplest-first order of the candidate list.
  singles.sort((a, b) => a.mase - b.mase);
  const combinations: Evaluation[] = [];
  for (const size of [2, 3]) {
    if (singles.length < size) break;
    const members = singles.slice(0, size);
    const holdout = plan.origins.map((_, i) => {
      const mean = new Float64Array(plan.horizon);
      for (const member of members)
        for (let k = 0; k < plan.horizon; k++) mean[k] = mean[k]! + member.holdout[i]![k]! / size;
      return mean;
    });
    const names = members.map((member) => member.model as ModelName);
    combinations.push({ model: `combination(${names.join('+')})`, members: names, ...score(holdout), holdout });
  }
  // Singles before combinations, so a combination needs a strictly lower MASE to come first.
  const ranking = [...singles, ...combinations].sort((a, b) => a.mase - b.mase);
  return { ranking, failures };
}
