/** Numbers and dates in the viewer's locale and time zone (Intl), never hand-formatted. */
const locale = navigator.language;

export const formatNumber = (value: number, options?: Intl.NumberFormatOptions): string =>
  new Intl.NumberFormat(locale, options).format(value);

export const formatPercent = (ratio: number, digits = 1): string =>
  formatNumber(ratio, { style: 'percent', maximumFractionDigits: digits });

/** An instant in the viewer's zone, or in `timeZone` (a partner's) when given, with the zone's short name. */
export const formatDateTime = (iso: string | number, timeZone?: string): string =>
  new Intl.DateTimeFormat(
    locale,
    // dateStyle/timeStyle cannot be combined with timeZoneName (a RangeError): the same fields, spelled out.
    timeZone
      ? {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
          timeZone,
          timeZoneName: 'short',
        }
      : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(new Date(iso));

export const formatTime = (epochMs: number, timeZone?: string): string =>
  new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(epochMs));

/** A month (`2027-03`) as words: "March 2027". */
export const formatMonth = (period: string): string =>
  new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );

/** A short day and hour ("Mar 3, 10 AM"): the ticks of a chart's time axis. */
export const formatDayHour = (epochMs: number): string =>
  new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric' }).format(new Date(epochMs));

/** A calendar date (`2027-03-01`) as written: no time zone moves it to the day before. */
export const formatDate = (isoDate: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));

/** How long ago, in words ("3 hours ago"): the age of an alert. */
export function formatAge(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  return rtf.format(seconds, 'second');
}

/** The viewer's own IANA zone, to tell whether a partner's local time is worth showing beside it. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * An instant as a wall clock in `timeZone`, as short as it can be beside the viewer's own time: the hour alone on
 * the same calendar day as the viewer's, with the day when it differs ("3:30 AM", "Nov 30, 3:30 AM").
 */
export function formatWallClock(iso: string, timeZone: string): string {
  const day = (zone: string) =>
    new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone: zone }).format(new Date(iso));
  const sameDay = day(timeZone) === day(viewerTimeZone());
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { month: 'short', day: 'numeric' }),
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
