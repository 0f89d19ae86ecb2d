import { batches, exampleCsv, parseCsv, readMetricsCsv } from '../../portal/src/features/performance/lib/metrics-csv';

// unit: the portal's CSV reading of metric points, checked in the browser before anything is sent.
const now = Date.parse('2026-12-02T12:00:00Z');
const rowsOf = (text: string) => {
  const result = readMetricsCsv(text, now);
  if (!('rows' in result)) throw new Error(result.fileError);
  return result.rows;
};

const fileError = (result: ReturnType<typeof readMetricsCsv>) => ('fileError' in result ? result.fileError : '');

describe('metric CSV', () => {
  it('reads quoted fields, doubled quotes and CRLF, and numbers rows as a spreadsheet does (header = 1)', () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\nd,e,f\n').records).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['d', 'e', 'f'],
    ]);
    const rows = rowsOf('metric,at,value\n\ncsat,2026-12-02T09:00:00Z,4.5\n');
    expect(rows.map((r) => r.row)).toEqual([3]);
    expect(rows[0]!.point).toEqual({
      metric: 'csat',
      at: '2026-12-02T09:00:00Z',
      value: 4.5,
      id: 'csv-2026-12-02T09:00:00.000Z',
    });
  });

  it('names every problem of a row, and keeps good rows and event counts', () => {
    const rows = rowsOf(
      [
        'metric,at,value,good,total,id',
        'csat,2026-12-02T09:00:00+01:00,4.5,,,',
        'CSAT,yesterday,high,,,',
        'tickets.answered_4h,2026-12-02T09:00:00Z,,97,100,t-1',
        'tickets.answered_4h,2026-12-02T09:00:00Z,,101,100,',
        'csat,2026-12-02T13:00:00Z,4,,,',
        'csat,2026-12-02T09:00:00Z,4,1,2,',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.row, r.errors.length === 0])).toEqual([
      [2, true],
      [3, false],
      [4, true],
      [5, false],
      [6, false],
      [7, false],
    ]);
    expect(rows[1]!.errors).toEqual([
      expect.stringMatching(/^metric:/),
      expect.stringMatching(/^at:/),
      expect.stringMatching(/^value:/),
    ]);
    expect(rows[2]!.point).toEqual({
      metric: 'tickets.answered_4h',
      at: '2026-12-02T09:00:00Z',
      good: 97,
      total: 100,
      id: 't-1',
    });
    expect(rows[3]!.errors).toEqual(['good: must not exceed total']);
    expect(rows[4]!.errors).toEqual(['at: is in the future']);
    expect(rows[5]!.errors).toEqual(['give either value, or good and total']);
  });

  it('refuses a file it cannot read as a whole, and sends good rows 500 per request', () => {
    expect(fileError(readMetricsCsv('name,when\nx,y'))).toMatch(/Unknown column/);
    expect(fileError(readMetricsCsv('metric,value\ncsat,1'))).toMatch(/must name the columns/);
    expect(fileError(readMetricsCsv('metric,at,value\n'))).toMatch(/no rows/);
    const lines = Array.from({ length: 1001 }, (_, i) => `csat,${new Date(now - (i + 1) * 60_000).toISOString()},4`);
    expect(batches(rowsOf(['metric,at,value', ...lines].join('\n'))).map((b) => b.length)).toEqual([500, 500, 1]);
    expect(rowsOf(exampleCsv(now)).every((r) => r.errors.length === 0)).toBe(true);
  });
});
