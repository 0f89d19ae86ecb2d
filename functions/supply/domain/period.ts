/**
 * Sales and forecast periods: ISO weeks (`2026-W48`) and calendar months (`2026-11`), both UTC.
 * A series has one granularity; its periods sort as strings in time order (years are 4 digits, weeks and
 * months zero-padded), so a Query on the sort key returns a series oldest first.
 */

export type Granularity = 'week' | 'month';

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function granularityOf(period: string): Granularity | undefined {
  if (WEEK.test(period)) return isValidPeriod(period) ? 'week' : undefined;
  if (MONTH.test(period)) return isValidPeriod(period) ? 'month' : undefined;
  return undefined;
}

export function isValidPeriod(period: string): boolean {
  const week = WEEK.exec(period);
  if (week) {
    const n = Number(week[2]);
    return n >= 1 && n <= isoWeeksInYear(Number(week[1]));
  }
  const month = MONTH.exec(period);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12 && Number(month[1]) >= 1970;
  }
  return false;
}

/** ISO years have 52 or 53 weeks: 53 when 28 December falls in week 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeekOf(Date.UTC(year, 11, 28)).week;
}

function isoWeekOf(ms: number): { year: number; week: number } {
  const date = new Date(ms);
  const day = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3);
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - mondayOfWeek1(year)) / (7 * DAY_MS)) };
}

function mondayOfWeek1(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

/** First instant of a period (epoch ms, UTC): the Monday of an ISO week, the 1st of a month. */
export function periodStart(period: string): number {
  const week = WEEK.exec(period);
  if (week) {
    return mondayOfWeek1(Number(week[1])) + (Number(week[2]) - 1) * 7 * DAY_MS;
  }
  const month = MONTH.exec(period);
  if (!month) throw new Error(`not a period: ${period}`);
  return Date.UTC(Number(month[1]), Number(month[2]) - 1, 1);
}

/** Days in the period: 7 for a week, 28 to 31 for a month. */
export function periodDays(period: string): number {
  return Math.round((periodStart(shiftPeriod(period, 1)) - periodStart(period)) / DAY_MS);
}

/** The period `steps` after (or before, when negative) `period`. */
export function shiftPeriod(period: string, steps: number): string {
  if (WEEK.test(period)) return weekOf(periodStart(period) + steps * 7 * DAY_MS);
  const month = MONTH.exec(period);
  if (!month) throw new Error(`not a period: ${period}`);
  const index = Number(month[1]) * 12 + Number(month[2]) - 1 + steps;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Steps from `from` to `to` (same granularity): positive when `to` is later. */
export function periodsBetween(from: string, to: string): number {
  if (WEEK.test(from)) return Math.round((periodStart(to) - periodStart(from)) / (7 * DAY_MS));
  const a = MONTH.exec(from)!;
  const b = MONTH.exec(to)!;
  return Number(b[1]) * 12 + Number(b[2]) - (Number(a[1]) * 12 + Number(a[2]));
}

export function weekOf(ms: number): string {
  const { year, week } = isoWeekOf(ms);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function monthOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The period that contains `ms`. */
export function periodOf(ms: number, granularity: Granularity): string {
  return granularity === 'week' ? weekOf(ms) : monthOf(ms);
}

/** Observations per yearly season: 52 weeks or 12 months. */
export const seasonLength = (g: Granularity): number => (g === 'week' ? 52 : 12);
/** How far the job forecasts: a quarter of weeks, a year of months. */
export const horizonOf = (g: Granularity): number => (g === 'week' ? 13 : 12);

/**
 * A series with gaps (a period nobody reported) is read as zero demand for the missing periods: sell-through
 * reports list what sold, and a partner that sold nothing often sends nothing.
 */
export function denseSeries(
  points: { period: string; units: number }[],
): { first: string; values: number[] } | undefined {
  if (points.length === 0) return undefined;
  const sorted = [...points].sort((a, b) => a.period.localeCompare(b.period));
  const first = sorted[0]!.period;
  const values = new Array<number>(periodsBetween(first, sorted[sorted.length - 1]!.period) + 1).fill(0);
  for (const p of sorted) values[periodsBetween(first, p.period)] = p.units;
  return { first, values };
}
