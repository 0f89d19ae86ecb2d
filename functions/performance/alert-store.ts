import { ulid } from 'ulid';
import { AlertRaised, AlertRenotified, AlertResolved, SlaBreached } from '#functions/alerts/events';
import type { OutboxItem } from '#events/outbox-item';
import { outboxEvent } from '#events/outbox';
import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion, commit, put, versionedUpdate, type Write } from '#shared/db/commit';
import { keys, VENDOR_SCOPE } from '#shared/db/keys';
import { getItem, queryAll, queryPage, toEntity, type Page } from '#shared/db/repository';
import type { Alert, AlertStatusFilter } from '#functions/performance/domain/alert';
import { acknowledgeAlert, alertKey, type AlertState } from '#functions/performance/domain/alerts';
import type { Evaluation } from '#functions/performance/domain/evaluate';
import type { Severity } from '#functions/performance/domain/sla';
import { ConflictError, NotFoundError } from '#shared/errors';
import { definedOnly } from '#shared/domain/common';
import { listPartnerItems } from '#functions/partners/partners';

/**
 * Alerts in the table. Two items per open alert, always written together in one transaction with the audit
 * entry and the outbox event of the change:
 *
 * - the Alert (`P#<partner>/ALERT#<id>`): what the API lists; a new id per raise, kept after resolve.
 * - the open-alert pointer (`P#<partner>/ALERTKEY#<sla>#<severity>`): one per dedup key while the alert is
 *   open, holding the alert id and its decision state (AlertState, epoch ms). Raise puts it if absent, so two
 *   evaluators racing cannot open two alerts for one key; resolve deletes it.
 *
 * Program alerts that concern no single partner (a location's stock against the network's demand) live the
 * same way in the vendor's partition (`VENDOR_SCOPE`): they carry no `partnerId`, reach the vendor's inbox and
 * no partner, and their events have no partner.
 *
 * The pointer and the alert share one version (both start at 1, every change updates both conditioned on it),
 * so a stale writer fails on either and nothing is applied twice: each notification is the outbox event of the
 * one transaction that won.
 *
 * Why the pointer carries the decision state instead of only the alert id: an evaluation then reads the open
 * alerts of an SLA with the same request that finds them (one Query, or a slot in the worker's BatchGetItem),
 * never an extra GetItem per alert. And why not the SLA item: it is the vendor's resource with its own ETag, and
 * every monitor decision would bump its version and turn the vendor's next PATCH into a 412.
 */

/** An open alert as an evaluation sees it. */
export interface OpenAlert {
  alertId: string;
  /** The partner, or `VENDOR_SCOPE` for a program alert. */
  partnerId: string;
  slaId: string;
  metric: string;
  severity: Severity;
  dedupKey: string;
  state: AlertState;
  /** The alert's version (= the pointer's). */
  version: number;
}

export type OpenAlerts = Partial<Record<Severity, OpenAlert>>;

/** The stored alert: the API shape plus `lifecycle` (open | resolved), which the partner list filters on. */
type StoredAlert = Alert & { lifecycle: 'open' | 'resolved' };

export type Resolution = 'recovered' | 'manual' | 'superseded';

const notFound = () => new NotFoundError('Alert not found');

/** The partner an alert of this scope concerns: none for the vendor's program alerts. */
const partnerOf = (scope: string): string | undefined => (scope === VENDOR_SCOPE ? undefined : scope);

/** A concurrent evaluation opened the same dedup key first. */
export class AlertRaceError extends ConflictError {}

// ---------------------------------------------------------------------------------------------- reading

/** The open alerts of one SLA: one Query (0 to 3 pointer items). */
export async function readOpenAlerts(partnerId: string, slaId: string): Promise<OpenAlerts> {
  const { PK, skPrefix } = keys.openAlertsOf(partnerId, slaId);
  const open: OpenAlerts = {};
  for await (const page of queryAll<OpenAlert>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 25 })) {
    for (const pointer of page) open[pointer.severity] = pointer;
  }
  return open;
}

/** Every open alert of a partner by SLA id: one Query, for the on-ingest evaluator. */
export async function readOpenAlertsOfPartner(partnerId: string): Promise<Map<string, OpenAlerts>> {
  const { PK, skPrefix } = keys.openAlertsOf(partnerId);
  const bySla = new Map<string, OpenAlerts>();
  for await (const page of queryAll<OpenAlert>({ partition: PK, sort: { beginsWith: skPrefix }, limit: 100 })) {
    for (const pointer of page) {
      const open = bySla.get(pointer.slaId) ?? {};
      open[pointer.severity] = pointer;
      bySla.set(pointer.slaId, open);
    }
  }
  return bySla;
}

