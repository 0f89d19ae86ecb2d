import { forecast } from '#functions/supply/forecasting/forecast';
import { mase } from '#functions/supply/forecasting/metrics';
import { seasonalNaive } from '#functions/supply/forecasting/naive';
import type { ForecastResult } from '#functions/supply/forecasting/types';
import {
  co2,
  seattleMonthly,
  unemploymentByIndustry,
  usEmployment,
  type NamedSeries,
} from '#test/unit/forecasting/vega-series';

// unit: the engine on real monthly series from the vega-datasets package (files read from node_modules, no network).
// Each series is cut before its last 12 months; the engine sees only the history, the last 12 months judge it.
const horizon = 12;

interface Outcome {
  name: string;
  result: ForecastResult;
  future: number[];
  autoMase: number;
  seasonalNaiveMase: number;
}

function holdout(s: NamedSeries): Outcome {
  const history = s.values.slice(0, -horizon);
  const future = s.values.slice(-horizon);
  const result = forecast(history, { seasonLength: 12, horizon });
  return {
    name: s.name,
    result,
    future,
    autoMase: mase(
      future,
      result.forecasts.map((f) => f.point),
      history,
      12,
    ),
    seasonalNaiveMase: mase(future, seasonalNaive(history, 12).point(horizon), history, 12),
  };
}

/** Share of the holdout months inside the 80 % and the 95 % intervals. */
function coverage(outcomes: Outcome[]): { c80: number; c95: number } {
  let inside80 = 0;
  let inside95 = 0;
  let months = 0;
  for (const { result, future } of outcomes) {
    result.forecasts.forEach((f, k) => {
      const actual = future[k]!;
      if (actual >= f.lo80 && actual <= f.hi80) inside80++;
      if (actual >= f.lo95 && actual <= f.hi95) inside95++;
      months++;
    });
  }
  return { c80: inside80 / months, c95: inside95 / months };
}

const employmentColumns = [
  'nonfarm',
  'construction',
  'manufacturing',
  'retail_trade',
  'leisure_and_hospitality',
  'education_and_health_services',
  'government',
];

describe('real monthly series, final 12 months held out', () => {
  // Prepare (shared): every forecast is computed once.
  const steady = [co2(), ...usEmployment(employmentColumns)].map(holdout);
  const recession = unemploymentByIndustry().map(holdout);
  const seattle = seattleMonthly().map(holdout);

  it.each(steady.map((o) => [o.name, o] as const))('%s: the automatic choice beats seasonal naive', (_, outcome) => {
    expect(outcome.autoMase).toBeLessThan(outcome.seasonalNaiveMase);
  });

  it('unemployment by industry (the 2009 recession in the holdout): never worse than seasonal naive, better on average', () => {
    // Assess: 14 series; where the engine itself picks seasonal naive, the two are equal.
    for (const o of recession) expect(o.autoMase).toBeLessThanOrEqual(o.seasonalNaiveMase + 1e-12);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(recession.map((o) => o.autoMase))).toBeLessThan(mean(recession.map((o) => o.seasonalNaiveMase)));
    expect(recession.filter((o) => o.autoMase < o.seasonalNaiveMase).length).toBeGreaterThanOrEqual(12);
  });

  it('covers the holdout with the 80 % and 95 % intervals about as often as promised on series without a break', () => {
    // Act
    const { c80, c95 } = coverage([...steady, ...seattle]);

    // Assess: 120 months; model-based intervals usually run a little narrow out of sample, so the ranges are loose.
    expect(c80).toBeGreaterThanOrEqual(0.6);
    expect(c95).toBeGreaterThanOrEqual(0.8);
    expect(c95).toBeGreaterThanOrEqual(c80);
  });

  it('Seattle, 36 months of history: the temperature forecast peaks in summer and bottoms in winter; rain is never negative', () => {
    // Prepare: the history ends in December 2014, so step 1 is January.
    const [temperature, rain] = seattle;

    // Act
    const highs = temperature!.result.forecasts.map((f) => f.point);

    // Assess
    expect([6, 7]).toContain(highs.indexOf(Math.max(...highs)));
    expect([0, 11]).toContain(highs.indexOf(Math.min(...highs)));
    for (const f of rain!.result.forecasts) expect(f.lo95).toBeGreaterThanOrEqual(0);
  });
});
