import { escapeText, foldLine, icsTime, renderIcs } from '#functions/collaboration/domain/ics';

// unit: RFC 5545 rendering — CRLF, 75-octet folding (UTF-8 safe), escaping, required properties.
describe('ICS rendering', () => {
  const event = {
    uid: '01JDQ0000000000000000000AB@accord',
    stamp: '2026-11-28T11:00:00.000Z',
    start: '2027-01-14T15:00:00.000Z',
    end: '2027-01-14T15:45:00.000Z',
    summary: 'KPI review; Q1, targets',
    description: `Line one\nÜberprüfung der Ziele — ${'ä'.repeat(60)}`,
    attendees: [
      { name: 'Mara Keller', email: 'mara@lumen.example' },
      { name: 'Keller, Mara: Ops', email: 'ops@lumen.example' },
      { name: 'No Address' },
    ],
  };

  it('writes a VCALENDAR with one VEVENT and the required properties, CRLF-terminated', () => {
    const text = renderIcs(event);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const unfolded = text.replace(/\r\n /g, '');
    for (const line of [
      'UID:01JDQ0000000000000000000AB@accord',
      'DTSTAMP:20261128T110000Z',
      'DTSTART:20270114T150000Z',
      'DTEND:20270114T154500Z',
      'SUMMARY:KPI review\\; Q1\\, targets',
    ]) {
      expect(unfolded.split('\r\n')).toContain(line);
    }
    expect(unfolded).toContain(
      'ATTENDEE;CN=Mara Keller;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:mara@lumen.example',
    );
    expect(unfolded).toContain('ATTENDEE;CN="Keller, Mara: Ops";');
    expect(unfolded).toContain('COMMENT:Attendee: No Address');
  });

  it('folds every line at 75 octets without splitting a UTF-8 character', () => {
    const text = renderIcs(event);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    const folded = foldLine(`DESCRIPTION:${'ä'.repeat(50)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBe(2);
    expect(lines[1]!.startsWith(' ')).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`DESCRIPTION:${'ä'.repeat(50)}`);
    expect(foldLine('short')).toBe('short');
  });

  it('escapes text and formats UTC times', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    expect(icsTime('2027-03-29T08:00:00.000Z')).toBe('20270329T080000Z');
  });
});
