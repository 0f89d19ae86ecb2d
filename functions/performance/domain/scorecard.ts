import type { Severity, ThresholdSla } from '#functions/performance/domain/sla';

/**
 * Scorecard arithmetic: compliance per SLA over a period, error budget, a partner health score and KPI attainment.
 * Pure functions over numbers; the scorecard job gathers the numbers (rollups, alert history) and stores the result.
 *
 * Health score (0-100, integer):
 *   1. Each SLA scores 0-100:
 *      - threshold / freshness: the share of the period it was healthy (time, or evaluation ticks).
 *      - ratio: 100 while the error budget holds (consumed <= 1), then down linearly to 0 at twice the budget:
 *        100 * clamp(2 - consumed, 0, 1). 93 % good against a 95 % objective consumed 1.4 budgets and scores 60.
 *        (Its raw compliance, 93, would look healthy while the SLA is clearly missed.)
 *   2. Weighted mean of the SLA scores, weighted by SLA severity (critical 3, warning 2, info 1). SLAs without data
 *      in the period are left out.
 *   3. Minus a penalty per alert open at scoring time (critical 15, warning 5, info 0), acknowledged ones included:
 *      the period's history says how it went, the penalty says it is not over.
 *   4. Clamped to 0-100 and rounded. No scored SLA: no score (undefined), not a perfect one.
 */

export function ratioCompliance(good: number, total: number): number | undefined {
  return total > 0 ? (good / total) * 100 : undefined;
}

export interface ErrorBudget {
  /** Bad events the objective allows over the period: total * (1 - target / 100). */
  allowedBad: number;
  bad: number;
  /** Share of the budget spent: (bad / total) / (1 - target / 100). Above 1 when overspent. */
  consumed: number;
  /** 1 - consumed: negative when overspent. */
  remaining: number;
}

export function errorBudget(good: number, total: number, targetPercent: number): ErrorBudget | undefined {
  if (total <= 0) return undefined;
  const bad = total - good;
  const consumed = (bad * 100) / (total * (100 - targetPercent)); // exact for whole counts, unlike bad/total/budget
  return { allowedBad: (total * (100 - targetPercent)) / 100, bad, consumed, remaining: 1 - consumed };
}

/** Healthy share in % of evaluation ticks or time (same unit for both); periods without data are left out. */
export function healthyShare(healthy: number, breached: number): number | undefined {
  const all = healthy + breached;
  return all > 0 ? (healthy / all) * 100 : undefined;
}

/**
 * Healthy and breached time in `period` from the breach intervals (an alert's firstSeen to its resolvedAt; still
 * open: to the end of the period). Overlapping intervals (two severities of one SLA) count once.
 */
export function healthyTime(
  period: { from: number; to: number },
  breaches: readonly { from: number; to?: number }[],
): { healthy: number; breached: number } {
  const clipped = breaches
    .map((b) => ({ from: Math.max(period.from, b.from), to: Math.min(period.to, b.to ?? period.to) }))
    .filter((b) => b.to > b.from)
    .sort((a, b) => a.from - b.from);
  let breached = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const b of clipped) {
    if (b.from >= end) {
      breached += b.to - b.from;
      end = b.to;
    } else if (b.to > end) {
      breached += b.to - end;
      end = b.to;
    }
  }
  return { healthy: period.to - period.from - breached, breached };
}

export type SlaPeriod =
  | { kind: 'ratio'; severity: Severity; target: number; good: number; total: number }
  /** healthy / breached: ticks or ms, same unit. */
  | { kind: 'threshold' | 'freshness'; severity: Severity; healthy: number; breached: number };

export interface SlaScore {
  severity: Severity;
  /** % of good events (ratio) or of healthy time/ticks; undefined without data. */
  compliance: number | undefined;
  met: boolean | undefined;
  /** ratio: 1 - consumed (negative when overspent). */
  budgetRemaining?: number;
  /** 0-100, see the health score formula; undefined without data. */
  score: number | undefined;
}

export function scoreSla(period: SlaPeriod): SlaScore {
  if (period.kind === 'ratio') {
    const budget = errorBudget(period.good, period.total, period.target);
    const compliance = ratioCompliance(period.good, period.total);
    if (!budget || compliance === undefined) {
      return { severity: period.severity, compliance: undefined, met: undefined, score: undefined };
    }
    return {
      severity: period.severity,
      compliance,
      met: compliance >= period.target,
      budgetRemaining: budget.remaining,
      score: 100 * clamp(2 - budget.consumed, 0, 1),
    };
  }
  const compliance = healthyShare(period.healthy, period.breached);
  return {
    severity: period.severity,
    compliance,
    met: compliance === undefined ? undefined : period.breached === 0,
    score: compliance,
  };
}

export interface HealthWeights {
  severityWeight: Record<Severity, number>;
  openAlertPenalty: Record<Severity, number>;
}

export const defaultHealthWeights: HealthWeights = {
  severityWeight: { critical: 3, warning: 2, info: 1 },
  openAlertPenalty: { critical: 15, warning: 5, info: 0 },
};

export function healthScore(
  slas: readonly Pick<SlaScore, 'severity' | 'score'>[],
  openAlerts: Partial<Record<Severity, number>>,
  weights: HealthWeights = defaultHealthWeights,
): number | undefined {
  let weighted = 0;
  let weightSum = 0;
  for (const s of slas) {
    if (s.score === undefined) continue;
    weighted += s.score * weights.severityWeight[s.severity];
    weightSum += weights.severityWeight[s.severity];
  }
  if (weightSum === 0) return undefined;
  let penalty = 0;
  for (const [severity, count] of Object.entries(openAlerts) as [Severity, number][]) {
    penalty += count * weights.openAlertPenalty[severity];
  }
  return Math.round(clamp(weighted / weightSum - penalty, 0, 100));
}

export interface KpiResult {
  value: number;
  target: number;
  comparator: ThresholdSla['comparator'];
  met: boolean;
  /** value - target: positive is above target (good for >=, bad for <=). */
  gap: number;
  /**
   * % of target achieved in the comparator's direction: value / target for >= and >, target / value for <= and <
   * (lower is better). Undefined when either is 0 or negative (a ratio means nothing there).
   */
  attainment: number | undefined;
}

export function kpiVsTarget(value: number, target: number, comparator: ThresholdSla['comparator']): KpiResult {
  const higherIsBetter = comparator === '>=' || comparator === '>';
  const met = { '>=': value >= target, '>': value > target, '<=': value <= target, '<': value < target }[comparator];
  const attainment = value > 0 && target > 0 ? (higherIsBetter ? value / target : target / value) * 100 : undefined;
  return { value, target, comparator, met, gap: value - target, attainment };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
