import { nowIso, nowMs } from '#shared/clock';
import type { OperationContext } from '#shared/context';
import { assertVersion } from '#shared/db/commit';
import { VENDOR_SCOPE } from '#shared/db/partition';
import { definedOnly } from '#shared/domain/common';
import { ConflictError } from '#shared/errors';
import type { Alert } from '#functions/alerts/domain/alert';
import { acknowledgeAlert, type AlertState } from '#functions/alerts/domain/alerts';
import type { OpenAlert } from '#functions/alerts/entities';
import { commitChange, resolveChange, stateFields, updateChange } from '#functions/alerts/changes';
import { getAlert } from '#functions/alerts/reads';

/**
 * What people do with an alert: acknowledge it (it stops re-notifying) or resolve it by hand. Both read the alert
 * (the API's If-Match is its version) and change alert and pointer on that version, like any evaluation.
 */

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
  scope: string,
  alertId: string,
  expectedVersion: number,
): Promise<Alert> {
  const alert = await getAlert(scope, alertId);
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
  scope: string,
  alertId: string,
  expectedVersion: number,
  note: string,
): Promise<Alert> {
  const alert = await getAlert(scope, alertId);
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
