import * as z from 'zod';
import { EntityMeta, Id, PageQuery, Timestamp, text } from '#shared/domain/common';
import { alertStatuses } from '#functions/alerts/domain/alerts';
import { Severity } from '#functions/alerts/domain/severity';

/**
 * Alerts as the API shows them. The state machine is alerts.ts (epoch ms); here times are ISO-8601 and the
 * alert carries what a person needs to act on it: which SLA, what was measured against what, since when.
 */

export const AlertSchema = z.object({
  id: Id,
  /** The partner; absent on a program alert (a location's cover against the whole network's demand: vendor only). */
  partnerId: Id.optional(),
  slaId: Id,
  metric: z.string(),
  severity: Severity,
  status: z.enum(alertStatuses),
  /** `partner:metric:sla:severity`: at most one open alert per key. */
  dedupKey: z.string(),
  /** Alerts that are not SLA breaches say what they are: `demand-shift`, `cover-below-lead-time` (supply). */
  kind: z.string().optional(),
  /** threshold: the window aggregate; ratio: % good over the SLA window; freshness: ms since the last report. */
  measured: z.number().optional(),
  target: z.number(),
  window: z.string(),
  /** ratio SLAs: the burn-rate rule that matched, e.g. `1h/5m@14.4x`. */
  rule: z.string().optional(),
  detail: z.string(),
  occurrences: z.number().int(),
  firstSeen: Timestamp,
  lastSeen: Timestamp,
  lastNotifiedAt: Timestamp,
  /** Healthy since then; the alert resolves once it stays healthy for the keep-firing window. */
  healthySince: Timestamp.optional(),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: Timestamp.optional(),
  resolvedAt: Timestamp.optional(),
  resolution: z.enum(['recovered', 'manual', 'superseded']).optional(),
  resolvedBy: z.string().optional(),
  note: z.string().optional(),
  ...EntityMeta,
});
export type Alert = z.infer<typeof AlertSchema>;

/** `open` = firing or acknowledged. */
export const alertStatusFilters = ['open', ...alertStatuses] as const;
export type AlertStatusFilter = (typeof alertStatusFilters)[number];

export const ListAlertsQuery = z.strictObject({
  status: z.enum(alertStatusFilters).optional(),
  severity: Severity.optional(),
  ...PageQuery,
});
export const InboxQuery = z.strictObject({
  /** Default `open`: the inbox is what needs attention. */
  status: z.enum(alertStatusFilters).default('open'),
  severity: Severity.optional(),
  partnerId: Id.optional(),
  ...PageQuery,
});

export const PartnerAlertsParams = z.strictObject({ partnerId: Id });
export const AlertParams = z.strictObject({ partnerId: Id, alertId: Id });
export const ProgramAlertParams = z.strictObject({ alertId: Id });
export const ResolveAlertInput = z.strictObject({ note: text(1000) });
