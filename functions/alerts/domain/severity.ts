import * as z from 'zod';

/** How urgent an alert is. An SLA names the severity of the alert its breach raises. */
export const severities = ['critical', 'warning', 'info'] as const;
export const Severity = z.enum(severities);
export type Severity = z.infer<typeof Severity>;
