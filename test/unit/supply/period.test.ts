import {
  denseSeries,
  granularityOf,
  isoWeeksInYear,
  periodDays,
  periodOf,
  periodStart,
  periodsBetween,
  shiftPeriod,
} from '#functions/supply/domain/period';

// unit: ISO week and month periods (pure).
describe('periods', () => {
  it('recognizes weeks and months and rejects impossible ones', () => {
    expect(granularityOf('2026-W48')).toBe('week');
    expect(granularityOf('2026-11')).toBe('month');
    expect(granularityOf('2026-13')).toBeUndefined();
    expect(granularityOf('2026-W54')).toBeUndefined();
    expect(granularityOf('2020-W53')).toBe('week'); // 2020 had 53 ISO weeks
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
  });

  it('finds ISO weeks across year ends', () => {
    expect(periodOf(Date.UTC(2027, 0, 1), 'week')).toBe('2026-W53');
    expect(periodOf(Date.UTC(2024, 11, 30), 'week')).toBe('2025-W01');
    expect(new Date(periodStart('2026-W01')).toISOString().slice(0, 10)).toBe('2025-12-29');
    expect(shiftPeriod('2026-W53', 1)).toBe('2027-W01');
    expect(periodsBetween('2026-W50', '2027-W02')).toBe(5);
  });

  it('steps months and counts days', () => {
    expect(shiftPeriod('2026-11', 2)).toBe('2027-01');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(periodsBetween('2025-06', '2026-06')).toBe(12);
    expect(periodDays('2028-02')).toBe(29);
    expect(periodDays('2026-W10')).toBe(7);
  });

  it('reads gaps as zero demand', () => {
    expect(
      denseSeries([
        { period: '2026-03', units: 5 },
        { period: '2026-01', units: 2 },
      ]),
    ).toEqual({ first: '2026-01', values: [2, 0, 5] });
  });
});
