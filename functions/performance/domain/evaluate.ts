import {
  durationMs,
  type FreshnessSla,
  type RatioSla,
  type Severity,
  type SlaTerm,
  type ThresholdSla,
} from '#functions/performance/domain/sla';
import {
  aggregateWindow,
  indexRollups,
  isoDuration,
  lastReportAt,
  ratioOf,
  valueOf,
  type RollupIndex,
  type Rollups,
  type WindowOptions,
} from '#functions/performance/domain/windows';

/**
 * SLA evaluation: one SLA, the rollups covering its longest window, and `now` in; a verdict out. Pure, so the
 * scheduled monitor and the on-ingest evaluator decide identically. What to do about the verdict (raise, update,
 * resolve an alert) is alerts.ts.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An SLA as the monitor holds it. `activeSince` (epoch ms) gives a freshness SLA its first window of grace. */
export type SlaUnderEvaluation = SlaTerm & { id: string; partnerId: string; activeSince?: number };

export type EvaluationStatus = 'ok' | 'breach' | 'no-data';

export interface BurnRule {
  /** Named after the workbook's 30-day windows, whatever the SLA window: `1h/5m@14.4x`. */
  rule: string;
  severity: Severity;
  longMs: number;
  shortMs: number;
  burnRate: number;
}

/**
 * Multi-window, multi-burn-rate rules (Google SRE workbook, ch. 5) for a 30-day objective, worst first. A rule
 * matches when the burn rate reaches its factor over both windows: the long window proves the burn is
 * significant (14.4x for 1 h spends 2 % of a 30-day budget, 6x for 6 h 5 %, 1x for 3 d 10 %), the short one that it
 * is still happening, so the alert clears soon after the burn stops.
 */
export const burnRules: readonly BurnRule[] = [
  { rule: '1h/5m@14.4x', severity: 'critical', longMs: HOUR, shortMs: 5 * MINUTE, burnRate: 14.4 },
  { rule: '6h/30m@6x', severity: 'critical', longMs: 6 * HOUR, shortMs: 30 * MINUTE, burnRate: 6 },
  { rule: '3d/6h@1x', severity: 'warning', longMs: 3 * DAY, shortMs: 6 * HOUR, burnRate: 1 },
];

const BASE_OBJECTIVE_MS = 30 * DAY;
const STEP_MS = 5 * MINUTE;

/**
 * Rule windows for an objective of `slaWindowMs`: scaled by slaWindow / 30 d so each rule still spends the same
 * share of the budget, rounded to the 5-minute grid and never below 5 minutes (the finest bucket). Burn-rate
 * factors are not scaled. A 7-day objective reads 15m/5m, 85m/5m and 16h50m/85m; a 90-day one 3h/15m, 18h/90m
 * and 9d/18h.
 */
export function scaledRules(slaWindowMs: number): BurnRule[] {
  const f = slaWindowMs / BASE_OBJECTIVE_MS;
  const scale = (ms: number) => Math.max(STEP_MS, Math.round((ms * f) / STEP_MS) * STEP_MS);
  return burnRules.map((r) => ({ ...r, longMs: scale(r.longMs), shortMs: scale(r.shortMs) }));
}

export interface RuleOutcome {
  rule: string;
  severity: Severity;
  /** The (scaled) windows, ISO-8601. */
  window: string;
  shortWindow: string;
  /** Burn rate over each window; undefined when the window holds no event. */
  burnLong: number | undefined;
  burnShort: number | undefined;
  matched: boolean;
}

