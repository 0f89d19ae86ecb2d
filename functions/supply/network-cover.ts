import { CoverBelowLeadTime } from '#events/catalog';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import { systemContext, type OperationContext } from '#shared/context';
import { keys, VENDOR_SCOPE } from '#shared/db/keys';
import { queryAll } from '#shared/db/repository';
import { decideAlert, defaultAlertPolicy, type AlertPolicy } from '#shared/domain/performance/alerts';
import type { Evaluation } from '#shared/domain/performance/evaluate';
import type { Cover } from '#shared/domain/supply/consensus';
import type { Product } from '#shared/domain/supply/schemas';
import { logger } from '#shared/log';
import { commitChange, raiseChange, readOpenAlertsOfPartner, resolveChange, updateChange, type OpenAlert, type OpenAlerts } from '#functions/performance/alert-store';
import { levelsOf, type StoredLevel } from '#functions/supply/inventory';
import { levelCover, raiseOrIgnoreRace } from '#functions/supply/supply-alerts';

/**
 * Network cover: each inventory level of a SKU against the consensus demand of every partner it serves (the
 * partners it is shared with; all partners with demand for `all`; none for a vendor-only level). A partner's own
 * cover check (series-forecast.ts) divides by its own demand only, because partners may read their alerts; a
 * location that several partners draw on can run dry while each of them alone looks covered. This is the view
 * only the vendor sees: the supply summary's `cover` rows and, hourly, a program alert per SKU and location
 * whose cover is below the product's lead time. The alert follows the SLA alerts' lifecycle (alerts.ts): each
 * hour below updates it, an unacknowledged one is re-notified every 4 hours, and it resolves at the first check
 * above (no keep-firing window: an hourly check is already slow to flap).
 */

const POLICY: AlertPolicy = { ...defaultAlertPolicy, keepFiringMs: 0 };

export interface NetworkCover extends Cover {
  location: string;
  /** Partners whose demand the location serves. */
  partnersServed: number;
}

/** Each partner's current daily demand for a SKU (one Query); `granularity` keeps one kind of series. */
export async function networkDemand(sku: string, granularity?: 'week' | 'month'): Promise<Map<string, number>> {
  const byPartner = new Map<string, { dailyDemand: number; updatedAt: string }>();
  const { PK, skPrefix } = keys.skuDemandOf(sku, granularity ?? 'month');
  const query = { partition: PK, ...(granularity ? { sort: { beginsWith: skPrefix } } : {}), limit: 500 };
  for await (const page of queryAll<{ partnerId: string; dailyDemand: number; updatedAt: string }>(query)) {
    for (const demand of page) {
      // A partner forecasting the SKU weekly and monthly: its latest figure counts, once.
      const known = byPartner.get(demand.partnerId);
      if (!known || demand.updatedAt > known.updatedAt) byPartner.set(demand.partnerId, demand);
    }
  }
  return new Map([...byPartner].map(([partnerId, d]) => [partnerId, d.dailyDemand]));
}

export function networkCover(levels: StoredLevel[], demand: Map<string, number>, leadTimeDays: number): NetworkCover[] {
  return levels.map((level) => {
    const served =
      level.sharedWith === 'all' ? [...demand.values()] : Array.isArray(level.sharedWith) ? level.sharedWith.flatMap((id) => demand.get(id) ?? []) : [];
    const daily = served.reduce((sum, v) => sum + v, 0);
    return { location: level.location, partnersServed: served.length, ...levelCover(level, daily, leadTimeDays) };
  });
}

// ---------------------------------------------------------------------------------------------- the hourly check

export interface CoverCheckSummary {
  job: 'cover-check';
  products: number;
  levels: number;
  raised: number;
  updated: number;
  renotified: number;
  resolved: number;
  /** Levels whose decision failed (e.g. an alert changed by hand meanwhile): the next run decides them again. */
  failed: number;
}

const CONCURRENCY = 4;

/**
 * Hourly (`cover-check`): every product's levels against the network's demand (two Queries per product, one for
 * the open program alerts). Raises at most one alert per SKU and location (the open-alert pointer), resolves it
 * when stock, inbound, demand or lead time bring the cover back; running it twice changes nothing.
 */
