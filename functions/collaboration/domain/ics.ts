/**
 * iCalendar (RFC 5545) rendering of one meeting: a VCALENDAR with one VEVENT. Times are written in UTC
 * (`DTSTART:20261203T090000Z`), which needs no VTIMEZONE; the local time is repeated in the description.
 * Text values are escaped (backslash, semicolon, comma, newline), lines end in CRLF and are folded so no line
 * is longer than 75 octets (never splitting a UTF-8 character), continuation lines starting with one space.
 */

export interface IcsEvent {
  uid: string;
  /** When the calendar object was produced (ISO). */
  stamp: string;
  start: string;
  end: string;
  summary: string;
  description?: string;
  location?: string;
  sequence?: number;
  status?: 'CONFIRMED' | 'CANCELLED';
  organizer?: { name: string; email: string };
  attendees: { name: string; email?: string | undefined }[];
}

/** `2026-12-03T09:00:00.000Z` -> `20261203T090000Z`. */
export function icsTime(iso: string): string {
  return `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value: quoted when it holds `:`, `;` or `,`; DQUOTE itself is not allowed and is dropped. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Folds one content line at 75 octets (RFC 5545 3.1). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

export function renderIcs(event: IcsEvent, productId = '-//Accord//Partner Collaboration//EN'): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${icsTime(event.stamp)}`,
    `DTSTART:${icsTime(event.start)}`,
    `DTEND:${icsTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.sequence !== undefined ? [`SEQUENCE:${event.sequence}`] : []),
    ...(event.status ? [`STATUS:${event.status}`] : []),
    ...(event.organizer ? [`ORGANIZER;CN=${paramValue(event.organizer.name)}:mailto:${event.organizer.email}`] : []),
    ...event.attendees.map((a) =>
      a.email
        ? `ATTENDEE;CN=${paramValue(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:${a.email}`
        : `COMMENT:${escapeText(`Attendee: ${a.name}`)}`,
    ),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
