import { mase, maseScale, smape } from '#functions/supply/forecasting/metrics';

// unit: the accuracy measures the engine selects models by, on examples small enough to check by hand.
describe('MASE', () => {
  it('scales the holdout error by the in-sample naive error (lag 1 when there is no season)', () => {
    // Prepare: in-sample steps of 1, so the naive MAE is 1; the forecast misses by 1 then 2.
    const insample = [1, 2, 3, 4, 5, 6];

    // Act
    const score = mase([7, 8], [6, 6], insample, 1);

    // Assess: MAE 1.5 / scale 1.
    expect(score).toBeCloseTo(1.5, 12);
  });

  it('scores 1 for a forecast exactly as good as repeating last season was in-sample', () => {
    // Prepare: season of 2, every value 2 above the same position a season earlier.
    const insample = [10, 20, 12, 22, 14, 24];

    // Act
    const scale = maseScale(insample, 2);
    const score = mase([16, 26], [14, 24], insample, 2);

    // Assess
    expect(scale).toBe(2);
    expect(score).toBeCloseTo(1, 12);
  });

  it('falls back to lag 1 when the history is not longer than one season', () => {
    expect(maseScale([1, 3], 12)).toBe(2);
  });

  it('stays finite for a pattern that repeats exactly (seasonal naive MAE 0): a perfect forecast scores 0', () => {
    // Prepare: seasonal naive is perfect in-sample, so the seasonal scale is 0; lag 1 takes over (|9 - 5| = 4).
    const insample = [5, 9, 5, 9];

    // Act / Assess
    expect(maseScale(insample, 2)).toBe(4);
    expect(mase([5, 9], [5, 9], insample, 2)).toBe(0);
    expect(mase([5, 9], [6, 9], insample, 2)).toBeCloseTo(0.125, 12);
  });

  it('refuses actuals and forecasts of different lengths', () => {
    expect(() => mase([1, 2], [1], [1, 2, 3], 1)).toThrow(RangeError);
  });
});

describe('sMAPE', () => {
  it('is 200/h * sum |y - f| / (|y| + |f|), in percent', () => {
    // 10 / 210 on the first step, 0 on the second: 100 * 10 / 210.
    expect(smape([100, 50], [110, 50])).toBeCloseTo(4.761904761904762, 12);
  });

  it('counts a period where both actual and forecast are 0 as perfect, and a missed zero as the worst (200 %)', () => {
    expect(smape([0, 0], [0, 0])).toBe(0);
    expect(smape([0], [5])).toBe(200);
  });
});
