import { CoverBelowLeadTime } from '#functions/supply/events';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import { systemContext, type OperationContext } from '#shared/context';
import { VENDOR_SCOPE } from '#shared/db/partition';
import { queryAll } from '#shared/db/repository';
import type { Cover } from '#functions/supply/domain/consensus';
import type { Product } from '#functions/supply/domain/schemas';
import { logger } from '#shared/log';
import {
  commitChange,
  decideAlert,
  defaultAlertPolicy,
  openAlertPages,
  openAlertsOfSubject,
  raiseChange,
  readOpenAlertsOfPartner,
  resolveChange,
  subjectId,
  subjectMetric,
  updateChange,
  type AlertEvaluation,
  type AlertPolicy,
  type AlertSubject,
  type OpenAlerts,
} from '#functions/alerts/index';
import { productsPartition } from '#functions/supply/entities';
import { levelsOf } from '#functions/supply/inventory';
import { networkCover, networkDemand, servedBy } from '#functions/supply/network-cover';
import { levelCover, raiseOrIgnoreRace } from '#functions/supply/supply-alerts';
import { forEachLimited } from '#shared/concurrency';

/**
 * The hourly `cover-check`: for every product, each inventory level's days of cover (available stock plus what
 * arrives within the lead time) against consensus demand, in two views:
 *
 * - each partner the level serves, at that partner's own demand: its alert (`cover-below-lead-time`), which both
 *   sides read; never other partners' demand, which a partner must not learn;
 * - the network, at the demand of every partner it serves: a program alert (`network-cover-below-lead-time`) in
 *   the vendor's scope, which no partner sees.
 *
 * Below the product's lead time raises an alert with a suggested replenishment. Alerts follow the SLA alerts'
 * lifecycle (alerts.ts): each hour below updates one, an unacknowledged one is re-notified every 4 hours, and it
 * resolves at the first check above (no keep-firing window: an hourly check is already slow to flap), or when
 * the level stops serving the partner. Reads: two Queries per product, the open alerts of the program (the
 * inbox's small open partition tells which partners have an open cover alert) and, strongly consistent, the
 * open-alert pointers of each partner that has one or whose cover is short now; a program where every location
 * is covered costs two Queries per product and one more. Running it twice in an hour changes nothing but the
 * alerts' last-seen time.
 */

const COVER_KINDS = new Set(['cover-below-lead-time', 'network-cover-below-lead-time']);

/** The partners (or VENDOR_SCOPE) with an open cover alert, from the vendor inbox's open partition (GSI2). */
async function scopesWithOpenCover(): Promise<Set<string>> {
  const scopes = new Set<string>();
  for await (const page of openAlertPages<{ partnerId?: string; kind?: string }>(500)) {
    for (const alert of page)
      if (alert.kind && COVER_KINDS.has(alert.kind)) scopes.add(alert.partnerId ?? VENDOR_SCOPE);
  }
  return scopes;
}

const POLICY: AlertPolicy = { ...defaultAlertPolicy, keepFiringMs: 0 };
const CONCURRENCY = 4;

export interface CoverCheckSummary {
  job: 'cover-check';
  products: number;
  levels: number;
  raised: number;
  updated: number;
  renotified: number;
  resolved: number;
  /** Decisions that failed (e.g. an alert changed by hand meanwhile): the next run makes them again. */
  failed: number;
}

type Outcome = 'raised' | 'updated' | 'renotified' | 'resolved';

/** What one decision is about: a partner's own cover of a level, or the network's. */
interface Subject {
  /** A partner id, or VENDOR_SCOPE for the network. */
  scope: string;
  product: Product;
  location: string;
  cover: Cover;
  partnersServed?: number;
}

