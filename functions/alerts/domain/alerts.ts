import type { Severity } from '#functions/alerts/domain/severity';
import { ConflictError } from '#shared/errors';

/**
 * The alert state machine as a pure decision: the current state of one dedup key, the latest evaluation and `now`
 * in; what to do, the next state and whether to notify out. The caller persists `next` (conditionally, on the
 * alert's version) and sends the notification.
 *
 *   (none) --breach--> firing --ack--> acknowledged
 *   firing | acknowledged --healthy for keepFiringMs--> resolved
 *   resolved --breach--> a new alert (new firstSeen, occurrences 1): the caller writes a new alert item
 *
 * - Dedup key `partner:metric:sla:severity` (alertKey). A breach on an open key updates it: occurrences + 1,
 *   lastSeen, measured; it notifies again only when firing (not acknowledged) and the last notification is at
 *   least renotifyEveryMs old.
 * - Keep firing: an open alert resolves only after it has been healthy for keepFiringMs, counted from the first
 *   healthy evaluation (`healthySince`); a breach in between clears healthySince, so a metric hovering at the
 *   target does not open and close alerts every tick. The default is 15 minutes, three ticks of the 5-minute
 *   monitor: a fixed short window rather than "one SLA window", which for a 7-day CSAT SLA would keep a recovered
 *   alert open for a week.
 * - No data: for threshold and ratio SLAs nothing changes (an open alert stays as it is, including its
 *   healthySince) and the decision says `missingData` so the caller can flag it; a freshness SLA without data is
 *   in breach.
 * - Severity escalation (ratio SLAs: warning -> critical) is a different key. decideSlaAlerts applies the policy:
 *   when a higher severity fires, the open lower one of the same SLA is resolved at once without a notification
 *   (the higher one's notification tells the story); when the burn calms down, the higher one recovers through the
 *   normal keep-firing window and the lower one is raised anew if its own rule still matches.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const alertStatuses = ['firing', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** Epoch ms throughout. */
export interface AlertState {
  status: AlertStatus;
  severity: Severity;
  firstSeen: number;
  lastSeen: number;
  occurrences: number;
  /** The measured value of the latest breach. */
  measured?: number;
  target: number;
  /** The window that decided the latest breach (ISO-8601). */
  window: string;
  /** ratio SLAs: the burn-rate rule of the latest breach. */
  rule?: string;
  lastNotifiedAt: number;
  /** Set by the first healthy evaluation of an open alert, cleared by a breach. */
  healthySince?: number;
  acknowledgedAt?: number;
  resolvedAt?: number;
}

/**
 * What a decision reads of an evaluation: an SLA evaluation (performance) fits as it is; other checks (supply's
 * cover and demand shift) fill it in for their subject.
 */
export interface AlertEvaluation {
  slaId: string;
  partnerId: string;
  metric: string;
  /** `freshness`: no data is a breach; any other kind changes nothing without data. */
  kind: string;
  status: 'ok' | 'breach' | 'no-data';
  /** Set on breach. */
  severity?: Severity;
  measured?: number;
  target: number;
  window: string;
  shortWindow?: string;
  rule?: string;
  detail: string;
}

export interface AlertPolicy {
  renotifyEveryMs: number;
  keepFiringMs: number;
}

export const defaultAlertPolicy: AlertPolicy = { renotifyEveryMs: 4 * HOUR, keepFiringMs: 15 * MINUTE };

export type AlertAction = 'none' | 'raise' | 'update' | 'renotify' | 'resolve' | 'recovering';

export interface AlertDecision {
  action: AlertAction;
  /** The state to persist; equal to `current` when action is 'none'. */
  next: AlertState | undefined;
  notify: boolean;
  /** A threshold or ratio SLA had no data to evaluate: flag it, change nothing. */
  missingData: boolean;
  reason: string;
}

/** The dedup key of an alert: `partner:metric:sla:severity`. */
export function alertKey(partnerId: string, metric: string, slaId: string, severity: Severity): string {
  return `${partnerId}:${metric}:${slaId}:${severity}`;
}

export const isOpen = (alert: AlertState | undefined): boolean => alert !== undefined && alert.status !== 'resolved';

