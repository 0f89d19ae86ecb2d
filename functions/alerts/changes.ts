import { ulid } from 'ulid';
import { AlertRaised, AlertRenotified, AlertResolved, SlaBreached } from '#functions/alerts/events';
import type { OutboxItem } from '#events/outbox-item';
import { outboxEvent } from '#events/outbox';
import { nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { commit, type Write } from '#shared/db/commit';
import { newEntityMeta } from '#shared/db/edit';
import { definedOnly } from '#shared/domain/common';
import { ConflictError, NotFoundError } from '#shared/errors';
import type { AlertState } from '#functions/alerts/domain/alerts';
import {
  AlertEntity,
  OpenAlertEntity,
  dedupKeyOf,
  partnerOf,
  subjectId,
  subjectKind,
  subjectMetric,
  type AlertSubject,
  type OpenAlert,
  type StoredAlert,
} from '#functions/alerts/entities';

/**
 * Alerts in the table. Two items per open alert, always written together in one transaction with the audit
 * entry and the outbox event of the change:
 *
 * - the Alert (`P#<partner>/ALERT#<id>`): what the API lists; a new id per raise, kept after resolve.
 * - the open-alert pointer (`P#<partner>/ALERTKEY#<subject>#<severity>`): one per subject and severity while the
 *   alert is open, holding the alert id and its decision state (AlertState, epoch ms). Raise puts it if absent, so
 *   two evaluators racing cannot open two alerts for one key; resolve deletes it.
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

export type Resolution = 'recovered' | 'manual' | 'superseded';

export interface AlertChange {
  writes: Write[];
  events: OutboxItem[];
  audit:
    | { action: string; entityType: 'alert'; entityId: string; partnerId: string | undefined; note?: string }
    | 'counter-only';
}

/** A concurrent evaluation opened the same dedup key first. */
export class AlertRaceError extends ConflictError {}

export const alertNotFound = () => new NotFoundError('Alert not found');

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The alert's fields that mirror its decision state, as the API shows them. */
export function stateFields(state: AlertState): Record<string, unknown> {
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

/** The event payload of an alert: the alert as both sides may read it. */
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

/** The fields a subject gives its alert beyond its keys: what supply's lists and the inbox filter on. */
function subjectFields(subject: AlertSubject): Record<string, string> {
  switch (subject.kind) {
    case 'sla':
      return {};
    case 'demand-shift':
      return { sku: subject.sku, granularity: subject.granularity };
    case 'cover':
    case 'network-cover':
      return { sku: subject.sku, location: subject.location };
  }
}

export interface Raise {
  /** The partner, or `VENDOR_SCOPE` for a program alert. */
  scope: string;
  subject: AlertSubject;
  /** What breached, in a sentence. */
  detail: string;
  state: AlertState;
  /** Extra fields stored on the alert (e.g. a cover's suggested replenishment). */
  fields?: Record<string, unknown>;
}

/**
 * A new alert and its pointer (put if absent), with AlertRaised, and SlaBreached for an SLA's breach (the notifier
 * sends AlertRaised to both sides; other subjects' own events say the rest).
 */
export function raiseChange(ctx: OperationContext, raise: Raise): AlertChange & { alertId: string } {
  const { scope, subject, state } = raise;
  const alertId = ulid(nowMs());
  const dedupKey = dedupKeyOf(scope, subject, state.severity);
  const ids = { alertId, partnerId: scope, slaId: subjectId(subject), metric: subjectMetric(subject) };
  const meta = newEntityMeta(ctx);
  const kind = subjectKind(subject);
  const alert = {
    lifecycle: 'open',
    id: alertId,
    ...(partnerOf(scope) ? { partnerId: scope } : {}),
    slaId: ids.slaId,
    metric: ids.metric,
    dedupKey,
    ...(kind ? { kind } : {}),
    ...subjectFields(subject),
    ...raise.fields,
    ...definedOnly(stateFields(state)),
    detail: raise.detail,
    ...meta,
  } as StoredAlert;
  const pointer = { ...ids, severity: state.severity, dedupKey, state, ...meta };
  const alertSnapshot = snapshot(ids, state, raise.detail);
  return {
    alertId,
    writes: [
      AlertEntity.put(alert, { ifAbsent: true }),
      OpenAlertEntity.put(pointer, {
        ifAbsent: true,
        onConflict: () => new AlertRaceError(`An alert for ${dedupKey} is already open`),
      }),
    ],
    events: [
      outboxEvent(ctx, AlertRaised, partnerOf(scope), { alert: alertSnapshot }),
      ...(subject.kind === 'sla' ? [outboxEvent(ctx, SlaBreached, partnerOf(scope), { alert: alertSnapshot })] : []),
    ],
    audit: {
      action: 'alert.raised',
      entityType: 'alert',
      entityId: alertId,
      partnerId: partnerOf(scope),
      note: `${dedupKey}: ${raise.detail}`,
    },
  };
}

/** The open alert as its own item's update needs it: its keys and the lifecycle its inbox index follows. */
const openItem = (open: OpenAlert) => ({
  id: open.alertId,
  partnerId: partnerOf(open.partnerId),
  lifecycle: 'open' as const,
});

/** Fields set to undefined are removed from the alert (a breach clears `healthySince`). */
const undefinedIn = (fields: Record<string, unknown>): string[] =>
  Object.entries(fields)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);

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
  const expectedVersion = open.version;
  const writes = [
    AlertEntity.update(openItem(open), fields, {
      expectedVersion,
      remove: undefinedIn(fields),
      notFound: alertNotFound,
    }),
    OpenAlertEntity.update(open, { state: next }, { expectedVersion, notFound: alertNotFound }),
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
 * A still-breaching tick that changes nothing a decision depends on: the alert's occurrences, last seen and measured
 * value move in place, with no audit entry and no event (the trail records decisions: raise, re-notify, recover,
 * resolve, acknowledge).
 */
export function counterChange(ctx: OperationContext, open: OpenAlert, next: AlertState, detail: string): AlertChange {
  return { ...updateChange(ctx, open, next, { action: 'updated', detail }), audit: 'counter-only' };
}

export interface ResolveHow {
  resolution: Resolution;
  note?: string;
  notify: boolean;
  state?: AlertState;
  detail?: string;
}

/**
 * Resolves an open alert: the alert moves to the resolved partition of the inbox and the pointer goes, so the
 * next breach opens a new alert. AlertResolved is written when the decision notifies (recovered, manual); an
 * alert superseded by a higher severity of the same SLA resolves silently (the higher one's notification says it).
 */
export function resolveWrites(
  ctx: OperationContext,
  open: OpenAlert,
  how: ResolveHow,
): { writes: Write[]; events: OutboxItem[] } {
  const state: AlertState = how.state ?? { ...open.state, status: 'resolved', resolvedAt: nowMs() };
  const fields = {
    ...stateFields(state),
    lifecycle: 'resolved' as const,
    resolution: how.resolution,
    ...(how.note ? { note: how.note } : {}),
    ...(ctx.actor.role === 'system' ? {} : { resolvedBy: ctx.actor.sub }),
  };
  const writes: Write[] = [
    AlertEntity.update(openItem(open), fields, {
      expectedVersion: open.version,
      remove: undefinedIn(fields),
      notFound: alertNotFound,
    }),
    { kind: 'delete', key: OpenAlertEntity.key(open) },
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

export function resolveChange(ctx: OperationContext, open: OpenAlert, how: ResolveHow): AlertChange {
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