export async function getAlert(partnerId: string, alertId: string): Promise<Alert> {
  const item = await getItem<StoredAlert>(keys.alert(partnerId, alertId));
  if (!item) throw notFound();
  return present(toEntity<StoredAlert>(item));
}

export interface AlertFilter {
  status?: AlertStatusFilter | undefined;
  severity?: Severity | undefined;
}

/** A partner's alerts, newest first: one Query on its partition (a few when filtering). */
export async function listPartnerAlerts(
  partnerId: string,
  filter: AlertFilter,
  page: { limit: number; cursor?: string },
): Promise<Page<Alert>> {
  const result = await listPartnerItems<StoredAlert>(
    partnerId,
    keys.alertsOf(partnerId),
    {
      lifecycle: filter.status === 'open' ? 'open' : undefined,
      status: filter.status === 'open' ? undefined : filter.status,
      severity: filter.severity,
    },
    page,
  );
  return { ...result, items: result.items.map(present) };
}

/**
 * The vendor's inbox across partners, newest first, from the sparse GSI2: open alerts (firing and acknowledged)
 * in one partition, resolved ones in another. The open partition holds only what needs attention, so the inbox
 * page is one Query whatever the history; `firing`/`acknowledged`/`severity` filter within that small set.
 */
export async function listInbox(
  filter: AlertFilter & { status: AlertStatusFilter },
  page: { limit: number; cursor?: string },
): Promise<Page<Alert>> {
  const lifecycle = filter.status === 'resolved' ? 'resolved' : 'open';
  const equals: Record<string, string> = {};
  if (filter.status === 'firing' || filter.status === 'acknowledged') equals.status = filter.status;
  if (filter.severity) equals.severity = filter.severity;
  const result = await queryPage<StoredAlert>({
    index: 'GSI2',
    partition: keys.alertsPartition(lifecycle),
    equals,
    newestFirst: true,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  });
  return { ...result, items: result.items.map(present) };
}

function present(alert: StoredAlert): Alert {
  const { lifecycle: _l, ...rest } = alert;
  return rest;
}

// ---------------------------------------------------------------------------------------------- writing

interface SlaIdentity {
  id: string;
  partnerId: string;
  metric: string;
}

