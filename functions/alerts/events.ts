import * as z from 'zod';
import { defineEvent } from '#events/envelope';
import { sources } from '#events/sources';

// The alerts context's events: source and detail-type constants with a zod schema for each detail's data.

const AlertSnapshot = z.object({
  id: z.string(),
  /** Absent on a program alert (network cover), which concerns no single partner. */
  partnerId: z.string().optional(),
  slaId: z.string(),
  metric: z.string(),
  severity: z.enum(['critical', 'warning', 'info']),
  status: z.enum(['firing', 'acknowledged', 'resolved']),
  measured: z.number().optional(),
  target: z.number(),
  window: z.string(),
  rule: z.string().optional(),
  detail: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  occurrences: z.number().int(),
});

export const SlaBreached = defineEvent(sources.performance, 'SlaBreached', z.object({ alert: AlertSnapshot }));

export const AlertRaised = defineEvent(sources.performance, 'AlertRaised', z.object({ alert: AlertSnapshot }));

export const AlertRenotified = defineEvent(sources.performance, 'AlertRenotified', z.object({ alert: AlertSnapshot }));

export const AlertResolved = defineEvent(
  sources.performance,
  'AlertResolved',
  z.object({ alert: AlertSnapshot, resolution: z.enum(['recovered', 'manual']), note: z.string().optional() }),
);

/** Every event this context emits. */
export const alertsEvents = [SlaBreached, AlertRaised, AlertRenotified, AlertResolved];