export interface Evaluation {
  slaId: string;
  partnerId: string;
  metric: string;
  kind: SlaTerm['kind'];
  status: EvaluationStatus;
  /** Set on breach: the SLA's severity (threshold, freshness) or the matching rule's (ratio). */
  severity?: Severity;
  /**
   * threshold: the window aggregate; ratio: good events in % over the SLA window; freshness: ms since the last
   * report. Undefined without data.
   */
  measured?: number;
  /** threshold: the SLA target; ratio: the objective in %; freshness: the window in ms. */
  target: number;
  /** The window that decided (ISO-8601): the rule's long window for a ratio breach, else the SLA window. */
  window: string;
  /** ratio breach: the rule's short window. */
  shortWindow?: string;
  /** ratio breach: the worst matching rule. */
  rule?: string;
  /** ratio: every rule, matched or not, worst first. */
  rules?: RuleOutcome[];
  /** ratio: share of the error budget left over the SLA window (1 - consumed; negative when overspent). */
  budgetRemaining?: number;
  detail: string;
}

export type EvaluateOptions = WindowOptions;

/**
 * - threshold: the window aggregate against the target; healthy when `measured <comparator> target`; a breach
 *   takes the SLA's severity. No value point in the window: no-data.
 * - ratio: the burn-rate rules above; a breach takes the worst matching rule's severity (the SLA's own severity is
 *   not used); `measured` is the % of good events over the SLA window. No event over the SLA window: no-data; an
 *   empty rule window means "not burning" (the rule does not match).
 * - freshness: breach when the last report is older than the window, or when nothing was reported and the SLA has
 *   been active for at least one window (`activeSince`; unknown counts as long ago). Never no-data.
 *
 * `rollups` may be an index from indexRollups (then `opts.completeFrom` is the index's, not `opts`').
 */
export function evaluateSla(
  sla: SlaUnderEvaluation,
  rollups: Rollups | RollupIndex,
  now: number,
  opts: EvaluateOptions = {},
): Evaluation {
  const index = indexRollups(rollups, opts);
  switch (sla.kind) {
    case 'threshold':
      return evaluateThreshold(sla, index, now);
    case 'ratio':
      return evaluateRatio(sla, index, now);
    case 'freshness':
      return evaluateFreshness(sla, index, now);
  }
}

/**
 * The longest window an evaluation of `sla` reads. The I/O layer should fetch buckets with
 * `start > now - lookbackMs(sla) - resolution` (an edge bucket may start before the window).
 */
export function lookbackMs(sla: SlaTerm): number {
  const window = durationMs(sla.window);
  if (sla.kind !== 'ratio') return window;
  return Math.max(window, ...scaledRules(window).map((r) => r.longMs));
}

type Identity = Pick<Evaluation, 'slaId' | 'partnerId' | 'metric' | 'kind'>;
const identity = (sla: SlaUnderEvaluation): Identity => ({
  slaId: sla.id,
  partnerId: sla.partnerId,
  metric: sla.metric,
  kind: sla.kind,
});

const healthy: Record<ThresholdSla['comparator'], (measured: number, target: number) => boolean> = {
  '>=': (m, t) => m >= t,
  '>': (m, t) => m > t,
  '<=': (m, t) => m <= t,
  '<': (m, t) => m < t,
};

function evaluateThreshold(sla: ThresholdSla & SlaUnderEvaluation, index: RollupIndex, now: number): Evaluation {
  const windowMs = durationMs(sla.window);
  const measured = valueOf(aggregateWindow(index, windowMs, now), sla.aggregate);
  const base = { ...identity(sla), target: sla.target, window: sla.window };
  const what = `${sla.metric} ${sla.aggregate} over ${sla.window}`;
  if (measured === undefined) {
    return { ...base, status: 'no-data', detail: `${what}: no data reported in the window` };
  }
  const ok = healthy[sla.comparator](measured, sla.target);
  return {
    ...base,
    status: ok ? 'ok' : 'breach',
    ...(ok ? {} : { severity: sla.severity }),
    measured,
    detail: `${what} is ${fmt(measured)}, target ${sla.comparator} ${fmt(sla.target)}${ok ? '' : ': breach'}`,
  };
}

