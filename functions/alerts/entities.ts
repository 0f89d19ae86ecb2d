import { defineEntity } from '#shared/db/entity';
import { scopePartition, VENDOR_SCOPE } from '#shared/db/partition';
import type { Alert as AlertView } from '#functions/alerts/domain/alert';
import { alertKey, type AlertState } from '#functions/alerts/domain/alerts';
import type { Severity } from '#functions/alerts/domain/severity';

// The alerts context's stored objects: each declares its keys, indexes and type (shared/db/entity.ts).

/**
 * What an alert is about. An SLA is one subject among others: supply's checks raise alerts on a partner's demand
 * shift and cover, and the vendor's on a location's cover against the whole network (a program alert, in the
 * vendor's partition). The subject gives the alert its keys and its dedup key; at most one alert is open per
 * scope, subject and severity.
 */
export type AlertSubject =
  | { kind: 'sla'; slaId: string; metric: string }
  | { kind: 'demand-shift'; sku: string; granularity: 'week' | 'month' }
  | { kind: 'cover'; sku: string; location: string }
  | { kind: 'network-cover'; sku: string; location: string };

/** Enough of a subject to find its open alerts: an SLA's id suffices (its metric only words the alert). */
export type AlertSubjectRef = AlertSubject | { kind: 'sla'; slaId: string };

/**
 * The subject's id in the pointer's key (`ALERTKEY#<id>#<severity>`) and in the alert's `slaId` field, as stored
 * since supply alerts began: an SLA's own id, else `<kind>~<sku>~<granularity | location>` (SKUs and locations
 * never contain `#` or `~`).
 */
export function subjectId(subject: AlertSubjectRef): string {
  switch (subject.kind) {
    case 'sla':
      return subject.slaId;
    case 'demand-shift':
      return `demand-shift~${subject.sku}~${subject.granularity}`;
    case 'cover':
    case 'network-cover':
      return `${subject.kind}~${subject.sku}~${subject.location}`;
  }
}

/** What the alert says was measured, as the inbox shows it. */
export function subjectMetric(subject: AlertSubject): string {
  switch (subject.kind) {
    case 'sla':
      return subject.metric;
    case 'demand-shift':
      return `${subject.sku} sell-through`;
    case 'cover':
      return `${subject.sku} days of cover at ${subject.location}`;
    case 'network-cover':
      return `${subject.sku} days of cover at ${subject.location} (network)`;
  }
}

/** The alert's `kind`: none for an SLA breach, which is what an alert is unless it says otherwise. */
export function subjectKind(subject: AlertSubject): string | undefined {
  switch (subject.kind) {
    case 'sla':
      return undefined;
    case 'demand-shift':
      return 'demand-shift';
    case 'cover':
      return 'cover-below-lead-time';
    case 'network-cover':
      return 'network-cover-below-lead-time';
  }
}

/** The alert's dedup key, as the audit notes and the API show it (`partner:metric:sla:severity` for an SLA). */
export function dedupKeyOf(scope: string, subject: AlertSubject, severity: Severity): string {
  switch (subject.kind) {
    case 'sla':
      return alertKey(scope, subject.metric, subject.slaId, severity);
    case 'demand-shift':
      return `${scope}:${subject.sku}:demand-shift:${subject.granularity}`;
    case 'cover':
      return `${scope}:${subject.sku}:${subject.location}:cover`;
    case 'network-cover':
      return `network:${subject.sku}:${subject.location}:cover`;
  }
}

/** The stored alert: the API shape plus `lifecycle` (open | resolved), which lists and the inbox index read. */
export type StoredAlert = AlertView & { lifecycle: 'open' | 'resolved' };

/** The partner an alert of this scope concerns: none for the vendor's program alerts. */
export const partnerOf = (scope: string): string | undefined => (scope === VENDOR_SCOPE ? undefined : scope);

/** The scope of a stored alert: its partner, or the vendor's own for a program alert (no `partnerId`). */
const scopeOf = (alert: { partnerId?: string | undefined }): string => alert.partnerId ?? VENDOR_SCOPE;

/** The vendor's inbox partition (GSI2) of open or resolved alerts. */
export const inboxPartition = (lifecycle: StoredAlert['lifecycle']): string => `ALERTS#${lifecycle}`;

const inInbox = (lifecycle: StoredAlert['lifecycle']) => (alert: { lifecycle: string }) =>
  alert.lifecycle === lifecycle;

/**
 * One item per alert (a breach after resolve is a new alert), newest first by ULID, in its partner's partition or,
 * for a program alert, the vendor's. The vendor's inbox reads GSI2: open alerts (small, hot) and resolved ones
 * (history) in separate partitions.
 */
export const AlertEntity = defineEntity<StoredAlert>()({
  type: 'Alert',
  describe: "an alert, in its partner's partition (a program alert: the vendor's, no `partnerId`)",
  key: (a: { partnerId?: string | undefined; id: string }) => ({
    PK: scopePartition(scopeOf(a)),
    SK: `ALERT#${a.id}`,
  }),
  indexes: {
    open: {
      index: 'GSI2',
      purpose: 'the vendor’s inbox: what needs attention',
      when: { test: inInbox('open'), says: 'while open' },
      pk: () => inboxPartition('open'),
      sk: (a) => a.id,
    },
    resolved: {
      index: 'GSI2',
      purpose: 'the inbox’s history',
      when: { test: inInbox('resolved'), says: 'once resolved' },
      pk: () => inboxPartition('resolved'),
      sk: (a) => a.id,
    },
  },
});

/** An open alert as an evaluation sees it: the pointer item of its dedup key. */
export interface OpenAlert {
  alertId: string;
  /** The partner, or `VENDOR_SCOPE` for a program alert. */
  partnerId: string;
  /** The subject's id (subjectId): an SLA's id, or e.g. `cover~<sku>~<location>`. */
  slaId: string;
  metric: string;
  severity: Severity;
  dedupKey: string;
  state: AlertState;
  /** The alert's version (= the pointer's). */
  version: number;
}

/**
 * The open alert of one scope, subject and severity: its id and decision state. Put if absent on raise, deleted on
 * resolve, in the alert's own transaction: at most one open alert per key. Its prefix is not `ALERT#`, so alert
 * lists never see it.
 */
export const OpenAlertEntity = defineEntity<OpenAlert>()({
  type: 'OpenAlert',
  describe: 'the open alert of one subject and severity (its id and decision state), deleted on resolve',
  key: (p: { partnerId: string; slaId: string; severity: string }) => ({
    PK: scopePartition(p.partnerId),
    SK: `ALERTKEY#${p.slaId}#${p.severity}`,
  }),
});

/** The alert of a scope (a partner, or `VENDOR_SCOPE`) by id. */
export const alertKeyOf = (scope: string, alertId: string) =>
  AlertEntity.key({ partnerId: partnerOf(scope), id: alertId });

/** A scope's alerts, newest first by id. */
export const alertsOf = (scope: string) => ({ PK: scopePartition(scope), skPrefix: 'ALERT#' });

/** A scope's open-alert pointers, of one subject (its severities) or of all. */
export const openAlertsOf = (scope: string, subject?: AlertSubjectRef) => ({
  PK: scopePartition(scope),
  skPrefix: subject ? `ALERTKEY#${subjectId(subject)}#` : 'ALERTKEY#',
});

export const alertsEntities = [AlertEntity, OpenAlertEntity];
