import { createHash } from 'node:crypto';
import { DemandShiftDetected } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, put } from '#shared/db/commit';
import {
  ConsensusForecastEntity,
  MIN_HISTORY,
  seriesPartition,
  SkuDemandEntity,
  StatForecastEntity,
  type StoredSale,
  type StoredStat,
} from '#functions/supply/entities';
import { queryAll } from '#shared/db/repository';
import { detectDemandShift } from '#functions/supply/forecasting/demand-shift';
import { forecast } from '#functions/supply/forecasting/forecast';
import {
  consensus,
  consensusWeights,
  dailyDemand,
  type TrackPoint,
  TRACK_PERIODS,
} from '#functions/supply/domain/consensus';
import {
  denseSeries,
  horizonOf,
  periodDays,
  periodOf,
  periodsBetween,
  periodStart,
  seasonLength,
  shiftPeriod,
  type Granularity,
} from '#functions/supply/domain/period';
import type { Commit } from '#functions/supply/domain/schemas';
import {
  commitChange,
  raiseChange,
  readOpenAlerts,
  resolveChange,
  type AlertSubject,
  type OpenAlert,
} from '#functions/alerts/index';
import { firing, raiseOrIgnoreRace } from '#functions/supply/supply-alerts';

/**
 * The forecast job's work for one partner x SKU series (run by the worker, idempotent):
 *
 * 1. One Query reads the series partition (sales, stored statistical forecasts, commit versions) while another
 *    reads the series' open demand-shift alert. A changed series then costs one transaction.
 * 2. History = complete periods only (the current week or month is still being sold). The statistical forecast
 *    is fitted once per origin (last complete period) and input: a re-run with the same data reuses it.
 * 3. Consensus with the partner's current commit, weighted by each source's past accuracy (consensus.ts).
 * 4. Demand shift: the actuals after a stored forecast made at least two periods ago fall outside its 95 %
 *    interval twice in a row, or (with two seasons of history before the last `SHIFT_WINDOW` periods, so the
 *    season can be adjusted) a level shift. One open alert per partner:sku:demand-shift; it resolves once
 *    neither signal holds.
 * 5. The partner's daily demand (SkuDemand) is stored for the vendor's summary and the hourly cover check
 *    (cover-check.ts), which compares it with the stock every hour rather than once a day.
 * Writes only when something changed, so running the job twice adds nothing.
 */

export interface SeriesRef {
  partnerId: string;
  sku: string;
  granularity: Granularity;
}

export type SeriesOutcome = 'forecast' | 'unchanged' | 'short';

export interface SeriesResult {
  outcome: SeriesOutcome;
  alertsRaised: number;
  alertsResolved: number;
}

const SHIFT_WINDOW = { month: 6, week: 8 } as const;
const STAT_TTL_SECONDS = 3 * 365 * 24 * 3600;

export async function forecastSeries(ctx: OperationContext, ref: SeriesRef): Promise<SeriesResult> {
  const { partnerId, sku, granularity } = ref;
  const [partition, openShift] = await Promise.all([
    readPartition(partnerId, sku, granularity),
    readOpenAlerts(partnerId, { kind: 'demand-shift', sku, granularity }).then((open) => Object.values(open)[0]),
  ]);
  const current = periodOf(nowMs(), granularity);
  const sales = partition.sales.filter((s) => s.period < current);
  const dense = denseSeries(sales);
  const result: SeriesResult = { outcome: 'short', alertsRaised: 0, alertsResolved: 0 };
  if (!dense || dense.values.length < MIN_HISTORY) return result;

  const values = dense.values;
  const origin = shiftPeriod(dense.first, values.length - 1);
  const head = partition.head?.granularity === granularity ? partition.head : undefined;
  const inputHash = createHash('sha256')
    .update(`${dense.first}|${values.join(',')}`)
    .digest('base64url')
    .slice(0, 22);
  const stored = partition.stats.find((s) => s.origin === origin);
  const stat = stored?.inputHash === inputHash ? stored : fit(values, origin, granularity, inputHash);

  const weights = consensusWeights(trackRecord(values, dense.first, partition.stats, partition.commits, granularity));
  const committed = new Map((head?.periods ?? []).map((p) => [p.period, p.units] as const));
  const points = consensus(stat.points, committed, weights);
  const demandPerDay = dailyDemand(points.map((p) => ({ units: p.units, days: periodDays(p.period) })));

  const unchanged =
    stat === stored && partition.consensus?.commitVersion === head?.version && partition.consensus?.origin === origin;
  result.outcome = unchanged ? 'unchanged' : 'forecast';
  if (!unchanged) {
    const at = nowIso();
    const consensusItem = {
      origin,
      ...(head ? { commitVersion: head.version } : {}),
      weights,
      points,
      computedAt: at,
    };
    await commit(ctx, {
      writes: [
        ...(stat === stored
          ? []
          : [
              // The stored forecast does not repeat the series' partner and SKU: its key names them.
              put({
                ...StatForecastEntity.storage({ ...stat, partnerId, sku }),
                ...stat,
                ttl: Math.floor(nowMs() / 1000) + STAT_TTL_SECONDS,
              }),
            ]),
        ConsensusForecastEntity.put({ partnerId, sku, granularity, ...consensusItem }),
        SkuDemandEntity.put({
          partnerId,
          sku,
          granularity,
          origin,
          dailyDemand: Math.round(demandPerDay * 1000) / 1000,
          points,
          updatedAt: at,
        }),
      ],
      audit: {
        action: 'forecast.computed',
        entityType: 'forecast',
        entityId: `${sku}#${granularity}`,
        partnerId,
        note: `origin ${origin}: ${stat.model}, MASE ${stat.mase ?? 'n/a'}; consensus weights stat ${weights.stat} / partner ${weights.partner} (${weights.basis})`,
      },
    });
  }

  const shift = await decideDemandShift(
    ctx,
    ref,
    values,
    dense.first,
    partition.stats.filter((s) => s.origin !== origin),
    openShift,
  );
  result.alertsRaised = shift.raised;
  result.alertsResolved = shift.resolved;
  return result;
}