function evaluateRatio(sla: RatioSla & SlaUnderEvaluation, index: RollupIndex, now: number): Evaluation {
  const windowMs = durationMs(sla.window);
  const base = { ...identity(sla), target: sla.target, window: sla.window };
  // (bad / total) / (1 - target / 100), arranged so whole counts give exact burn rates at the rule boundaries
  // (72 bad of 100 against 95 % is 14.4x, not 14.399999999999999x).
  const burnOf = (c: { good: number; total: number }) => ((c.total - c.good) * 100) / (c.total * (100 - sla.target));
  const overall = ratioOf(aggregateWindow(index, windowMs, now));
  if (!overall) {
    return { ...base, status: 'no-data', detail: `${sla.metric}: no events reported over ${sla.window}` };
  }

  // Windows are shared between rules (6h is long for one, short for another): read each once.
  const burns = new Map<number, number | undefined>();
  const burnOver = (ms: number) => {
    if (!burns.has(ms)) {
      const counts = ratioOf(aggregateWindow(index, ms, now));
      burns.set(ms, counts && burnOf(counts));
    }
    return burns.get(ms);
  };
  const rules: RuleOutcome[] = scaledRules(windowMs).map((r) => {
    const burnLong = burnOver(r.longMs);
    const burnShort = burnOver(r.shortMs);
    return {
      rule: r.rule,
      severity: r.severity,
      window: isoDuration(r.longMs),
      shortWindow: isoDuration(r.shortMs),
      burnLong,
      burnShort,
      matched: burnLong !== undefined && burnShort !== undefined && burnLong >= r.burnRate && burnShort >= r.burnRate,
    };
  });

  const measured = (overall.good / overall.total) * 100;
  const budgetRemaining = 1 - burnOf(overall);
  const summary =
    `${fmt(measured)} % good over ${sla.window} (target ${fmt(sla.target)} %), ` +
    `error budget left ${fmt(budgetRemaining * 100)} %`;
  const worst = rules.find((r) => r.matched);
  if (!worst) {
    return { ...base, status: 'ok', measured, rules, budgetRemaining, detail: `${sla.metric}: ${summary}` };
  }
  return {
    ...base,
    status: 'breach',
    severity: worst.severity,
    measured,
    window: worst.window,
    shortWindow: worst.shortWindow,
    rule: worst.rule,
    rules,
    budgetRemaining,
    detail:
      `${sla.metric}: error budget burning at ${fmt(worst.burnLong!)}x over ${worst.window} and ` +
      `${fmt(worst.burnShort!)}x over ${worst.shortWindow} (rule ${worst.rule}); ${summary}`,
  };
}

function evaluateFreshness(sla: FreshnessSla & SlaUnderEvaluation, index: RollupIndex, now: number): Evaluation {
  const windowMs = durationMs(sla.window);
  const base = { ...identity(sla), target: windowMs, window: sla.window };
  const last = lastReportAt(index);
  if (last === undefined) {
    const graceEnds = (sla.activeSince ?? Number.NEGATIVE_INFINITY) + windowMs;
    if (now < graceEnds) {
      return {
        ...base,
        status: 'ok',
        detail: `${sla.metric}: no report yet; the first is due by ${new Date(graceEnds).toISOString()}`,
      };
    }
    return {
      ...base,
      status: 'breach',
      severity: sla.severity,
      detail: `${sla.metric}: nothing reported in the last ${sla.window}`,
    };
  }
  const age = Math.max(0, now - last);
  const ok = age <= windowMs;
  return {
    ...base,
    status: ok ? 'ok' : 'breach',
    ...(ok ? {} : { severity: sla.severity }),
    measured: age,
    detail:
      `${sla.metric}: last report ${isoDuration(age)} ago at ${new Date(last).toISOString()}, ` +
      `allowed gap ${sla.window}${ok ? '' : ': breach'}`,
  };
}

const fmt = (n: number) => String(Number(n.toFixed(n !== 0 && Math.abs(n) < 1 ? 3 : 2)));
