import { forecast } from '#functions/supply/forecasting/forecast';
import { mase } from '#functions/supply/forecasting/metrics';
import { seasonalNaive } from '#functions/supply/forecasting/naive';
import { ForecastResult } from '#functions/supply/forecasting/types';
import { ValidationError } from '#shared/errors';
import { problemOf } from '#shared/http/errors';
import { monthlyProfile, normalNoise, series } from '#test/unit/forecasting/synthetic';

// unit: the engine's entry point: routing by history length and demand pattern, selection, output contract.
const seasonalModels = ['seasonal-naive', 'holt-winters-additive', 'holt-winters-multiplicative'];
const intermittentModels = ['croston', 'sba', 'tsb'];
const membersOf = (model: string) => model.replace(/^combination\((.*)\)$/, '$1').split('+');

describe('forecast', () => {
  it('returns one point and nested 80 % / 95 % intervals per step, in the documented shape', () => {
    // Prepare: four years of seasonal demand with growth.
    const y = series({ n: 48, level: 200, trend: 1, seasonal: true, noise: 6, seed: 5 });

    // Act
    const result = forecast(y, { seasonLength: 12, horizon: 12 });

    // Assess
    expect(() => ForecastResult.parse(result)).not.toThrow();
    expect(result.horizon).toBe(12);
    expect(result.forecasts.map((f) => f.step)).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    for (const f of result.forecasts) {
      expect(f.lo95).toBeLessThanOrEqual(f.lo80);
      expect(f.lo80).toBeLessThanOrEqual(f.point);
      expect(f.point).toBeLessThanOrEqual(f.hi80);
      expect(f.hi80).toBeLessThanOrEqual(f.hi95);
    }
  });

  it('picks a seasonal model for seasonal demand, and it beats seasonal naive on the next year', () => {
    // Prepare: 48 months to fit, the following 12 to judge.
    const y = series({ n: 60, level: 100, trend: 1, seasonal: true, noise: 4, seed: 3 });
    const [train, future] = [y.slice(0, 48), y.slice(48)];

    // Act
    const result = forecast(train, { seasonLength: 12, horizon: 12 });

    // Assess
    expect(membersOf(result.model).some((m) => seasonalModels.includes(m))).toBe(true);
    const points = result.forecasts.map((f) => f.point);
    expect(mase(future, points, train, 12)).toBeLessThan(mase(future, seasonalNaive(train, 12).point(12), train, 12));
    // The summer peak (July/August, 1.45 and 1.4 x the level) and the winter trough stay where they are.
    expect([6, 7]).toContain(points.indexOf(Math.max(...points)));
    expect([0, 11]).toContain(points.indexOf(Math.min(...points)));
  });

  it('reports the winner first among its candidates, and a combination only wins with a strictly lower MASE', () => {
    // Prepare
    const y = series({ n: 48, level: 80, trend: 0.5, seasonal: true, noise: 10, seed: 21 });

    // Act
    const result = forecast(y, { seasonLength: 12, horizon: 6 });

    // Assess
    const scores = result.candidates.map((c) => c.mase);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(result.candidates[0]).toEqual({ model: result.model, mase: result.holdoutMase, smape: result.holdoutSmape });
    const bestSingle = result.candidates.find((c) => !c.model.startsWith('combination('))!;
    if (result.model.startsWith('combination(')) expect(result.holdoutMase!).toBeLessThan(bestSingle.mase);
    expect(result.candidates.some((c) => /^combination\([a-z-]+\+[a-z-]+\)$/.test(c.model))).toBe(true);
  });

  it('reproduces a perfectly repeating pattern with a holdout MASE of ~0', () => {
    // Prepare
    const pattern = monthlyProfile.map((p) => 100 * p);
    const y = [...pattern, ...pattern, ...pattern, ...pattern];

    // Act
    const result = forecast(y, { seasonLength: 12, horizon: 12 });

    // Assess
    expect(result.holdoutMase).toBeLessThan(1e-6);
    result.forecasts.forEach((f, k) => expect(f.point).toBeCloseTo(pattern[k]!, 6));
  });

  it('with fewer than two seasons of history, uses non-seasonal models only and says so', () => {
    // Prepare: 18 months of monthly demand.
    const y = series({ n: 18, level: 100, seasonal: true, noise: 3, seed: 2 });

    // Act
    const result = forecast(y, { seasonLength: 12, horizon: 6 });

    // Assess
    const evaluated = result.candidates.flatMap((c) => membersOf(c.model));
    expect(evaluated.some((m) => seasonalModels.includes(m))).toBe(false);
    expect(result.notes.join(' ')).toMatch(/fewer than two seasons/);
  });

  it('with fewer than 4 observations, returns naive with wide intervals and a note, and no holdout', () => {
    // Act
    const result = forecast([40, 50, 45], { seasonLength: 12, horizon: 3 });

    // Assess
    expect(result.model).toBe('naive');
    expect(result.holdoutMase).toBeNull();
    expect(result.candidates).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/Only 3 observation/);
    expect(result.forecasts.map((f) => f.point)).toEqual([45, 45, 45]);
    // Wide: the 95 % interval a month out spans at least the whole level of demand.
    expect(result.forecasts[0]!.hi95 - result.forecasts[0]!.lo95).toBeGreaterThan(45);
    expect(result.forecasts[2]!.hi95).toBeGreaterThan(result.forecasts[0]!.hi95);
  });

  it('routes intermittent demand to Croston, SBA and TSB, and keeps forecasts and bounds at or above 0', () => {
    // Prepare: a spare part, ordered in about one month in four, 1 to 6 units.
    const draw = normalNoise(17);
    const y = Array.from({ length: 48 }, () => (draw() > 0.7 ? 1 + Math.round(Math.abs(draw()) * 3) : 0));

    // Act
    const result = forecast(y, { seasonLength: 12, horizon: 12 });

    // Assess
    expect(result.notes.join(' ')).toMatch(/Intermittent demand \(ADI \d+\.\d+/);
    const evaluated = new Set(result.candidates.flatMap((c) => membersOf(c.model)));
    for (const m of intermittentModels) expect(evaluated.has(m)).toBe(true);
    for (const m of evaluated) expect(['naive', 'seasonal-naive', ...intermittentModels]).toContain(m);
    for (const f of result.forecasts) {
      expect(f.lo95).toBeGreaterThanOrEqual(0);
      expect(f.point).toBeGreaterThanOrEqual(0);
    }
    expect(result.forecasts.some((f) => f.lo95 === 0)).toBe(true);
  });

  it('never forecasts negative demand for a product being run down, unless told the series can go negative', () => {
    // Prepare: demand falling by 4 a month from 60.
    const y = series({ n: 24, level: 60, trend: -2.4, noise: 2, seed: 9 });
    const anomalies = y.map((v) => v - 40);

    // Act
    const demand = forecast(y, { seasonLength: 12, horizon: 12 });
    const signed = forecast(anomalies, { seasonLength: 12, horizon: 12 });

    // Assess
    for (const f of demand.forecasts) expect(Math.min(f.point, f.lo80, f.lo95)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...signed.forecasts.map((f) => f.lo95))).toBeLessThan(0);
  });

  it('is deterministic: the same history gives the same forecast', () => {
    const y = series({ n: 36, level: 50, trend: 0.3, seasonal: true, noise: 5, seed: 4 });
    expect(forecast(y, { seasonLength: 12, horizon: 12 })).toEqual(forecast(y, { seasonLength: 12, horizon: 12 }));
  });

  it('rejects a zero horizon, an unknown option and a non-finite observation with a 400', () => {
    const y = [1, 2, 3, 4, 5];
    expect(() => forecast(y, { seasonLength: 12, horizon: 0 })).toThrow(ValidationError);
    expect(() => forecast(y, { seasonLength: 12, horizon: 3, horizn: 2 } as never)).toThrow(ValidationError);
    expect(() => forecast([1, Number.NaN, 3, 4], { seasonLength: 1, horizon: 3 })).toThrow(ValidationError);
    // The maths throws a domain error, which carries no status; the HTTP edge answers it with a 400.
    let empty: unknown;
    try {
      forecast([], { seasonLength: 1, horizon: 3 });
    } catch (error) {
      empty = error;
    }
    expect(empty).toBeInstanceOf(ValidationError);
    expect(problemOf(empty as ValidationError)).toEqual(expect.objectContaining({ status: 400 }));
  });
});