// ---------------------------------------------------------------------------------------------- reading

export interface Partition {
  sales: Pick<StoredSale, 'period' | 'units'>[];
  stats: StoredStat[];
  commits: Commit[];
  head: Commit | undefined;
  consensus: { origin: string; commitVersion?: number } | undefined;
}

/**
 * One Query (a page per MB) over the series partition. Repository reads drop the keys, so the item kinds are
 * told apart by their fields; the head commit is the latest version (both are written in one transaction).
 */
export async function readPartition(partnerId: string, sku: string, granularity: Granularity): Promise<Partition> {
  const partition: Partition = { sales: [], stats: [], commits: [], head: undefined, consensus: undefined };
  const commits = new Map<number, Commit>();
  for await (const page of queryAll<Record<string, unknown>>({
    partition: seriesPartition(partnerId, sku),
    limit: 1000,
  })) {
    for (const item of page) {
      if ('committedAt' in item) {
        const c = item as unknown as Commit;
        commits.set(c.version, c);
      } else if (item.granularity !== granularity) continue;
      else if ('reportedAt' in item) partition.sales.push(item as unknown as StoredSale);
      else if ('inputHash' in item) partition.stats.push(item as unknown as StoredStat);
      else if ('weights' in item) partition.consensus = item as unknown as Partition['consensus'];
    }
  }
  partition.commits = [...commits.values()].sort((a, b) => a.version - b.version);
  partition.head = partition.commits[partition.commits.length - 1];
  return partition;
}

// ---------------------------------------------------------------------------------------------- fitting

function fit(values: number[], origin: string, granularity: Granularity, inputHash: string): StoredStat {
  const result = forecast(values, {
    seasonLength: seasonLength(granularity),
    horizon: horizonOf(granularity),
    nonNegative: true,
  });
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    origin,
    granularity,
    inputHash,
    model: result.model,
    mase: result.holdoutMase === null ? null : Math.round(result.holdoutMase * 1000) / 1000,
    smape: result.holdoutSmape === null ? null : Math.round(result.holdoutSmape * 100) / 100,
    points: result.forecasts.map((f) => ({
      period: shiftPeriod(origin, f.step),
      point: round(f.point),
      lo80: round(f.lo80),
      hi80: round(f.hi80),
      lo95: round(f.lo95),
      hi95: round(f.hi95),
    })),
    notes: result.notes,
    fittedAt: nowIso(),
  };
}

/**
 * What each source had said about each recent actual before its period began: the stored statistical forecast
 * of the latest origin before the period, and the commit version in force when the period started.
 */
