import * as z from 'zod';
import { Id, PageQuery, pageOf } from '#shared/domain/common';

export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2026-11');

export const ScorecardQuery = z.strictObject({ period: Period.optional() });

const Severities = z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() });

export const SlaScorecardSchema = z.object({
  slaId: z.string(),
  metric: z.string(),
  kind: z.enum(['threshold', 'ratio', 'freshness']),
  severity: z.enum(['critical', 'warning', 'info']),
  target: z.number().optional(),
  /** % of good events (ratio) or of healthy time (threshold, freshness) in the period. */
  compliance: z.number().optional(),
  met: z.boolean().optional(),
  /** ratio SLAs: share of the period's error budget left (negative when overspent). */
  errorBudgetLeft: z.number().optional(),
  /** threshold SLAs: the period's aggregate against the target. */
  kpi: z
    .object({
      value: z.number(),
      target: z.number(),
      comparator: z.string(),
      met: z.boolean(),
      gap: z.number(),
      attainment: z.number().optional(),
    })
    .optional(),
  alertsRaised: z.number().int(),
  score: z.number().optional(),
});

export const ScorecardSchema = z.object({
  partnerId: Id,
  period: Period,
  from: z.string(),
  to: z.string(),
  /** 0-100; absent when no SLA had data. Formula: docs/api.md#scorecards. */
  healthScore: z.number().int().optional(),
  slas: z.array(SlaScorecardSchema),
  alerts: z.object({ raised: Severities, open: Severities }),
  computedAt: z.string(),
});
export type Scorecard = z.infer<typeof ScorecardSchema>;

export const healthBands = ['healthy', 'at-risk', 'critical', 'no-data'] as const;
export type HealthBand = (typeof healthBands)[number];
/** The whole scores of each band (scores are rounded to integers); `no-data` has none. */
export const healthBandScores: Record<Exclude<HealthBand, 'no-data'>, readonly [number, number]> = {
  critical: [0, 49],
  'at-risk': [50, 79],
  healthy: [80, 100],
};
export function healthBand(score: number | undefined): HealthBand {
  if (score === undefined) return 'no-data';
  if (score >= healthBandScores.healthy[0]) return 'healthy';
  return score >= healthBandScores['at-risk'][0] ? 'at-risk' : 'critical';
}

export const complianceBuckets = ['<80', '80-90', '90-95', '95-99', '>=99'] as const;
export type ComplianceBucket = (typeof complianceBuckets)[number];
export function complianceBucket(compliance: number): ComplianceBucket {
  if (compliance >= 99) return '>=99';
  if (compliance >= 95) return '95-99';
  if (compliance >= 90) return '90-95';
  return compliance >= 80 ? '80-90' : '<80';
}

export const DashboardSchema = z.object({
  period: Period,
  /** When the daily scorecard job last stored this period's scorecards. */
  scoredAt: z.string().optional(),
  partnersByHealth: z.record(z.enum(healthBands), z.number().int()),
  slaCompliance: z.record(z.enum(complianceBuckets), z.number().int()),
  openAlerts: Severities,
  worst: z.array(
    z.object({
      partnerId: z.string(),
      name: z.string(),
      healthScore: z.number().optional(),
      openCritical: z.number().int(),
    }),
  ),
});

export const PartnerHealthQuery = z.strictObject({
  period: Period.optional(),
  /** Only partners in this health band (a figure of the dashboard's donut). */
  health: z.enum(healthBands).optional(),
  /** Only partners with at least one SLA in this compliance bucket (a bar of the dashboard's distribution). */
  compliance: z.enum(complianceBuckets).optional(),
  ...PageQuery,
});

export const PartnerHealthSchema = z.object({
  partnerId: Id,
  name: z.string(),
  healthScore: z.number().int().optional(),
  health: z.enum(healthBands),
  /** SLAs with a compliance figure this month, and the lowest of them. */
  slasScored: z.number().int(),
  lowestCompliance: z.number().optional(),
  openAlerts: Severities,
  computedAt: z.string(),
});
export const PartnerHealthPageSchema = pageOf(PartnerHealthSchema).extend({ period: Period });