export function decideAlert(
  current: AlertState | undefined,
  evaluation: AlertEvaluation,
  now: number,
  policy: AlertPolicy = defaultAlertPolicy,
): AlertDecision {
  const missingData = evaluation.status === 'no-data' && evaluation.kind !== 'freshness';
  const breach = evaluation.status === 'breach' || (evaluation.status === 'no-data' && !missingData);

  if (breach) {
    if (!current || current.status === 'resolved') {
      const severity = evaluation.severity ?? current?.severity;
      if (!severity) throw new Error(`SLA ${evaluation.slaId}: a breach without a severity cannot raise an alert`);
      const next: AlertState = {
        status: 'firing',
        severity,
        firstSeen: now,
        lastSeen: now,
        occurrences: 1,
        ...(evaluation.measured === undefined ? {} : { measured: evaluation.measured }),
        target: evaluation.target,
        window: evaluation.window,
        ...(evaluation.rule ? { rule: evaluation.rule } : {}),
        lastNotifiedAt: now,
      };
      const reason = current ? 'breach after resolve: a new alert' : 'breach: new alert';
      return { action: 'raise', next, notify: true, missingData: false, reason };
    }
    const renotify = current.status === 'firing' && now - current.lastNotifiedAt >= policy.renotifyEveryMs;
    const { healthySince: _cleared, ...rest } = current;
    const next: AlertState = {
      ...rest,
      lastSeen: now,
      occurrences: current.occurrences + 1,
      ...(evaluation.measured === undefined ? {} : { measured: evaluation.measured }),
      target: evaluation.target,
      window: evaluation.window,
      ...(evaluation.rule ? { rule: evaluation.rule } : {}),
      lastNotifiedAt: renotify ? now : current.lastNotifiedAt,
    };
    return renotify
      ? { action: 'renotify', next, notify: true, missingData: false, reason: 'still breaching, unacknowledged' }
      : { action: 'update', next, notify: false, missingData: false, reason: 'still breaching' };
  }

  if (missingData) {
    return { action: 'none', next: current, notify: false, missingData, reason: 'no data: nothing changes' };
  }

  // Healthy.
  if (!current || current.status === 'resolved') {
    return { action: 'none', next: current, notify: false, missingData, reason: 'healthy' };
  }
  const healthySince = current.healthySince ?? now;
  if (now - healthySince >= policy.keepFiringMs) {
    return {
      action: 'resolve',
      next: { ...current, status: 'resolved', healthySince, resolvedAt: now },
      notify: true,
      missingData,
      reason: `healthy since ${new Date(healthySince).toISOString()}`,
    };
  }
  return {
    action: 'recovering',
    next: { ...current, healthySince },
    notify: false,
    missingData,
    reason: `healthy, resolves at ${new Date(healthySince + policy.keepFiringMs).toISOString()} if it stays so`,
  };
}

/** firing -> acknowledged: stops re-notification; the alert still resolves on its own. */
export function acknowledgeAlert(alert: AlertState, now: number): AlertState {
  if (alert.status !== 'firing') {
    throw new ConflictError(`Only a firing alert can be acknowledged; this one is ${alert.status}`);
  }
  return { ...alert, status: 'acknowledged', acknowledgedAt: now };
}

const rank: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export interface KeyedDecision {
  severity: Severity;
  key: string;
  decision: AlertDecision;
}

/**
 * Every alert decision for one SLA evaluation: one per severity key that has an alert in `current` or is
 * breaching now, with the escalation policy above. Decisions with action 'none' are included.
 */
export function decideSlaAlerts(
  current: Partial<Record<Severity, AlertState>>,
  evaluation: AlertEvaluation,
  now: number,
  policy: AlertPolicy = defaultAlertPolicy,
): KeyedDecision[] {
  const severities = new Set<Severity>(Object.keys(current) as Severity[]);
  const breaching = evaluation.status === 'breach' ? evaluation.severity : undefined;
  if (breaching) severities.add(breaching);

  return [...severities]
    .sort((a, b) => rank[b] - rank[a])
    .map((severity) => {
      const key = alertKey(evaluation.partnerId, evaluation.metric, evaluation.slaId, severity);
      const alert = current[severity];
      if (!breaching || severity === breaching) {
        return { severity, key, decision: decideAlert(alert, evaluation, now, policy) };
      }
      if (alert && rank[severity] < rank[breaching] && isOpen(alert)) {
        const next: AlertState = { ...alert, status: 'resolved', resolvedAt: now };
        const reason = `superseded by the ${breaching} alert of the same SLA`;
        return { severity, key, decision: { action: 'resolve', next, notify: false, missingData: false, reason } };
      }
      // A higher key while a lower severity breaches: healthy from its own point of view.
      const { severity: _s, rule: _r, shortWindow: _w, ...rest } = evaluation;
      const healthyView: AlertEvaluation = {
        ...rest,
        status: 'ok',
        detail: `only ${breaching} now: ${evaluation.detail}`,
      };
      return { severity, key, decision: decideAlert(alert, healthyView, now, policy) };
    });
}
