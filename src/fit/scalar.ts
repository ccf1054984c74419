// One calibration constant (B², D_c, N_c, …) fitted by least squares: a grid brackets the minimum, the
// bracket is widened while the best grid point sits at an end, and Brent's method refines it.
import { invalid } from '../errors.ts';
import { brentMinimise } from '../theory/minimise.ts';
import {
  bootstrapRuns,
  type Interval,
  type IntervalOptions,
  percentileInterval,
  type ResampleOptions,
} from './bootstrap.ts';
import type { FitPoint } from './powerLaw.ts';

/** The model's prediction of `point.y` for the constant θ. */
export type ScalarModel<P extends FitPoint> = (theta: number, point: P) => number;

export interface ScalarOptions {
  /** Initial bracket [lo, hi] of θ. */
  lo: number;
  hi: number;
  /** Grid in log θ (lo > 0; for positive constants) or in θ. Default 'log'. */
  scale?: 'log' | 'linear';
  /** Grid points. Default 33. */
  points?: number;
  /** How many times the bracket may be shifted by its own width towards an end minimum. Default 20. */
  maxExpansions?: number;
}

export interface ScalarFit {
  theta: number;
  /** Σ (model(θ, p) − p.y)². */
  loss: number;
  /** The minimum lies inside the final bracket (false: still at its end after maxExpansions). */
  bracketed: boolean;
}

/** The θ minimising Σ (model(θ, p) − p.y)² over `points`. */
export function fitScalar<P extends FitPoint>(
  model: ScalarModel<P>,
  points: readonly P[],
  options: ScalarOptions,
): ScalarFit {
  const { lo, hi, scale = 'log', points: count = 33, maxExpansions = 20 } = options;
  if (scale === 'log' && !(lo > 0)) throw invalid('lo', 'a number > 0 for a log grid', lo);
  if (!(hi > lo && Number.isFinite(hi))) throw invalid('hi', `a finite number > lo = ${lo}`, hi);
  if (!(Number.isInteger(count) && count >= 3)) throw invalid('points', 'an integer ≥ 3', count);
  if (points.length === 0) throw invalid('points', 'at least one data point', 0);
  const toTheta = scale === 'log' ? Math.exp : (u: number) => u;
  const loss = (u: number) => {
    const theta = toTheta(u);
    let sum = 0;
    for (const p of points) sum += (model(theta, p) - p.y) ** 2;
    return Number.isNaN(sum) ? Number.POSITIVE_INFINITY : sum;
  };
  let u0 = scale === 'log' ? Math.log(lo) : lo;
  const width = (scale === 'log' ? Math.log(hi) : hi) - u0;
  const step = width / (count - 1);
  for (let expansion = 0; ; expansion++) {
    const values = Array.from({ length: count }, (_, i) => loss(u0 + i * step));
    const best = values.reduce((b, v, i) => (v < values[b] ? i : b), 0);
    const atEnd = best === 0 || best === count - 1;
    if (atEnd && expansion < maxExpansions && values[best] < Number.POSITIVE_INFINITY) {
      // Shift by a width less one cell, so the old end point stays on the grid as an interior point.
      u0 += (best === 0 ? -1 : 1) * (width - step);
      continue;
    }
    if (atEnd) return { theta: toTheta(u0 + best * step), loss: values[best], bracketed: false };
    const m = brentMinimise(loss, u0 + (best - 1) * step, u0 + (best + 1) * step, 1e-12);
    const u = m.value <= values[best] ? m.x : u0 + best * step;
    return { theta: toTheta(u), loss: Math.min(m.value, values[best]), bracketed: true };
  }
}

export interface ScalarBootstrap {
  fit: ScalarFit;
  interval: Interval;
  /** Resamples whose minimum was not bracketed. */
  unbracketed: number;
}

/** fitScalar on all runs' points, with a percentile interval from resampling whole runs. */
export function bootstrapScalar<P extends FitPoint, Run extends readonly P[]>(
  model: ScalarModel<P>,
  runs: readonly Run[],
  options: ScalarOptions & IntervalOptions & ResampleOptions<Run>,
): ScalarBootstrap {
  const fit = fitScalar(model, runs.flat(), options);
  const fits = bootstrapRuns(runs, (sample) => fitScalar(model, sample.flat(), options), options);
  return {
    fit,
    interval: percentileInterval(
      fits.map((f) => f.theta),
      options.level,
    ),
    unbracketed: fits.filter((f) => !f.bracketed).length,
  };
}
