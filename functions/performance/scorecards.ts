import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit } from '#shared/db/commit';
import { getItem, queryAll, toEntity } from '#shared/db/repository';
import { alertsOf, type Alert } from '#functions/alerts/index';
import {
  healthScore,
  healthyTime,
  kpiVsTarget,
  scoreSla,
  type SlaPeriod,
} from '#functions/performance/domain/scorecard';
import type { Scorecard } from '#functions/performance/domain/scorecard-schema';
import type { SlaDefinition } from '#functions/performance/domain/sla-definition';
import { severities, type Severity } from '#functions/performance/domain/sla';
import { aggregateWindow, valueOf } from '#functions/performance/domain/windows';
import { ValidationError } from '#shared/errors';
import { getPartner } from '#functions/partners/index';
import { ScorecardEntity, slasOf } from '#functions/performance/entities';
import { readRollups } from '#functions/performance/rollups';

/**
 * A partner's monthly scorecard: per SLA compliance and error budget, KPI values against targets, alert counts
 * and the health score (formula in functions/performance/domain/scorecard.ts and docs/api.md). Computed from the
 * rollups (one Query per SLA) and the partner's alerts (one Query); the daily job stores it for the dashboard.
 */

const DAY = 24 * 3600 * 1000;
/** Alerts that began this long before the period may still have been open in it. */
const ALERT_LOOKBACK = 90 * DAY;

export function currentPeriod(): string {
  return new Date(nowMs()).toISOString().slice(0, 7);
}

export function periodRange(period: string): { from: number; to: number } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const from = Date.UTC(y, m - 1, 1);
  const to = Math.min(Date.UTC(y, m, 1), nowMs());
  if (from >= nowMs())
    throw new ValidationError('The period has not started yet', {
      errors: [{ path: 'query.period', message: 'must not be in the future' }],
    });
  return { from, to };
}

export async function computeScorecard(partnerId: string, period: string): Promise<Scorecard> {
  await getPartner(partnerId);
  const { from, to } = periodRange(period);
  const [slas, alerts] = await Promise.all([partnerSlas(partnerId, to), partnerAlerts(partnerId, from)]);

  const raised = zero();
  const open = zero();
  for (const alert of alerts) {
    const first = Date.parse(alert.firstSeen);
    if (first >= from && first < to) raised[alert.severity] += 1;
    if (alert.status !== 'resolved') open[alert.severity] += 1;
  }

  const scored = await Promise.all(
    slas.map((sla) =>
      scoreOne(
        sla,
        alerts.filter((a) => a.slaId === sla.id),
        { from, to },
      ),
    ),
  );
  const score = healthScore(
    scored.map((s) => ({ severity: s.severity, score: s.score })),
    open,
  );
  return {
    partnerId,
    period,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    ...(score !== undefined ? { healthScore: score } : {}),
    slas: scored,
    alerts: { raised, open },
    computedAt: nowIso(),
  };
}

async function scoreOne(
  sla: SlaDefinition,
  alerts: Alert[],
  range: { from: number; to: number },
): Promise<Scorecard['slas'][number]> {
  // Figures cover the whole period (what the partner reported); healthy time counts from when the SLA applied.
  const since = Math.max(range.from, Date.parse(sla.effectiveFrom ?? sla.createdAt));
  const rollups = await readRollups(sla.partnerId, sla.metric, range.from, range.to);
  const aggregate = aggregateWindow(rollups, range.to - range.from, range.to);
  const breaches = alerts.map((a) => ({
    from: Date.parse(a.firstSeen),
    ...(a.resolvedAt ? { to: Date.parse(a.resolvedAt) } : {}),
  }));
  let period: SlaPeriod;
  if (sla.kind === 'ratio') {
    period = {
      kind: 'ratio',
      severity: sla.severity,
      target: sla.target,
      good: aggregate?.good ?? 0,
      total: aggregate?.total ?? 0,
    };
  } else {
    const hasData = aggregate !== undefined && (aggregate.count > 0 || aggregate.total > 0);
    const time = healthyTime({ from: since, to: range.to }, breaches);
    period =
      hasData || breaches.length
        ? { kind: sla.kind, severity: sla.severity, ...time }
        : { kind: sla.kind, severity: sla.severity, healthy: 0, breached: 0 };
  }
  const result = scoreSla(period);
  const kpiValue = sla.kind === 'threshold' ? valueOf(aggregate, sla.aggregate) : undefined;
  return {
    slaId: sla.id,
    metric: sla.metric,
    kind: sla.kind,
    severity: sla.severity,
    ...('target' in sla ? { target: sla.target } : {}),
    ...(result.compliance !== undefined ? { compliance: round(result.compliance) } : {}),
    ...(result.met !== undefined ? { met: result.met } : {}),
    ...(result.budgetRemaining !== undefined ? { errorBudgetLeft: round(result.budgetRemaining) } : {}),
    ...(sla.kind === 'threshold' && kpiValue !== undefined
      ? { kpi: roundKpi(kpiVsTarget(kpiValue, sla.target, sla.comparator)) }
      : {}),
    alertsRaised: alerts.filter((a) => Date.parse(a.firstSeen) >= range.from).length,
    ...(result.score !== undefined ? { score: round(result.score) } : {}),
  };
}

async function partnerSlas(partnerId: string, until: number): Promise<SlaDefinition[]> {
  const { PK, skPrefix } = slasOf(partnerId);
  const slas: SlaDefinition[] = [];
  for await (const page of queryAll<SlaDefinition>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 100 })) {
    slas.push(...page.filter((s) => Date.parse(s.effectiveFrom ?? s.createdAt) < until));
  }
  return slas;
}

async function partnerAlerts(partnerId: string, from: number): Promise<Alert[]> {
  const { PK, skPrefix } = alertsOf(partnerId);
  const alerts: Alert[] = [];
  for await (const page of queryAll<Alert>({
    partition: PK,
    sort: { beginsWith: skPrefix },
    newestFirst: true,
    limit: 100,
  })) {
    for (const alert of page) {
      if (Date.parse(alert.firstSeen) < from - ALERT_LOOKBACK) return alerts;
      alerts.push(alert);
    }
  }
  return alerts;
}

/** Stores the scorecard where the dashboard ranks partners. Recomputing replaces it. */
export async function storeScorecard(ctx: OperationContext, card: Scorecard): Promise<void> {
  await commit(ctx, {
    writes: [ScorecardEntity.put(card)],
    audit: {
      action: 'scorecard.stored',
      entityType: 'scorecard',
      entityId: `${card.partnerId}#${card.period}`,
      partnerId: card.partnerId,
      note: `health ${card.healthScore ?? 'n/a'}`,
    },
  });
}

export async function getStoredScorecard(partnerId: string, period: string): Promise<Scorecard | undefined> {
  const item = await getItem<Scorecard>(ScorecardEntity.key({ partnerId, period }));
  return item ? toEntity<Scorecard>(item) : undefined;
}

const zero = (): Record<Severity, number> =>
  Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
const round = (x: number) => Math.round(x * 100) / 100;
function roundKpi<T extends { value: number; gap: number; attainment: number | undefined }>(kpi: T) {
  const { attainment, ...rest } = kpi;
  return {
    ...rest,
    value: round(kpi.value),
    gap: round(kpi.gap),
    ...(attainment !== undefined ? { attainment: round(attainment) } : {}),
  };
}
