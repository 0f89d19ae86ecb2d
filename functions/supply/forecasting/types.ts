import * as z from 'zod';

/**
 * The contract of the forecasting engine: the options a caller passes and the result it gets back.
 * Types come from these schemas; the engine validates the options, and callers that store or publish a
 * result can validate it against ForecastResult.
 */

export const ForecastOptions = z.strictObject({
  /** Observations per season: 12 for monthly data with a yearly cycle, 1 when there is no season. */
  seasonLength: z.number().int().min(1).max(366),
  /** Steps to forecast. */
  horizon: z.number().int().min(1).max(120),
  /** Demand cannot go below zero: forecasts and interval bounds are clamped at 0. Defaults to "no
   * observation is negative". */
  nonNegative: z.boolean().optional(),
});
export type ForecastOptions = z.infer<typeof ForecastOptions>;

export const ForecastPoint = z.strictObject({
  step: z.number().int().positive(),
  point: z.number(),
  lo80: z.number(),
  hi80: z.number(),
  lo95: z.number(),
  hi95: z.number(),
});
export type ForecastPoint = z.infer<typeof ForecastPoint>;

export const CandidateScore = z.strictObject({
  model: z.string(),
  /** Mean over the rolling origins of the holdout MASE. */
  mase: z.number().nonnegative(),
  /** Mean over the rolling origins of the holdout sMAPE, in percent (0-200). */
  smape: z.number().nonnegative(),
});
export type CandidateScore = z.infer<typeof CandidateScore>;

export const ForecastResult = z.strictObject({
  /** The chosen model, or `combination(a+b)` for an equal-weight mean of several. */
  model: z.string(),
  horizon: z.number().int().positive(),
  forecasts: z.array(ForecastPoint),
  /** null when the series is too short for a holdout. */
  holdoutMase: z.number().nonnegative().nullable(),
  holdoutSmape: z.number().nonnegative().nullable(),
  /** Every model (and combination) evaluated, best first. */
  candidates: z.array(CandidateScore),
  /** What the engine decided and why, in words a planner can read (short history, intermittent demand...). */
  notes: z.array(z.string()),
});
export type ForecastResult = z.infer<typeof ForecastResult>;

export const modelNames = [
  'naive',
  'seasonal-naive',
  'ses',
  'damped-holt',
  'theta',
  'holt-winters-additive',
  'holt-winters-multiplicative',
  'croston',
  'sba',
  'tsb',
] as const;
export type ModelName = (typeof modelNames)[number];

/** A model fitted to one series: what selection, combination and the intervals need from it. */
export interface FittedModel {
  readonly model: ModelName;
  /** The fitted smoothing parameters (alpha, beta, gamma, phi...), for inspection and tests. */
  readonly params: Readonly<Record<string, number>>;
  /** In-sample one-step-ahead residual variance. */
  readonly sigma2: number;
  /** Point forecasts for steps 1..h. */
  point(h: number): Float64Array;
  /** Forecast error variance for steps 1..h; each model says which formula it uses. */
  variance(h: number): Float64Array;
}
