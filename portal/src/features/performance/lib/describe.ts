/** How an SLA reads to a person: its name, its target with the unit its kind implies, its window in words. */
import { messages } from '../../../messages';
import { formatNumber, formatPercent } from '../../../lib/format';

const t = messages.performance;

interface SlaLike {
  kind: 'threshold' | 'ratio' | 'freshness';
  metric: string;
  name?: string | undefined;
  target?: number | undefined;
  comparator?: string | undefined;
  aggregate?: string | undefined;
}

export const slaName = (sla: SlaLike): string => sla.name ?? t.slas.unnamed(sla.metric);

/** `avg ≥ 4.2`, `≥ 95 %` of good events, or the longest gap for a freshness SLA. */
export function slaTarget(sla: SlaLike): string {
  const comparator = (sla.comparator ?? '>=').replace('>=', '≥').replace('<=', '≤');
  if (sla.kind === 'freshness' || sla.target === undefined) return '—';
  if (sla.kind === 'ratio') return `${comparator} ${formatPercent(sla.target / 100, 2)}`;
  const aggregate = sla.aggregate ? t.aggregate[sla.aggregate as keyof typeof t.aggregate] : '';
  return `${aggregate} ${comparator} ${formatNumber(sla.target)}`.trim();
}

/** `P7D` -> "7 days", `P1DT12H` -> "1 day, 12 hours" (Intl unit formatting in the viewer's locale). */
export function windowInWords(duration: string): string {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!match) return duration;
  const parts = (
    [
      [match[1], 'day'],
      [match[2], 'hour'],
      [match[3], 'minute'],
    ] as const
  )
    .filter(([n]) => n && Number(n) > 0)
    .map(([n, unit]) => formatNumber(Number(n), { style: 'unit', unit, unitDisplay: 'long' }));
  return parts.join(', ') || duration;
}

/** Milliseconds in an ISO-8601 duration of days, hours and minutes. */
export function durationMs(duration: string): number {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(duration);
  if (!match) return Number.NaN;
  const [, d = '0', h = '0', m = '0'] = match;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000;
}
