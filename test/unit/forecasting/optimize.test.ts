import { minimize1d, nelderMead } from '#functions/supply/forecasting/optimize';

// unit: the bounded minimizers behind every fitted smoothing parameter.
describe('bounded Nelder-Mead', () => {
  it('finds an interior minimum', () => {
    // Prepare: a bowl with its bottom at (0.3, 0.7, 0.9).
    const bowl = (x: Float64Array) => (x[0]! - 0.3) ** 2 + 2 * (x[1]! - 0.7) ** 2 + 3 * (x[2]! - 0.9) ** 2;

    // Act
    const { x, value } = nelderMead(bowl, [0.5, 0.5, 0.5], [0, 0, 0], [1, 1, 1], { maxEvaluations: 400 });

    // Assess
    expect(value).toBeLessThan(1e-8);
    expect(x[0]).toBeCloseTo(0.3, 3);
    expect(x[1]).toBeCloseTo(0.7, 3);
    expect(x[2]).toBeCloseTo(0.9, 3);
  });

  it('never evaluates outside the box and stops on its edge when the minimum lies beyond', () => {
    // Prepare: the unconstrained minimum (2, -1) is outside [0, 1] x [0, 1].
    const seen: number[][] = [];
    const f = (x: Float64Array) => {
      seen.push([x[0]!, x[1]!]);
      return (x[0]! - 2) ** 2 + (x[1]! + 1) ** 2;
    };

    // Act
    const { x, evaluations } = nelderMead(f, [0.5, 0.5], [0, 0], [1, 1], { maxEvaluations: 200 });

    // Assess
    expect(seen.every(([a, b]) => a! >= 0 && a! <= 1 && b! >= 0 && b! <= 1)).toBe(true);
    expect(x[0]).toBeCloseTo(1, 6);
    expect(x[1]).toBeCloseTo(0, 6);
    expect(evaluations).toBeLessThanOrEqual(200);
  });
});

describe('grid + golden section', () => {
  it('finds the minimum of a one-parameter curve to high precision', () => {
    const { x } = minimize1d((a) => (a - 0.37) ** 2, 0, 1);
    expect(x).toBeCloseTo(0.37, 5);
  });

  it('picks the deeper of two basins, which plain golden section could miss', () => {
    // Prepare: a shallow dip at 0.15 and a deep one at 0.8.
    const f = (a: number) => Math.min((a - 0.15) ** 2 + 0.1, 4 * (a - 0.8) ** 2);

    // Act / Assess
    expect(minimize1d(f, 0, 1).x).toBeCloseTo(0.8, 4);
  });
});