export function trackRecord(
  values: number[],
  first: string,
  stats: StoredStat[],
  commits: Commit[],
  granularity: Granularity,
): TrackPoint[] {
  const sortedStats = [...stats].sort((a, b) => a.origin.localeCompare(b.origin));
  const sortedCommits = commits.filter((c) => c.granularity === granularity).sort((a, b) => a.version - b.version);
  const track: TrackPoint[] = [];
  for (let i = Math.max(0, values.length - TRACK_PERIODS); i < values.length; i++) {
    const period = shiftPeriod(first, i);
    const statSource = sortedStats.filter((s) => s.origin < period).pop();
    const statPoint = statSource?.points.find((p) => p.period === period)?.point;
    const starts = new Date(periodStart(period)).toISOString();
    const commitSource = sortedCommits.filter((c) => c.committedAt < starts).pop();
    const partnerPoint = commitSource?.periods.find((p) => p.period === period)?.units;
    if (statPoint !== undefined || partnerPoint !== undefined)
      track.push({ period, actual: values[i]!, stat: statPoint, partner: partnerPoint });
  }
  return track;
}

// ---------------------------------------------------------------------------------------------- alerts

interface AlertCounts {
  raised: number;
  resolved: number;
}

async function decideDemandShift(
  ctx: OperationContext,
  ref: SeriesRef,
  values: number[],
  first: string,
  earlier: StoredStat[],
  open: OpenAlert | undefined,
): Promise<AlertCounts> {
  const { partnerId, sku, granularity } = ref;
  const last = shiftPeriod(first, values.length - 1);
  const signals: ('outside-interval' | 'level-shift')[] = [];
  const periods: string[] = [];
  let target = 0;
  let levelBefore: number | undefined;
  let levelAfter: number | undefined;

  // A stored forecast made at least two periods before the last actual: its next actuals against its 95 % band.
  const reference = [...earlier]
    .sort((a, b) => a.origin.localeCompare(b.origin))
    .filter((s) => s.origin <= shiftPeriod(last, -2))
    .pop();
  if (reference && reference.origin >= first) {
    const start = periodsBetween(first, reference.origin) + 1;
    const actuals = values.slice(start, start + reference.points.length);
    if (detectDemandShift([], actuals, reference.points, { level: 95 }).outsideTwoConsecutive) {
      signals.push('outside-interval');
      actuals.forEach((a, i) => {
        const band = reference.points[i]!;
        if (a < band.lo95 || a > band.hi95) periods.push(band.period);
      });
      target = reference.points[actuals.length - 1]?.point ?? 0;
    }
  }
  const m = seasonLength(granularity);
  const window = SHIFT_WINDOW[granularity];
  if (values.length - window >= 2 * m) {
    const level = detectDemandShift(values.slice(0, values.length - window), values.slice(values.length - window), [], {
      seasonLength: m,
    }).levelShift;
    if (level) {
      signals.push('level-shift');
      levelBefore = Math.round(level.before * 100) / 100;
      levelAfter = Math.round(level.after * 100) / 100;
      periods.push(shiftPeriod(first, values.length - window + level.at));
      if (!target) target = levelBefore;
    }
  }

  const subject: AlertSubject = { kind: 'demand-shift', sku, granularity };
  const latest = values[values.length - 1]!;
  if (signals.length === 0) {
    if (!open) return { raised: 0, resolved: 0 };
    await commitChange(
      ctx,
      resolveChange(ctx, open, {
        resolution: 'recovered',
        notify: true,
        detail: `${sku} sell-through is back in line with its forecast (${last}: ${latest})`,
      }),
    );
    return { raised: 0, resolved: 1 };
  }
  if (open) return { raised: 0, resolved: 0 };

  const uniquePeriods = [...new Set(periods)].sort();
  const detail = signals.includes('outside-interval')
    ? `${sku} sell-through left its 95 % forecast interval in ${uniquePeriods.join(', ')} (latest ${latest} vs forecast ${target})`
    : `${sku} sell-through shifted level from ${levelBefore} to ${levelAfter} per ${granularity} since ${uniquePeriods[0]}`;
  const change = raiseChange(ctx, {
    scope: partnerId,
    subject,
    detail,
    state: firing(latest, target, granularity === 'week' ? 'P1W' : 'P1M'),
  });
  const { alertId } = change;
  change.events.push(
    outboxEvent(ctx, DemandShiftDetected, partnerId, {
      sku,
      granularity,
      alertId,
      signals,
      periods: uniquePeriods,
      ...(levelBefore !== undefined ? { levelBefore } : {}),
      ...(levelAfter !== undefined ? { levelAfter } : {}),
      detail,
    }),
  );
  return { raised: await raiseOrIgnoreRace(() => commitChange(ctx, change)), resolved: 0 };
}
