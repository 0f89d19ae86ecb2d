import {
  aggregateWindow,
  chooseResolution,
  indexRollups,
  isoDuration,
  lastReportAt,
  windowRatio,
  windowValue,
  type Bucket,
} from '#functions/performance/domain/windows';
import { DAY, HOUR, MINUTE, NOW, eventsEvery5m, rollup, valuesHourly } from '#test/unit/performance/series';

// unit: window aggregation over rollup buckets (edge buckets, resolution choice, no data).

const bucket = (start: number, fields: Partial<Bucket>): Bucket => ({
  start,
  sum: 0,
  count: 0,
  min: 0,
  max: 0,
  good: 0,
  total: 0,
  ...fields,
});

describe('window edges', () => {
  it('counts the partly elapsed oldest bucket and the in-progress newest one, nothing older or newer', () => {
    // Prepare: now is 12:02:30; the 5-minute window is [11:57:30, 12:02:30).
    const at = (hhmm: string) => Date.parse(`2026-06-30T${hhmm}:00Z`);
    const rollups = {
      PT5M: [
        bucket(at('11:50'), { good: 1, total: 1 }), // ends 11:55, before the window
        bucket(at('11:55'), { good: 2, total: 10 }), // partly in the window
        bucket(at('12:00'), { good: 3, total: 10 }), // in progress
        bucket(at('12:05'), { good: 4, total: 10 }), // after now
      ],
    };

    // Act
    const counts = windowRatio(rollups, 5 * MINUTE, NOW);

    // Assess
    expect(counts).toEqual({ good: 5, total: 20 });
  });

  it('reports no data for a window without any point, and for buckets that hold none', () => {
    const old = rollup(eventsEvery5m(NOW - 3 * DAY, NOW - 2 * DAY, () => 99));
    const empty = { PT5M: [bucket(NOW - 4 * MINUTE, {})] };

    expect(aggregateWindow(old, HOUR, NOW)).toBeUndefined();
    expect(windowRatio(empty, HOUR, NOW)).toBeUndefined();
    expect(windowValue(empty, 'avg', HOUR, NOW)).toBeUndefined();
    expect(aggregateWindow({}, HOUR, NOW)).toBeUndefined();
  });
});

describe('value aggregates', () => {
  it('gives avg as sum / count, and sum, min and max over the window', () => {
    // Prepare: CSAT answers 4.0, 5.0, 4.5 in the last three hours, and a 1.0 a week ago.
    const rollups = rollup([
      { at: NOW - 7 * DAY, value: 1 },
      { at: NOW - 3 * HOUR + MINUTE, value: 4 },
      { at: NOW - 2 * HOUR, value: 5 },
      { at: NOW - 10 * MINUTE, value: 4.5 },
    ]);

    // Act / Assess
    expect(windowValue(rollups, 'avg', DAY, NOW)).toBeCloseTo(4.5, 10);
    expect(windowValue(rollups, 'sum', DAY, NOW)).toBeCloseTo(13.5, 10);
    expect(windowValue(rollups, 'min', DAY, NOW)).toBe(4);
    expect(windowValue(rollups, 'max', DAY, NOW)).toBe(5);
  });

  it('ignores min and max of buckets without value points', () => {
    const rollups = {
      PT5M: [
        bucket(NOW - 20 * MINUTE, { good: 1, total: 2, min: -99, max: 99 }),
        bucket(NOW - 5 * MINUTE, { sum: 3, count: 1, min: 3, max: 3 }),
      ],
    };

    expect(windowValue(rollups, 'min', HOUR, NOW)).toBe(3);
    expect(windowValue(rollups, 'max', HOUR, NOW)).toBe(3);
  });
});

describe('resolution', () => {
  const all = rollup(eventsEvery5m(NOW - 40 * DAY, NOW, () => 99));
  const hourAnd5m = { PT5M: all.PT5M!, PT1H: all.PT1H! };

  it('reads short windows at 5 minutes, days at 1 hour and 30 days at 1 day when day buckets are there', () => {
    const index = indexRollups(all);
    expect(chooseResolution(index, 5 * MINUTE, NOW)).toBe('PT5M');
    expect(chooseResolution(index, 6 * HOUR, NOW)).toBe('PT5M');
    expect(chooseResolution(index, 3 * DAY, NOW)).toBe('PT1H');
    expect(chooseResolution(index, 30 * DAY, NOW)).toBe('P1D');
    expect(chooseResolution(indexRollups(hourAnd5m), 30 * DAY, NOW)).toBe('PT1H');
  });

  it('gives the same counts whatever resolution reads a window aligned to the day', () => {
    // Prepare: a window from midnight to midnight, so no resolution has a partial edge bucket.
    const midnight = Date.parse('2026-06-30T00:00:00Z');

    // Act
    const byDay = windowRatio(all, 7 * DAY, midnight);
    const byHour = windowRatio(hourAnd5m, 7 * DAY, midnight);
    const by5m = windowRatio({ PT5M: all.PT5M! }, 7 * DAY, midnight);

    // Assess: 7 days x 288 reports of 100 events.
    expect(byDay).toEqual({ good: 7 * 288 * 99, total: 7 * 288 * 100 });
    expect(byHour).toEqual(byDay);
    expect(by5m).toEqual(byDay);
  });

  it('falls back to a coarser resolution when the finer one has expired for part of the window', () => {
    const index = indexRollups(all, { completeFrom: { PT5M: NOW - 2 * DAY } });

    expect(chooseResolution(index, 6 * HOUR, NOW)).toBe('PT5M');
    expect(chooseResolution(index, 3 * DAY, NOW)).toBe('PT1H');
    expect(aggregateWindow(index, 3 * DAY, NOW)?.resolution).toBe('PT1H');
  });

  it('sorts buckets that arrive out of order', () => {
    const rollups = {
      PT5M: [bucket(NOW - 5 * MINUTE, { good: 1, total: 1 }), bucket(NOW - 2 * HOUR, { good: 0, total: 1 })],
    };

    expect(windowRatio(rollups, 10 * MINUTE, NOW)).toEqual({ good: 1, total: 1 });
    expect(windowRatio(rollups, 3 * HOUR, NOW)).toEqual({ good: 1, total: 2 });
  });
});

describe('last report', () => {
  it('is the newest lastAt of any resolution, even when the finest has expired', () => {
    const rollups = rollup(
      valuesHourly(NOW - 3 * DAY, NOW - 5 * HOUR, () => 4.5),
      ['PT1H', 'P1D'],
    );

    expect(new Date(lastReportAt(rollups)!).toISOString()).toBe('2026-06-30T07:01:00.000Z');
    expect(lastReportAt({})).toBeUndefined();
  });
});

describe('isoDuration', () => {
  it.each([
    [30 * DAY, 'P30D'],
    [16 * HOUR + 50 * MINUTE, 'PT16H50M'],
    [DAY + 12 * HOUR, 'P1DT12H'],
    [5 * MINUTE, 'PT5M'],
    [0, 'PT0M'],
  ])('formats %d ms as %s', (ms, iso) => {
    expect(isoDuration(ms)).toBe(iso);
  });
});