export async function checkNetworkCover(tick: string): Promise<CoverCheckSummary> {
  const ctx = systemContext('cover-check', tick);
  const summary: CoverCheckSummary = { job: 'cover-check', products: 0, levels: 0, raised: 0, updated: 0, renotified: 0, resolved: 0, failed: 0 };
  const open = await readOpenAlertsOfPartner(VENDOR_SCOPE);
  const products: Product[] = [];
  for await (const page of queryAll<Product>({ partition: keys.productsPartition, limit: 100 })) products.push(...page);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, products.length) }, async () => {
      while (next < products.length) {
        const product = products[next++]!;
        const [levels, demand] = await Promise.all([levelsOf(product.sku), networkDemand(product.sku)]);
        for (const row of networkCover(levels, demand, product.leadTimeDays)) {
          try {
            const outcome = await decide(ctx, product, row, open);
            if (outcome) summary[outcome] += 1;
          } catch (error) {
            summary.failed += 1;
            logger.error('network cover decision failed', { sku: product.sku, location: row.location, error: error as Error });
          }
        }
        summary.products += 1;
        summary.levels += levels.length;
      }
    }),
  );
  logger.info('network cover checked', { ...summary });
  // The rest is done; failing the run lets the scheduler retry it (decisions are idempotent) and alarms on it.
  if (summary.failed > 0) throw new Error(`network cover: ${summary.failed} decision(s) failed`);
  return summary;
}

type Outcome = 'raised' | 'updated' | 'renotified' | 'resolved';

async function decide(ctx: OperationContext, product: Product, row: NetworkCover, open: Map<string, OpenAlerts>): Promise<Outcome | undefined> {
  const { sku, leadTimeDays, unit } = product;
  const subject = keys.networkCoverSubject(sku, row.location);
  const metric = `${sku} days of cover at ${row.location} (network)`;
  const current = Object.values(open.get(subject) ?? {})[0] as OpenAlert | undefined;
  const detail = row.belowLeadTime
    ? `${sku} at ${row.location}: ${row.daysOfCover} days of cover at the demand of the ${row.partnersServed} partner(s) it serves ` +
      `(${row.dailyDemand} ${unit}/day), below the ${leadTimeDays}-day lead time; suggested replenishment ${row.suggestedReplenishment} ${unit}`
    : `${sku} at ${row.location}: ${row.daysOfCover ?? 'unlimited'} days of cover for ${row.partnersServed} partner(s), lead time ${leadTimeDays} days`;
  const evaluation: Evaluation = {
    slaId: subject,
    partnerId: VENDOR_SCOPE,
    metric,
    kind: 'threshold',
    status: row.belowLeadTime ? 'breach' : 'ok',
    severity: 'warning',
    ...(row.daysOfCover === null ? {} : { measured: row.daysOfCover }),
    target: leadTimeDays,
    window: `P${leadTimeDays}D`,
    detail,
  };
  const decision = decideAlert(current?.state, evaluation, nowMs(), POLICY);
  const fields = { partnersServed: row.partnersServed, suggestedReplenishment: row.suggestedReplenishment, checkedAt: nowIso() };
  switch (decision.action) {
    case 'raise': {
      const change = raiseChange(ctx, { id: subject, partnerId: VENDOR_SCOPE, metric }, { detail }, decision.next!, {
        dedupKey: `network:${sku}:${row.location}:cover`,
        kind: 'network-cover-below-lead-time',
        slaBreach: false,
        fields: { sku, location: row.location, ...fields },
      });
      const alertId = String(change.writes[0]!.kind === 'put' ? change.writes[0]!.item.id : '');
      change.events.push(
        outboxEvent(ctx, CoverBelowLeadTime, undefined, {
          sku,
          location: row.location,
          alertId,
          available: row.available,
          dailyDemand: row.dailyDemand,
          daysOfCover: row.daysOfCover ?? 0,
          leadTimeDays,
          suggestedReplenishment: row.suggestedReplenishment,
          partnersServed: row.partnersServed,
        }),
      );
      return (await raiseOrIgnoreRace(() => commitChange(ctx, change))) ? 'raised' : undefined;
    }
    case 'update':
    case 'renotify':
      await commitChange(ctx, updateChange(ctx, current!, decision.next!, { action: decision.action === 'renotify' ? 'renotified' : 'updated', detail, extra: fields }));
      return decision.action === 'renotify' ? 'renotified' : 'updated';
    case 'resolve':
      await commitChange(ctx, resolveChange(ctx, current!, { resolution: 'recovered', notify: true, state: decision.next!, detail }));
      return 'resolved';
    default:
      return undefined;
  }
}
