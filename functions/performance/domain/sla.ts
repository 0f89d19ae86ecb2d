import * as z from 'zod';

/**
 * SLA terms: what an agreement promises and what the performance monitor evaluates. The same schema is used
 * in agreement terms (negotiated, versioned) and in the SLA definitions that activation materializes.
 *
 * - threshold: a window aggregate of a value metric compared with a target (CSAT avg over 7 days >= 4.2).
 * - ratio: good/total events against an objective in percent over a window (95 % of tickets answered within
 *   4 h over 30 days), evaluated with multi-window burn-rate rules.
 * - freshness: the metric must be reported at least once per window (a partner that stops reporting).
 */

const MINUTE = 60_000;

/** ISO-8601 durations of days, hours and minutes (`P30D`, `PT4H`, `P1DT12H`, `PT5M`). */
export const Duration = z
  .string()
  .max(32)
  .regex(/^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?)?$/, 'must be an ISO-8601 duration such as P30D, PT4H or PT5M')
  .refine((d) => d !== 'P' && d !== 'PT' && !d.endsWith('T'), 'must be an ISO-8601 duration such as P30D')
  .refine((d) => {
    const ms = durationMs(d);
    return ms >= 5 * MINUTE && ms <= 90 * 24 * 60 * MINUTE && ms % (5 * MINUTE) === 0;
  }, 'must be between 5 minutes and 90 days, in whole 5-minute steps');

/** Milliseconds in an ISO-8601 duration of days/hours/minutes (validated by Duration). */
export function durationMs(duration: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!match) return Number.NaN;
  const [, d = '0', h = '0', m = '0'] = match;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * MINUTE;
}

/** Metric names: lowercase words joined by dots, dashes or underscores (`csat`, `tickets.answered_4h`). */
export const MetricName = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'must be a metric name such as csat or tickets.answered_4h');

export const severities = ['critical', 'warning', 'info'] as const;
export const Severity = z.enum(severities);
export const comparators = ['>=', '>', '<=', '<'] as const;
export const aggregates = ['avg', 'sum', 'min', 'max'] as const;

export const ThresholdSla = z.strictObject({
  kind: z.literal('threshold'),
  metric: MetricName,
  aggregate: z.enum(aggregates).default('avg'),
  comparator: z.enum(comparators),
  target: z.number().finite().min(-1e12).max(1e12),
  window: Duration,
  severity: Severity,
});

export const RatioSla = z.strictObject({
  kind: z.literal('ratio'),
  metric: MetricName,
  /** Good events must be at least this share, in percent (95 = 95 %). */
  comparator: z.literal('>=').default('>='),
  target: z.number().gt(0, 'must be above 0 %').lt(100, 'must be below 100 % (no error budget otherwise)'),
  window: Duration,
  severity: Severity,
});

export const FreshnessSla = z.strictObject({
  kind: z.literal('freshness'),
  metric: MetricName,
  /** The longest gap allowed between two reports. */
  window: Duration,
  severity: Severity,
});

export const SlaTerm = z.discriminatedUnion('kind', [ThresholdSla, RatioSla, FreshnessSla]);
export type SlaTerm = z.infer<typeof SlaTerm>;
export type ThresholdSla = z.infer<typeof ThresholdSla>;
export type RatioSla = z.infer<typeof RatioSla>;
export type FreshnessSla = z.infer<typeof FreshnessSla>;
export type Severity = z.infer<typeof Severity>;
