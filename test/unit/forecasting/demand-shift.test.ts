import { detectDemandShift } from '#functions/supply/forecasting/demand-shift';
import { forecast } from '#functions/supply/forecasting/forecast';
import { normalNoise, series } from '#test/unit/forecasting/synthetic';

// unit: the signals behind demand-shift alerts: actuals leaving the forecast interval, and level shifts.
const band = (lo: number, hi: number) => ({ lo80: lo + 5, hi80: hi - 5, lo95: lo, hi95: hi });

describe('outside the interval twice in a row', () => {
  const intervals = Array.from({ length: 6 }, () => band(80, 120));

  it('fires when two consecutive actuals leave the 95 % interval', () => {
    expect(detectDemandShift([], [100, 130, 125, 100], intervals).outsideTwoConsecutive).toBe(true);
  });

  it('does not fire on single misses, however many, nor on actuals inside the interval', () => {
    expect(detectDemandShift([], [130, 100, 70, 100, 130, 100], intervals).outsideTwoConsecutive).toBe(false);
    expect(detectDemandShift([], [81, 119, 100], intervals).outsideTwoConsecutive).toBe(false);
  });

  it('can be pointed at the 80 % interval', () => {
    expect(detectDemandShift([], [117, 118], intervals, { level: 80 }).outsideTwoConsecutive).toBe(true);
    expect(detectDemandShift([], [117, 118], intervals).outsideTwoConsecutive).toBe(false);
  });
});

describe('level shift', () => {
  // Prepare: two years at ~100 units a month (sd 5).
  const history = series({ n: 24, level: 100, noise: 5, seed: 31 });
  const draw = normalNoise(32);

  it('finds where demand jumped from ~100 to ~140, and both levels', () => {
    // Prepare: two more normal months, then four at ~140.
    const actuals = [100, 100, 140, 140, 140, 140].map((v) => v + 5 * draw());

    // Act
    const { levelShift } = detectDemandShift(history, actuals, []);

    // Assess
    expect(levelShift?.at).toBe(2);
    expect(levelShift!.before).toBeCloseTo(100, -1);
    expect(levelShift!.after).toBeCloseTo(140, -1);
  });

  it('reports nothing when the actuals come from the same level, or moved by less than 10 %', () => {
    const same = [100, 100, 100, 100, 100, 100].map((v) => v + 5 * draw());
    const slightly = [100, 100, 106, 106, 106, 106, 106, 106];
    const flat = new Array<number>(24).fill(100);

    expect(detectDemandShift(history, same, []).levelShift).toBeUndefined();
    expect(detectDemandShift(flat, slightly, []).levelShift).toBeUndefined();
  });

  it('does not mistake the summer peak for a shift once it knows the season', () => {
    // Prepare: three and a half years of seasonal demand up to May; the actuals are June to September, the peak.
    const seasonal = series({ n: 45, level: 100, seasonal: true, noise: 3, seed: 33 });
    const [past, peak] = [seasonal.slice(0, 41), seasonal.slice(41)];

    // Act
    const seasonBlind = detectDemandShift(past, peak, [], { window: 6 }).levelShift;
    const seasonAware = detectDemandShift(past, peak, [], { window: 6, seasonLength: 12 }).levelShift;

    // Assess: against the six winter and spring months before, the peak reads as a jump of more than half;
    // seasonally adjusted, nothing happened.
    expect(seasonBlind?.at).toBe(0);
    expect(seasonBlind!.after / seasonBlind!.before).toBeGreaterThan(1.5);
    expect(seasonAware).toBeUndefined();
  });

  it('together with a real forecast: a 50 % jump in seasonal demand trips both signals', () => {
    // Prepare: four years of seasonal demand, then six months at 1.5 times the expected level.
    const y = series({ n: 54, level: 200, seasonal: true, noise: 6, seed: 34 });
    const [past, next] = [y.slice(0, 48), y.slice(48)];
    const { forecasts } = forecast(past, { seasonLength: 12, horizon: 6 });
    const actuals = next.map((v, k) => (k >= 2 ? 1.5 * v : v));

    // Act
    const shift = detectDemandShift(past, actuals, forecasts, { seasonLength: 12 });

    // Assess
    expect(shift.outsideTwoConsecutive).toBe(true);
    expect(shift.levelShift?.at).toBe(2);
    expect(shift.levelShift!.after / shift.levelShift!.before).toBeGreaterThan(1.3);
  });
});