export interface AlertChange {
  writes: Write[];
  events: OutboxItem[];
  audit: { action: string; entityType: 'alert'; entityId: string; partnerId: string | undefined; note?: string };
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The alert's fields that mirror its decision state, as the API shows them. */
function stateFields(state: AlertState): Record<string, unknown> {
  return {
    status: state.status,
    severity: state.severity,
    measured: state.measured,
    target: state.target,
    window: state.window,
    rule: state.rule,
    occurrences: state.occurrences,
    firstSeen: iso(state.firstSeen),
    lastSeen: iso(state.lastSeen),
    lastNotifiedAt: iso(state.lastNotifiedAt),
    healthySince: iso(state.healthySince),
    acknowledgedAt: iso(state.acknowledgedAt),
    resolvedAt: iso(state.resolvedAt),
  };
}

/** The decision state of a stored alert (the pointer holds the same; the API path reads the alert). */
function stateOf(alert: Alert): AlertState {
  const ms = (t: string | undefined) => (t === undefined ? undefined : Date.parse(t));
  const state: AlertState = {
    status: alert.status,
    severity: alert.severity,
    firstSeen: Date.parse(alert.firstSeen),
    lastSeen: Date.parse(alert.lastSeen),
    occurrences: alert.occurrences,
    target: alert.target,
    window: alert.window,
    lastNotifiedAt: Date.parse(alert.lastNotifiedAt),
  };
  if (alert.measured !== undefined) state.measured = alert.measured;
  if (alert.rule !== undefined) state.rule = alert.rule;
  if (alert.healthySince !== undefined) state.healthySince = ms(alert.healthySince)!;
  if (alert.acknowledgedAt !== undefined) state.acknowledgedAt = ms(alert.acknowledgedAt)!;
  if (alert.resolvedAt !== undefined) state.resolvedAt = ms(alert.resolvedAt)!;
  return state;
}

function snapshot(
  ids: { alertId: string; partnerId: string; slaId: string; metric: string },
  state: AlertState,
  detail: string,
) {
  const partnerId = partnerOf(ids.partnerId);
  return {
    id: ids.alertId,
    ...(partnerId ? { partnerId } : {}),
    slaId: ids.slaId,
    metric: ids.metric,
    severity: state.severity,
    status: state.status,
    ...(state.measured === undefined ? {} : { measured: state.measured }),
    target: state.target,
    window: state.window,
    ...(state.rule ? { rule: state.rule } : {}),
    detail,
    firstSeen: new Date(state.firstSeen).toISOString(),
    lastSeen: new Date(state.lastSeen).toISOString(),
    occurrences: state.occurrences,
  };
}

/**
 * Options for alerts that are not SLA breaches (supply: demand shifts, cover below lead time). Their subject
 * stands in for the SLA id in the keys, they carry their own dedup key and kind, and they raise AlertRaised
 * (which the notifier sends to both sides) without SlaBreached.
 */
export interface RaiseOptions {
  dedupKey?: string;
  kind?: string;
  slaBreach?: boolean;
  /** Extra fields stored on the alert (e.g. sku, location, suggested replenishment). */
  fields?: Record<string, unknown>;
}

/** A new alert and its pointer (put if absent), with AlertRaised and SlaBreached. */
export function raiseChange(
  ctx: OperationContext,
  sla: SlaIdentity,
  evaluation: Pick<Evaluation, 'detail'>,
  state: AlertState,
  options: RaiseOptions = {},
): AlertChange {
  const alertId = ulid(nowMs());
  const dedupKey = options.dedupKey ?? alertKey(sla.partnerId, sla.metric, sla.id, state.severity);
  const ids = { alertId, partnerId: sla.partnerId, slaId: sla.id, metric: sla.metric };
  const at = nowIso();
  const meta = { version: 1, createdAt: at, updatedAt: at, createdBy: ctx.actor.sub };
  const alert = {
    ...keys.alert(sla.partnerId, alertId),
    ...keys.alertsByLifecycle('open', alertId),
    type: 'Alert',
    lifecycle: 'open',
    id: alertId,
    ...(partnerOf(sla.partnerId) ? { partnerId: sla.partnerId } : {}),
    slaId: sla.id,
    metric: sla.metric,
    dedupKey,
    ...(options.kind ? { kind: options.kind } : {}),
    ...options.fields,
    ...definedOnly(stateFields(state)),
    detail: evaluation.detail,
    ...meta,
  };
  const pointer = {
    ...keys.openAlert(sla.partnerId, sla.id, state.severity),
    type: 'OpenAlert',
    ...ids,
    severity: state.severity,
    dedupKey,
    state,
    ...meta,
  };
  const alertSnapshot = snapshot(ids, state, evaluation.detail);
  return {
    writes: [
      put(alert, { ifAbsent: true }),
      put(pointer, {
        ifAbsent: true,
        onConflict: () => new AlertRaceError(`An alert for ${dedupKey} is already open`),
      }),
    ],
    events: [
      outboxEvent(ctx, AlertRaised, partnerOf(sla.partnerId), { alert: alertSnapshot }),
      ...(options.slaBreach === false
        ? []
        : [outboxEvent(ctx, SlaBreached, partnerOf(sla.partnerId), { alert: alertSnapshot })]),
    ],
    audit: {
      action: 'alert.raised',
      entityType: 'alert',
      entityId: alertId,
      partnerId: partnerOf(sla.partnerId),
      note: `${dedupKey}: ${evaluation.detail}`,
    },
  };
}

/**
 * An open alert moves on (still breaching, re-notified, recovering, acknowledged): alert and pointer updated on
 * their shared version. `detail` is the breach that keeps it open (unchanged while recovering).
 */
export function updateChange(
  ctx: OperationContext,
  open: OpenAlert,
  next: AlertState,
  how: {
    action: 'updated' | 'renotified' | 'recovering' | 'acknowledged';
    detail?: string;
    extra?: Record<string, unknown>;
  },
): AlertChange {
  const fields = { ...stateFields(next), ...(how.detail ? { detail: how.detail } : {}), ...how.extra };
  const remove = Object.entries(fields)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  const writes = [
    versionedUpdate(keys.alert(open.partnerId, open.alertId), open.version, fields, { remove, notFound }),
    versionedUpdate(
      keys.openAlert(open.partnerId, open.slaId, open.severity),
      open.version,
      { state: next },
      { notFound },
    ),
  ];
  const events =
    how.action === 'renotified'
      ? [
          outboxEvent(ctx, AlertRenotified, partnerOf(open.partnerId), {
            alert: snapshot(open, next, how.detail ?? ''),
          }),
        ]
      : [];
  return {
    writes,
    events,
    audit: {
      action: `alert.${how.action}`,
      entityType: 'alert',
      entityId: open.alertId,
      partnerId: partnerOf(open.partnerId),
      ...(how.action === 'recovering' && next.healthySince
        ? { note: `healthy since ${new Date(next.healthySince).toISOString()}` }
        : how.detail
          ? { note: how.detail }
          : {}),
    },
  };
}

/**
 * Resolves an open alert: the alert moves to the resolved partition of the inbox and the pointer goes, so the
 * next breach opens a new alert. AlertResolved is written when the decision notifies (recovered, manual); an
 * alert superseded by a higher severity of the same SLA resolves silently (the higher one's notification says it).
 */
export function resolveWrites(
  ctx: OperationContext,
  open: OpenAlert,
  how: { resolution: Resolution; note?: string; notify: boolean; state?: AlertState; detail?: string },
): { writes: Write[]; events: OutboxItem[] } {
  const state: AlertState = how.state ?? { ...open.state, status: 'resolved', resolvedAt: nowMs() };
  const fields = {
    ...stateFields(state),
    ...keys.alertsByLifecycle('resolved', open.alertId),
    lifecycle: 'resolved',
    resolution: how.resolution,
    ...(how.note ? { note: how.note } : {}),
    ...(ctx.actor.role === 'system' ? {} : { resolvedBy: ctx.actor.sub }),
  };
  const remove = Object.entries(fields)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  const writes: Write[] = [
    versionedUpdate(keys.alert(open.partnerId, open.alertId), open.version, fields, { remove, notFound }),
    { kind: 'delete', key: keys.openAlert(open.partnerId, open.slaId, open.severity) },
  ];
  const events =
    how.notify && how.resolution !== 'superseded'
      ? [
          outboxEvent(ctx, AlertResolved, partnerOf(open.partnerId), {
            alert: snapshot(open, state, how.detail ?? how.note ?? `resolved (${how.resolution})`),
            resolution: how.resolution,
            ...(how.note ? { note: how.note } : {}),
          }),
        ]
      : [];
  return { writes, events };
}

export function resolveChange(
  ctx: OperationContext,
  open: OpenAlert,
  how: { resolution: Resolution; note?: string; notify: boolean; state?: AlertState; detail?: string },
): AlertChange {
  const { writes, events } = resolveWrites(ctx, open, how);
  return {
    writes,
    events,
    audit: {
      action: 'alert.resolved',
      entityType: 'alert',
      entityId: open.alertId,
      partnerId: partnerOf(open.partnerId),
      note: `${how.resolution}${how.note ? `: ${how.note}` : ''}`,
    },
  };
}

export async function commitChange(ctx: OperationContext, change: AlertChange): Promise<void> {
  await commit(ctx, { writes: change.writes, audit: change.audit, events: change.events });
}

// ---------------------------------------------------------------------------------------------- people

function openOf(alert: Alert): OpenAlert {
  return {
    alertId: alert.id,
    partnerId: alert.partnerId ?? VENDOR_SCOPE,
    slaId: alert.slaId,
    metric: alert.metric,
    severity: alert.severity,
    dedupKey: alert.dedupKey,
    state: stateOf(alert),
    version: alert.version,
  };
}

/** firing -> acknowledged (If-Match): the alert stops re-notifying; it still resolves on its own. */
export async function acknowledge(
  ctx: OperationContext,
  partnerId: string,
  alertId: string,
  expectedVersion: number,
): Promise<Alert> {
  const alert = await getAlert(partnerId, alertId);
  assertVersion('alert', alert.version, expectedVersion);
  const open = openOf(alert);
  const next = acknowledgeAlert(open.state, nowMs());
  await commitChange(
    ctx,
    updateChange(ctx, open, next, { action: 'acknowledged', extra: { acknowledgedBy: ctx.actor.sub } }),
  );
  return {
    ...alert,
    ...definedOnly(stateFields(next)),
    acknowledgedBy: ctx.actor.sub,
    version: alert.version + 1,
    updatedAt: nowIso(),
  };
}

/** A vendor closes an alert by hand (If-Match), with a note; a breach that persists opens a new alert. */
export async function resolveManually(
  ctx: OperationContext,
  partnerId: string,
  alertId: string,
  expectedVersion: number,
  note: string,
): Promise<Alert> {
  const alert = await getAlert(partnerId, alertId);
  assertVersion('alert', alert.version, expectedVersion);
  if (alert.status === 'resolved') throw new ConflictError('The alert is already resolved');
  const open = openOf(alert);
  const state: AlertState = { ...open.state, status: 'resolved', resolvedAt: nowMs() };
  await commitChange(
    ctx,
    resolveChange(ctx, open, { resolution: 'manual', note, notify: true, state, detail: alert.detail }),
  );
  return {
    ...alert,
    ...definedOnly(stateFields(state)),
    resolution: 'manual',
    note,
    resolvedBy: ctx.actor.sub,
    version: alert.version + 1,
    updatedAt: nowIso(),
  };
}
