import { dampedHolt, ses } from '#functions/supply/forecasting/exponential-smoothing';
import { holtWintersAdditive, holtWintersMultiplicative } from '#functions/supply/forecasting/holt-winters';
import { croston, sba, tsb } from '#functions/supply/forecasting/intermittent';
import { bandOf } from '#functions/supply/forecasting/intervals';
import { mase } from '#functions/supply/forecasting/metrics';
import { naive, seasonalNaive } from '#functions/supply/forecasting/naive';
import { theta } from '#functions/supply/forecasting/theta';
import type { FittedModel } from '#functions/supply/forecasting/types';
import { monthlyProfile, series } from '#test/unit/forecasting/synthetic';

// unit: each model on series whose right answer is known in closed form.
const models: [string, (y: number[]) => FittedModel][] = [
  ['naive', (y) => naive(y)],
  ['seasonal naive', (y) => seasonalNaive(y, 12)],
  ['SES', (y) => ses(y)],
  ['damped Holt', (y) => dampedHolt(y)],
  ['Theta', (y) => theta(y, 12)],
  ['Holt-Winters additive', (y) => holtWintersAdditive(y, 12)],
  ['Holt-Winters multiplicative', (y) => holtWintersMultiplicative(y, 12)],
  ['Croston', (y) => croston(y)],
  ['TSB', (y) => tsb(y)],
];

describe('a constant series', () => {
  it.each(models)('%s forecasts the constant with an interval of zero width', (_, fit) => {
    // Prepare: three years of exactly 20 units a month.
    const y = new Array<number>(36).fill(20);

    // Act
    const band = bandOf(fit(y), 12);

    // Assess
    for (let k = 0; k < 12; k++) {
      expect(band.point[k]).toBeCloseTo(20, 6);
      expect(band.hi95[k]! - band.lo95[k]!).toBeLessThan(1e-6);
    }
  });

  it('SBA is the exception by design: it shrinks Croston by 1 - alpha/2', () => {
    const y = new Array<number>(36).fill(20);
    expect(sba(y, { alpha: 0.1 }).point(1)[0]).toBeCloseTo(20 * 0.95, 10);
  });
});

describe('a linear trend', () => {
  // Prepare: 50 units growing by 2 a month, noise of sd 1; 36 months to fit, the next 12 to judge.
  const y = series({ n: 48, level: 50, trend: 2, noise: 1, seed: 7 });
  const train = y.slice(0, 36);
  const future = y.slice(36);
  const score = (model: FittedModel) => mase(future, model.point(12), train, 1);

  it('damped Holt keeps the trend (phi near 1) and lands within 2 % of the trend line a year out', () => {
    // Act
    const model = dampedHolt(train);
    const yearOut = model.point(12)[11]!;

    // Assess: the trend line says 50 + 2 * 47 = 144.
    expect(model.params.phi).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(yearOut - 144) / 144).toBeLessThan(0.02);
  });

  it('damped Holt and Theta both beat SES, which can only forecast flat', () => {
    // Act
    const [holt, thetaScore, sesScore] = [score(dampedHolt(train)), score(theta(train, 1)), score(ses(train))];

    // Assess
    expect(holt).toBeLessThan(sesScore);
    expect(thetaScore).toBeLessThan(sesScore);
    const thetaPath = theta(train, 1).point(12);
    expect(thetaPath[11]).toBeGreaterThan(thetaPath[0]!);
  });
});

describe('a pure seasonal pattern', () => {
  // Prepare: the same yearly profile (peak in July) four years running, no noise.
  const pattern = monthlyProfile.map((p) => 100 * p);
  const y = [...pattern, ...pattern, ...pattern, ...pattern];

  it.each([
    ['seasonal naive', (v: number[]) => seasonalNaive(v, 12)],
    ['Holt-Winters additive', (v: number[]) => holtWintersAdditive(v, 12)],
    ['Holt-Winters multiplicative', (v: number[]) => holtWintersMultiplicative(v, 12)],
    ['Theta (seasonally adjusted)', (v: number[]) => theta(v, 12)],
  ])('%s reproduces next year exactly', (_, fit) => {
    // Act
    const next = fit(y).point(12);

    // Assess
    next.forEach((value, k) => expect(value).toBeCloseTo(pattern[k]!, 6));
    expect(mase(pattern, next, y, 12)).toBeLessThan(1e-6);
  });
});