export async function checkCover(tick: string): Promise<CoverCheckSummary> {
  const ctx = systemContext('cover-check', tick);
  const summary: CoverCheckSummary = {
    job: 'cover-check',
    products: 0,
    levels: 0,
    raised: 0,
    updated: 0,
    renotified: 0,
    resolved: 0,
    failed: 0,
  };
  const openByScope = new Map<string, Promise<Map<string, OpenAlerts>>>();
  const openOf = (scope: string) => {
    let open = openByScope.get(scope);
    if (!open) openByScope.set(scope, (open = readOpenAlertsOfPartner(scope)));
    return open;
  };
  const products: Product[] = [];
  for await (const page of queryAll<Product>({ partition: productsPartition, limit: 100 })) products.push(...page);
  const withOpenCover = await scopesWithOpenCover();

  const decideCounted = async (subject: Subject) => {
    // Covered, and no cover alert open in this scope: nothing to raise, update or resolve.
    if (!subject.cover.belowLeadTime && !withOpenCover.has(subject.scope)) return;
    try {
      const outcome = await decide(ctx, subject, await openOf(subject.scope));
      if (outcome) summary[outcome] += 1;
    } catch (error) {
      summary.failed += 1;
      logger.error('cover decision failed', {
        scope: subject.scope,
        sku: subject.product.sku,
        location: subject.location,
        error: error as Error,
      });
    }
  };

  await forEachLimited(products, CONCURRENCY, async (product) => {
    const [levels, demand] = await Promise.all([levelsOf(product.sku), networkDemand(product.sku)]);
    const network = networkCover(levels, demand, product.leadTimeDays);
    for (const [i, level] of levels.entries()) {
      const served = new Map(servedBy(level, demand));
      for (const partnerId of demand.keys()) {
        // A partner the level no longer serves: its cover alert there (if any) resolves as unlimited cover.
        const cover = levelCover(level, served.get(partnerId) ?? 0, product.leadTimeDays);
        await decideCounted({ scope: partnerId, product, location: level.location, cover });
      }
      const row = network[i]!;
      await decideCounted({
        scope: VENDOR_SCOPE,
        product,
        location: level.location,
        cover: row,
        partnersServed: row.partnersServed,
      });
    }
    summary.products += 1;
    summary.levels += levels.length;
  });
  logger.info('cover checked', { ...summary });
  // The rest is done; failing the run lets the scheduler retry it (decisions are idempotent) and alarms on it.
  if (summary.failed > 0) throw new Error(`cover check: ${summary.failed} decision(s) failed`);
  return summary;
}

async function decide(
  ctx: OperationContext,
  subject: Subject,
  open: Map<string, OpenAlerts>,
): Promise<Outcome | undefined> {
  const { scope, product, location, cover } = subject;
  const { sku, leadTimeDays, unit } = product;
  const network = scope === VENDOR_SCOPE;
  const alertSubject: AlertSubject = { kind: network ? 'network-cover' : 'cover', sku, location };
  const current = Object.values(openAlertsOfSubject(open, alertSubject))[0];
  if (!cover.belowLeadTime && !current) return undefined;

  const demandOf = network
    ? `the demand of the ${subject.partnersServed} partner(s) it serves (${cover.dailyDemand} ${unit}/day)`
    : 'your forecast demand';
  const detail = cover.belowLeadTime
    ? `${sku} at ${location}: ${cover.daysOfCover} days of cover at ${demandOf}, below the ${leadTimeDays}-day lead time; suggested replenishment ${cover.suggestedReplenishment} ${unit}`
    : `${sku} at ${location}: ${cover.daysOfCover ?? 'unlimited'} days of cover, lead time ${leadTimeDays} days`;
  const evaluation: AlertEvaluation = {
    slaId: subjectId(alertSubject),
    partnerId: scope,
    metric: subjectMetric(alertSubject),
    kind: 'threshold',
    status: cover.belowLeadTime ? 'breach' : 'ok',
    severity: 'warning',
    ...(cover.daysOfCover === null ? {} : { measured: cover.daysOfCover }),
    target: leadTimeDays,
    window: `P${leadTimeDays}D`,
    detail,
  };
  const decision = decideAlert(current?.state, evaluation, nowMs(), POLICY);
  const fields = {
    suggestedReplenishment: cover.suggestedReplenishment,
    ...(network ? { partnersServed: subject.partnersServed } : {}),
    checkedAt: nowIso(),
  };
  switch (decision.action) {
    case 'raise': {
      const change = raiseChange(ctx, { scope, subject: alertSubject, detail, state: decision.next!, fields });
      const { alertId } = change;
      change.events.push(
        outboxEvent(ctx, CoverBelowLeadTime, network ? undefined : scope, {
          sku,
          location,
          alertId,
          available: cover.available,
          dailyDemand: cover.dailyDemand,
          daysOfCover: cover.daysOfCover ?? 0,
          leadTimeDays,
          suggestedReplenishment: cover.suggestedReplenishment,
          ...(network ? { partnersServed: subject.partnersServed } : {}),
        }),
      );
      return (await raiseOrIgnoreRace(() => commitChange(ctx, change))) ? 'raised' : undefined;
    }
    case 'update':
    case 'renotify':
      await commitChange(
        ctx,
        updateChange(ctx, current!, decision.next!, {
          action: decision.action === 'renotify' ? 'renotified' : 'updated',
          detail,
          extra: fields,
        }),
      );
      return decision.action === 'renotify' ? 'renotified' : 'updated';
    case 'resolve':
      await commitChange(
        ctx,
        resolveChange(ctx, current!, { resolution: 'recovered', notify: true, state: decision.next!, detail }),
      );
      return 'resolved';
    default:
      return undefined;
  }
}
