import {
  averageBands,
  bandOf,
  isFiniteBand,
  toForecastPoints,
  widen,
  type Band,
} from '#functions/supply/forecasting/intervals';
import { demandProfile, isIntermittent } from '#functions/supply/forecasting/intermittent';
import { naive } from '#functions/supply/forecasting/naive';
import { candidatesFor, planHoldout, selectModel, type Candidate } from '#functions/supply/forecasting/selection';
import { ForecastOptions, type ForecastResult, type ModelName } from '#functions/supply/forecasting/types';
import { ValidationError } from '#shared/errors';

/**
 * The demand-forecasting engine: one series in, the best model's forecasts with 80 % and 95 % intervals out.
 *
 * - Fewer than 4 observations: naive, with intervals widened x2 on top of a standard deviation of at least
 *   half the mean level, and no holdout (a note says so).
 * - Intermittent demand (ADI > 1.32): naive, seasonal naive, Croston, SBA, TSB.
 * - Otherwise: naive, seasonal naive, SES, Theta, damped Holt, and with two seasons of history Holt-Winters
 *   additive and (strictly positive series) multiplicative.
 * - Selection by rolling-origin holdout MASE, combinations of the best 2 and 3 included (selection.ts).
 * Pure computation: no I/O, no clock, deterministic.
 */

export const minimumHistory = 4;
const maxSeriesLength = 10_000;

export function forecast(series: readonly number[], options: ForecastOptions): ForecastResult {
  const { seasonLength: m, horizon, nonNegative: requestedNonNegative } = parseOptions(options);
  const y = parseSeries(series);
  const n = y.length;
  let min = Number.POSITIVE_INFINITY;
  for (let t = 0; t < n; t++) min = Math.min(min, y[t]!);
  const nonNegative = requestedNonNegative ?? min >= 0;
  const notes: string[] = [];

  if (n < minimumHistory) {
    notes.push(
      `Only ${n} observation(s): naive forecast with deliberately wide intervals and no holdout; ${minimumHistory} are needed to compare models.`,
    );
    return {
      model: 'naive',
      horizon,
      forecasts: toForecastPoints(shortHistoryBand(y, horizon), nonNegative),
      holdoutMase: null,
      holdoutSmape: null,
      candidates: [],
      notes,
    };
  }

  const seasonal = m > 1 && n >= 2 * m;
  if (m > 1 && !seasonal) notes.push(`${n} observations are fewer than two seasons of ${m}: non-seasonal models only.`);
  const intermittent = isIntermittent(y);
  if (intermittent) {
    const { adi, nonZero } = demandProfile(y);
    notes.push(
      `Intermittent demand (ADI ${adi.toFixed(2)}, ${nonZero} of ${n} periods with demand): Croston, SBA and TSB considered.`,
    );
  }
  const candidates = candidatesFor({ seasonLength: m, seasonal, intermittent, positive: min > 0 });
  const plan = planHoldout(n, horizon, seasonal ? 2 * m : 3);
  const earliest = Math.min(...plan.origins);
  const tooShort = candidates.filter((c) => c.minLength > earliest).map((c) => c.model);
  if (tooShort.length) notes.push(`Not enough history before the holdout for ${tooShort.join(', ')}.`);
  notes.push(`Holdout: ${plan.origins.length} rolling origin(s), ${plan.horizon} step(s) each.`);

  const { ranking, failures } = selectModel(y, m, plan, candidates);
  for (const failure of failures) notes.push(`${failure.model} left out: ${failure.reason}.`);

  const byName = new Map(candidates.map((c) => [c.model, c]));
  for (const choice of ranking) {
    const band = finalBand(y, horizon, choice.members, byName);
    if (!band) {
      notes.push(`${choice.model} could not be refitted on the whole history; next best used.`);
      continue;
    }
    return {
      model: choice.model,
      horizon,
      forecasts: toForecastPoints(band, nonNegative),
      holdoutMase: choice.mase,
      holdoutSmape: choice.smape,
      candidates: ranking.map((e) => ({ model: e.model, mase: e.mase, smape: e.smape })),
      notes,
    };
  }
  // Unreachable in practice: naive always fits a series of 4 or more finite values.
  notes.push('No candidate could be fitted: naive used.');
  return {
    model: 'naive',
    horizon,
    forecasts: toForecastPoints(bandOf(naive(y), horizon), nonNegative),
    holdoutMase: null,
    holdoutSmape: null,
    candidates: [],
    notes,
  };
}

function finalBand(
  y: Float64Array,
  horizon: number,
  members: readonly ModelName[],
  byName: Map<ModelName, Candidate>,
): Band | undefined {
  try {
    const bands = members.map((name) => bandOf(byName.get(name)!.fit(y), horizon));
    const band = bands.length === 1 ? bands[0]! : averageBands(bands);
    return isFiniteBand(band) ? band : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Naive on 1-3 observations: the standard deviation is the larger of the step-to-step differences and half
 * the mean level (three points say little about the spread), growing with sqrt(h), and widened x2.
 */
function shortHistoryBand(y: Float64Array, horizon: number): Band {
  const model = naive(y);
  let level = 0;
  for (let t = 0; t < y.length; t++) level += Math.abs(y[t]!) / y.length;
  const sigma2 = Math.max(model.sigma2, (level / 2) ** 2);
  return widen(
    bandOf(
      { ...model, sigma2, variance: (h) => Float64Array.from({ length: h }, (_, k) => sigma2 * (k + 1)) },
      horizon,
    ),
    2,
  );
}

function parseOptions(options: ForecastOptions): ForecastOptions {
  const parsed = ForecastOptions.safeParse(options);
  if (parsed.success) return parsed.data;
  throw new ValidationError('The forecast options are not valid', {
    errors: parsed.error.issues.map((issue) => ({
      path: ['options', ...issue.path].join('.'),
      message: issue.message,
    })),
  });
}

function parseSeries(series: readonly number[]): Float64Array {
  if (!Array.isArray(series) || series.length === 0 || series.length > maxSeriesLength) {
    throw new ValidationError(`A series needs between 1 and ${maxSeriesLength} observations`, {
      errors: [{ path: 'series', message: `must have 1 to ${maxSeriesLength} values` }],
    });
  }
  const y = Float64Array.from(series);
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t]!)) {
      throw new ValidationError('Every observation must be a finite number', {
        errors: [{ path: `series.${t}`, message: 'must be a finite number' }],
      });
    }
  }
  return y;
}
