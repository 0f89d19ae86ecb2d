/**
 * Small deterministic minimizers for the smoothing parameters: a bounded Nelder-Mead for 2-4 parameters and
 * a grid + golden-section search for one. Both cap their evaluations, because the engine refits every
 * candidate at every rolling origin and is benchmarked in series per second.
 */

export type Objective = (x: Float64Array) => number;

export interface Minimum {
  x: Float64Array;
  value: number;
  evaluations: number;
}

export interface NelderMeadOptions {
  maxEvaluations?: number;
  /** Stop when the simplex's values agree to this relative tolerance. */
  tolerance?: number;
}

/**
 * Nelder-Mead (reflection 1, expansion 2, contraction 0.5, shrink 0.5) with every trial point projected
 * onto the box [lower, upper], so the objective is only ever evaluated on admissible parameters. After
 * convergence it restarts once from the best vertex with a fresh simplex, the usual cure for a simplex that
 * collapsed onto a face of the box. Non-finite objective values count as +Infinity.
 */
export function nelderMead(
  f: Objective,
  start: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  options: NelderMeadOptions = {},
): Minimum {
  const d = start.length;
  const maxEvaluations = options.maxEvaluations ?? 100 * d;
  const tolerance = options.tolerance ?? 1e-8;
  const vertices = Array.from({ length: d + 1 }, () => new Float64Array(d));
  const values = new Float64Array(d + 1);
  const centroid = new Float64Array(d);
  const reflected = new Float64Array(d);
  const trial = new Float64Array(d);
  let evaluations = 0;

  const evaluate = (x: Float64Array): number => {
    for (let j = 0; j < d; j++) x[j] = Math.min(upper[j]!, Math.max(lower[j]!, x[j]!));
    // Out of budget mid-iteration: the point is never chosen, and the loop ends at its next check.
    if (evaluations >= maxEvaluations) return Number.POSITIVE_INFINITY;
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };

  const initialize = (from: ArrayLike<number>, scale: number): void => {
    for (let i = 0; i <= d; i++) {
      const v = vertices[i]!;
      for (let j = 0; j < d; j++) v[j] = from[j]!;
      if (i > 0) {
        const j = i - 1;
        const step = scale * (upper[j]! - lower[j]!);
        // Step into the box: a vertex projected back onto the start would make the simplex degenerate.
        v[j] = from[j]! + step <= upper[j]! ? from[j]! + step : from[j]! - step;
      }
      values[i] = evaluate(v);
    }
  };

  const run = (): void => {
    while (evaluations < maxEvaluations) {
      sortSimplex(vertices, values);
      const best = values[0]!;
      const worst = values[d]!;
      if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + 1e-12)) return;

      centroid.fill(0);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] = centroid[j]! + vertices[i]![j]! / d;
      const worstVertex = vertices[d]!;

      for (let j = 0; j < d; j++) reflected[j] = centroid[j]! + (centroid[j]! - worstVertex[j]!);
      const fr = evaluate(reflected);
      if (fr < best) {
        for (let j = 0; j < d; j++) trial[j] = centroid[j]! + 2 * (centroid[j]! - worstVertex[j]!);
        const fe = evaluate(trial);
        replaceWorst(fe < fr ? trial : reflected, fe < fr ? fe : fr);
      } else if (fr < values[d - 1]!) {
        replaceWorst(reflected, fr);
      } else {
        const outside = fr < worst;
        for (let j = 0; j < d; j++) {
          trial[j] = outside
            ? centroid[j]! + 0.5 * (reflected[j]! - centroid[j]!)
            : centroid[j]! + 0.5 * (worstVertex[j]! - centroid[j]!);
        }
        const fc = evaluate(trial);
        if (fc < Math.min(fr, worst)) {
          replaceWorst(trial, fc);
        } else {
          const anchor = vertices[0]!;
          for (let i = 1; i <= d; i++) {
            const v = vertices[i]!;
            for (let j = 0; j < d; j++) v[j] = anchor[j]! + 0.5 * (v[j]! - anchor[j]!);
            values[i] = evaluate(v);
          }
        }
      }
    }
  };

  const replaceWorst = (x: Float64Array, value: number): void => {
    vertices[d]!.set(x);
    values[d] = value;
  };

  initialize(start, 0.1);
  run();
  sortSimplex(vertices, values);
  if (evaluations + d + 1 < maxEvaluations) {
    const best = Float64Array.from(vertices[0]!);
    initialize(best, 0.05);
    run();
    sortSimplex(vertices, values);
  }
  return { x: Float64Array.from(vertices[0]!), value: values[0]!, evaluations };
}

/** Insertion sort of the d + 1 vertices by value (d is at most 4 here). */
function sortSimplex(vertices: Float64Array[], values: Float64Array): void {
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    const x = vertices[i]!;
    let k = i - 1;
    while (k >= 0 && values[k]! > v) {
      values[k + 1] = values[k]!;
      vertices[k + 1] = vertices[k]!;
      k--;
    }
    values[k + 1] = v;
    vertices[k + 1] = x;
  }
}

/**
 * One parameter on [lower, upper]: a coarse grid finds the basin (smoothing SSE curves can have several),
 * golden-section search refines inside the grid cell either side of the best grid point.
 */
export function minimize1d(
  f: (x: number) => number,
  lower: number,
  upper: number,
  gridPoints = 10,
  maxIterations = 30,
): { x: number; value: number } {
  const safe = (x: number) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const step = (upper - lower) / (gridPoints - 1);
  let bestIndex = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let i = 0; i < gridPoints; i++) {
    const v = safe(lower + i * step);
    if (v < bestValue) {
      bestValue = v;
      bestIndex = i;
    }
  }
  let a = lower + Math.max(0, bestIndex - 1) * step;
  let b = lower + Math.min(gridPoints - 1, bestIndex + 1) * step;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let e = a + ratio * (b - a);
  let fc = safe(c);
  let fe = safe(e);
  for (let i = 0; i < maxIterations && b - a > 1e-6 * (upper - lower); i++) {
    if (fc < fe) {
      b = e;
      e = c;
      fe = fc;
      c = b - ratio * (b - a);
      fc = safe(c);
    } else {
      a = c;
      c = e;
      fc = fe;
      e = a + ratio * (b - a);
      fe = safe(e);
    }
  }
  const x = fc < fe ? c : e;
  const value = Math.min(fc, fe);
  return value <= bestValue ? { x, value } : { x: lower + bestIndex * step, value: bestValue };
}
