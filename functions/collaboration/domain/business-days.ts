/**
 * Business days for response SLAs: Monday to Friday in the partner's time zone. A deadline of n business days
 * from an instant is the same local time of day n working days later (a request made on Friday 15:00 with a
 * 2-day SLA is due Tuesday 15:00; one made on Saturday counts from Monday 00:00).
 */

const DAY_MS = 24 * 3600 * 1000;

/** The wall-clock parts of an instant in a time zone. */
export function localParts(
  ms: number,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: weekdays.indexOf(get('weekday')),
  };
}

/**
 * The instant at which a zone's clocks show the given wall time. For a time skipped by a DST change the
 * instant after the gap is returned; for a repeated one, the first.
 */
export function zonedToUtc(
  local: { year: number; month: number; day: number; hour: number; minute: number; second?: number },
  timeZone: string,
): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  // Two rounds settle the offset on both sides of a DST change.
  let guess = asUtc - offsetMs(asUtc, timeZone);
  guess = asUtc - offsetMs(guess, timeZone);
  return guess;
}

/** The zone's offset from UTC at an instant, in ms (Berlin in winter: +3 600 000). */
export function offsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;

/** `from` plus `days` business days, in the zone's calendar. */
export function addBusinessDays(fromMs: number, days: number, timeZone: string): number {
  const start = localParts(fromMs, timeZone);
  // A weekend start counts from the next Monday at midnight.
  let date = Date.UTC(start.year, start.month - 1, start.day);
  let time = { hour: start.hour, minute: start.minute, second: start.second };
  let weekday = start.weekday;
  while (isWeekend(weekday)) {
    date += DAY_MS;
    weekday = (weekday + 1) % 7;
    time = { hour: 0, minute: 0, second: 0 };
  }
  let left = days;
  while (left > 0) {
    date += DAY_MS;
    weekday = (weekday + 1) % 7;
    if (!isWeekend(weekday)) left -= 1;
  }
  const d = new Date(date);
  return zonedToUtc({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), ...time }, timeZone);
}
