import * as z from 'zod';
import { EntityMeta, Id, PageQuery, text, Timestamp } from '#shared/domain/common';
import { Person, Side } from '#functions/collaboration/domain/common';
import { localParts, zonedToUtc } from '#functions/collaboration/domain/business-days';

export const checkInKinds = ['check-in', 'kpi-review', 'workshop', 'planning'] as const;
export const cadences = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;
export type Cadence = (typeof cadences)[number];
export const checkInStatuses = ['scheduled', 'held', 'cancelled'] as const;

/** A wall-clock time in the partner's time zone, without offset: `2026-12-03T10:00`. */
export const LocalDateTime = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
    'must be a local time such as 2026-12-03T10:00',
  );

const ActionItem = z.strictObject({ title: text(300), owner: text(120), ownerSide: Side, dueDate: z.iso.date() });

export const ScheduleCheckInInput = z.strictObject({
  kind: z.enum(checkInKinds),
  title: text(200),
  /** When it starts, in the partner's time zone (the partner's profile says which). */
  localStart: LocalDateTime,
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60)
    .default(60),
  cadence: z.enum(cadences).optional(),
  attendees: z.array(Person).min(1).max(50),
  agenda: z.array(text(500)).max(50).default([]),
  location: text(300).optional(),
});

export const RecordCheckInInput = z
  .strictObject({
    status: z.enum(['held', 'cancelled']).optional(),
    notes: text(8000).optional(),
    decisions: z.array(text(1000)).max(50).optional(),
    actionItems: z.array(ActionItem).max(100).optional(),
    agenda: z.array(text(500)).max(50).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');

export const CheckInSchema = z.object({
  id: Id,
  partnerId: Id,
  kind: z.enum(checkInKinds),
  title: z.string(),
  localStart: LocalDateTime,
  timezone: z.string(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  durationMinutes: z.number().int(),
  cadence: z.enum(cadences).optional(),
  /** The first occurrence's id: every occurrence of a recurring check-in shares it. */
  seriesId: Id,
  occurrence: z.number().int(),
  /** The series' first local start: later occurrences are counted from it, so the day of the month never drifts. */
  seriesStart: LocalDateTime,
  /** The agenda as people wrote it; a KPI review's agenda also opens with the scorecard and open alerts. */
  plannedAgenda: z.array(z.string()),
  attendees: z.array(Person),
  agenda: z.array(z.string()),
  location: z.string().optional(),
  status: z.enum(checkInStatuses),
  notes: z.string().optional(),
  decisions: z.array(z.string()).optional(),
  actionItems: z.array(ActionItem).optional(),
  nextOccurrenceId: Id.optional(),
  ...EntityMeta,
});
export type CheckIn = z.infer<typeof CheckInSchema>;

/** `{checkInId}` or `{checkInId}.ics` (the calendar file of the same check-in). */
export const CheckInParams = z.strictObject({
  partnerId: Id,
  checkInId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}(\.ics)?$/, 'must be a ULID, optionally followed by .ics'),
});
export const ListCheckInsQuery = z.strictObject({
  kind: z.enum(checkInKinds).optional(),
  status: z.enum(checkInStatuses).optional(),
  ...PageQuery,
});

/** The instant a local wall time denotes in a zone. */
export function localToUtc(localStart: string, timeZone: string): number {
  const [date, time] = localStart.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return zonedToUtc({ year, month, day, hour, minute }, timeZone);
}

/** The local wall time of an instant in a zone, as `YYYY-MM-DDTHH:mm`. */
export function utcToLocal(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The next occurrence of a cadence, in local wall time: the same local time of day (so a 10:00 Berlin weekly
 * stays at 10:00 across daylight-saving changes). Monthly and quarterly keep the day of the month, clamped to
 * the month's last day (Jan 31 -> Feb 28), counted from the series' first occurrence so the day never drifts.
 */
export function nextLocalStart(first: string, cadence: Cadence, occurrence: number): string {
  const [date, time] = first.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  if (cadence === 'weekly' || cadence === 'biweekly') {
    const step = (cadence === 'weekly' ? 7 : 14) * occurrence;
    const d = new Date(Date.UTC(year, month - 1, day + step));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${time}`;
  }
  const months = (cadence === 'monthly' ? 1 : 3) * occurrence;
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(Math.min(day, last))}T${time}`;
}