describe('Croston, SBA and TSB on intermittent demand', () => {
  it('Croston matches the hand computation', () => {
    // Prepare: demands of 3, 2, 4 after intervals of 3, 4, 2 periods; alpha 0.1.
    // size 3 -> 3 + 0.1 (2 - 3) = 2.9 -> 2.9 + 0.1 (4 - 2.9) = 3.01
    // interval 3 -> 3 + 0.1 (4 - 3) = 3.1 -> 3.1 + 0.1 (2 - 3.1) = 2.99
    const y = [0, 0, 3, 0, 0, 0, 2, 0, 4, 0];

    // Act
    const forecastRate = croston(y, { alpha: 0.1 }).point(3);
    const sbaRate = sba(y, { alpha: 0.1 }).point(1)[0]!;

    // Assess: 3.01 / 2.99 per period, flat; SBA 5 % below.
    expect(Array.from(forecastRate)).toEqual(
      [3.01 / 2.99, 3.01 / 2.99, 3.01 / 2.99].map((v): unknown => expect.closeTo(v, 12)),
    );
    expect(sbaRate).toBeCloseTo((0.95 * 3.01) / 2.99, 12);
  });

  it('TSB matches the hand computation', () => {
    // Prepare: start from probability 2/5 and size 3 (the mean demand); alpha 0.2 (size), beta 0.1 (probability).
    // p: 0.4 -> 0.36 -> 0.424 -> 0.3816 -> 0.34344 -> 0.409096; size: 3 -> 3.2 (after 4) -> 2.96 (after 2)
    const y = [0, 4, 0, 0, 2];

    // Act
    const rate = tsb(y, { alpha: 0.2, beta: 0.1 }).point(1)[0]!;

    // Assess
    expect(rate).toBeCloseTo(0.409096 * 2.96, 10);
  });

  it('TSB lowers the forecast when demand stops, Croston keeps forecasting the old rate', () => {
    // Prepare: 4 units every other month for two years, then nothing for a year (a discontinued item).
    const y = [...Array.from({ length: 24 }, (_, t) => (t % 2 ? 4 : 0)), ...new Array<number>(12).fill(0)];

    // Act
    const tsbRate = tsb(y, { alpha: 0.1, beta: 0.2 }).point(1)[0]!;
    const crostonRate = croston(y, { alpha: 0.1 }).point(1)[0]!;

    // Assess: Croston still says ~2 a month; TSB is down to a fraction of it.
    expect(crostonRate).toBeCloseTo(2, 1);
    expect(tsbRate).toBeLessThan(0.25 * crostonRate);
  });
});

describe('prediction intervals of each model', () => {
  // Prepare: a noisy seasonal series with growth, the kind a planner forecasts every month.
  const y = series({ n: 48, level: 200, trend: 1.5, seasonal: true, noise: 8, seed: 11 });

  it.each(models.filter(([name]) => name !== 'Croston' && name !== 'TSB'))(
    '%s: 95 %% contains 80 %% contains the point, and both widen with the horizon',
    (_, fit) => {
      // Act
      const band = bandOf(fit(y), 24);

      // Assess
      for (let k = 0; k < 24; k++) {
        expect(band.lo95[k]).toBeLessThanOrEqual(band.lo80[k]!);
        expect(band.lo80[k]).toBeLessThan(band.point[k]!);
        expect(band.hi80[k]).toBeGreaterThan(band.point[k]!);
        expect(band.hi95[k]).toBeGreaterThanOrEqual(band.hi80[k]!);
        if (k > 0)
          expect(band.hi95[k]! - band.lo95[k]!).toBeGreaterThanOrEqual(band.hi95[k - 1]! - band.lo95[k - 1]! - 1e-9);
      }
      expect(band.hi95[23]! - band.lo95[23]!).toBeGreaterThan(band.hi95[0]! - band.lo95[0]!);
    },
  );

  it('naive widens with sqrt(h); seasonal naive only once per season', () => {
    // Act
    const naiveVariance = naive(y).variance(24);
    const seasonalVariance = seasonalNaive(y, 12).variance(24);

    // Assess
    expect(naiveVariance[3]! / naiveVariance[0]!).toBeCloseTo(4, 12);
    expect(seasonalVariance[11]).toBe(seasonalVariance[0]);
    expect(seasonalVariance[12]! / seasonalVariance[0]!).toBeCloseTo(2, 12);
  });

  it('refuses multiplicative seasonality on a series with a zero', () => {
    const withZero = [...y.slice(0, 30), 0, ...y.slice(31)];
    expect(() => holtWintersMultiplicative(withZero, 12)).toThrow(RangeError);
  });
});

describe('SES initial level', () => {
  it('is the least-squares one, not the first observation', () => {
    // Prepare: alpha 0.5 on [10, 12]. SSE(l0) = (10 - l0)^2 + (7 - l0/2)^2 is smallest at l0 = 10.8;
    // then the level goes 10.8 -> 10.4 -> 11.2.
    const model = ses([10, 12], { alpha: 0.5 });

    // Act / Assess
    expect(model.params.level0).toBeCloseTo(10.8, 10);
    expect(model.point(1)[0]).toBeCloseTo(11.2, 10);
  });
});
