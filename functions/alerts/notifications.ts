import type * as z from 'zod';
import { formatDuration, formatNumber, formatTime } from '#shared/notify/format';
import { notify } from '#shared/notify/template';
import { AlertRaised, AlertRenotified, AlertResolved } from '#functions/alerts/events';

/**
 * What the alerts context tells people (delivered by the notifier, functions/platform/notifier.ts). Alerts
 * concern both sides: the vendor's manager and the partner's admins see the same facts; a program alert (no
 * partner) reaches the vendor side only. SlaBreached has no template: it is raised with AlertRaised, and
 * notifying both would mail every alert twice.
 */
export const alertsNotifications = [
  notify(AlertRaised, ({ data: { alert } }) => ({
    partnerId: alert.partnerId,
    audience: 'both',
    message: (partnerName) => ({
      subject: alertLine(alert, partnerName),
      text: `${alert.detail}\n\n${alertFacts(alert, partnerName)}\n\n${ACKNOWLEDGE_HINT}`,
    }),
  })),
  notify(AlertRenotified, ({ data: { alert } }) => ({
    partnerId: alert.partnerId,
    audience: 'both',
    message: (partnerName) => ({
      subject: `Still firing since ${formatTime(alert.firstSeen)}: ${alertLine(alert, partnerName)}`,
      text: `Still breaching and not acknowledged. ${alert.detail}\n\n${alertFacts(alert, partnerName)}\n\n${ACKNOWLEDGE_HINT}`,
    }),
  })),
  notify(AlertResolved, ({ occurredAt, data: { alert, resolution, note } }) => ({
    partnerId: alert.partnerId,
    audience: 'both',
    message: (partnerName) => ({
      subject: `Resolved: [${alert.severity}] ${partnerName}: ${alert.metric}`,
      text: [
        resolution === 'recovered'
          ? `${alert.metric} is back within target (${formatNumber(alert.target)} over ${formatDuration(alert.window)}).`
          : `The alert was resolved by hand${note ? `: ${note}` : '.'}`,
        `It fired from ${formatTime(alert.firstSeen)} to ${formatTime(occurredAt)} (${alert.occurrences} breaching evaluation${alert.occurrences === 1 ? '' : 's'}).`,
        '',
        `Partner: ${partnerName}`,
        `Metric: ${alert.metric} (SLA ${alert.slaId})`,
      ].join('\n'),
    }),
  })),
];

type Alert = z.infer<typeof AlertRaised.data>['alert'];

const ACKNOWLEDGE_HINT =
  'Acknowledge the alert in Accord once someone is on it; until then, reminders follow while it keeps firing.';

/** `[critical] Acme: first-response 91.5 vs target 95 over 1h, rule 1h/5m@14.4x` */
function alertLine(alert: Alert, partnerName: string): string {
  const measured = alert.measured === undefined ? 'no data' : formatNumber(alert.measured);
  const rule = alert.rule ? `, rule ${alert.rule}` : '';
  return `[${alert.severity}] ${partnerName}: ${alert.metric} ${measured} vs target ${formatNumber(alert.target)} over ${formatDuration(alert.window)}${rule}`;
}

function alertFacts(alert: Alert, partnerName: string): string {
  return [
    `Partner: ${partnerName}`,
    `Metric: ${alert.metric} (SLA ${alert.slaId})`,
    `Severity: ${alert.severity}`,
    `Measured: ${alert.measured === undefined ? 'no data' : formatNumber(alert.measured)} against a target of ${formatNumber(alert.target)} over ${formatDuration(alert.window)}${alert.rule ? ` (burn-rate rule ${alert.rule})` : ''}`,
    `Firing since: ${formatTime(alert.firstSeen)}; ${alert.occurrences} breaching evaluation${alert.occurrences === 1 ? '' : 's'}, the last at ${formatTime(alert.lastSeen)}`,
    `Alert: ${alert.partnerId ? `/v1/partners/${alert.partnerId}/alerts/${alert.id}` : `/v1/alerts/${alert.id}`}`,
  ].join('\n');
}
