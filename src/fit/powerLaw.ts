// Power laws y ≈ a·x^−b (+ c) fitted as Hoffmann et al. (2022, App. D.2) and, replicating them, Besiroglu et
// al. (2024, "Chinchilla Scaling: A replication attempt") recommend: the Huber loss of log residuals, summed
// (a mean shrinks the gradient below the optimiser's tolerance and stops it early), minimised by L-BFGS from a
// grid of starting points, keeping the best.
import { invalid } from '../errors.ts';
import { huber, huberDerivative } from './huber.ts';
import { lbfgs } from './lbfgs.ts';

export interface FitPoint {
  x: number;
  y: number;
}

export interface PowerLawOptions {
  /** Fit a·x^−b + c (true) or a·x^−b (false). Default false. */
  offset?: boolean;
  /** Huber δ on log residuals. Default 1e-3 (Hoffmann et al.). */
  delta?: number;
  /** How many of the best grid starts L-BFGS refines. Default 20. */
  refine?: number;
}

export interface PowerLawFit {
  a: number;
  b: number;
  /** 0 when fitted without offset. */
  c: number;
  /** Σ Huber_δ(log ŷ − log y) at the optimum. */
  loss: number;
  /** L-BFGS met its stopping test on the best start. */
  converged: boolean;
  /** L-BFGS iterations of the best start. */
  iterations: number;
}

/** a·x^−b + c. */
export function powerLaw(fit: Pick<PowerLawFit, 'a' | 'b' | 'c'>, x: number): number {
  return fit.a * x ** -fit.b + fit.c;
}

/**
 * The loss Σ Huber_δ(log(a·x^−b + c) − log y) and its gradient in θ = (log a, b[, log c]), with
 * log(a·x^−b + c) = logsumexp(log a − b·log x, log c) evaluated stably. The prediction is computed once per
 * distinct x (runs share their x: seeds of one sweep, evaluation steps), the Huber terms once per point.
 */
export function powerLawLoss(
  logX: Float64Array,
  logY: Float64Array,
  delta: number,
): (theta: Float64Array, grad: Float64Array) => number {
  const order = Array.from(logX.keys()).sort((p, q) => logX[p] - logX[q]);
  const distinctX: number[] = [];
  const groupEnd: number[] = [];
  const sortedY = new Float64Array(logY.length);
  order.forEach((k, i) => {
    if (i === 0 || logX[k] !== distinctX[distinctX.length - 1]) {
      if (i > 0) groupEnd.push(i);
      distinctX.push(logX[k]);
    }
    sortedY[i] = logY[k];
  });
  groupEnd.push(order.length);
  return (theta, grad) => {
    const offset = theta.length === 3;
    grad.fill(0);
    let loss = 0;
    let i = 0;
    for (let g = 0; g < distinctX.length; g++) {
      const u = theta[0] - theta[1] * distinctX[g];
      let prediction = u;
      let w = 1; // ∂ prediction/∂u; 1 − w is ∂ prediction/∂ log c
      if (offset) {
        const m = Math.max(u, theta[2]);
        const eu = Math.exp(u - m);
        const ec = Math.exp(theta[2] - m);
        prediction = m + Math.log(eu + ec);
        w = eu / (eu + ec);
      }
      let psi = 0; // Σ Huber′ over the points at this x
      for (; i < groupEnd[g]; i++) {
        const r = prediction - sortedY[i];
        loss += huber(r, delta);
        psi += huberDerivative(r, delta);
      }
      grad[0] += psi * w;
      grad[1] -= psi * w * distinctX[g];
      if (offset) grad[2] += psi * (1 - w);
    }
    return loss;
  };
}

/**
 * The best power law through `points` (x > 0, y > 0). Starts: b on a grid, log a at the value the data imply
 * for that b and four shifts of it, and with an offset c at six fractions of min y (180 starts; 30 without);
 * the `refine` lowest-loss starts are run to convergence.
 */
export function fitPowerLaw(points: readonly FitPoint[], options: PowerLawOptions = {}): PowerLawFit {
  const { offset = false, delta = 1e-3, refine = 20 } = options;
  if (!(delta > 0 && Number.isFinite(delta))) throw invalid('delta', 'a finite number > 0', delta);
  if (!(Number.isInteger(refine) && refine >= 1)) throw invalid('refine', 'an integer ≥ 1', refine);
  const { logX, logY } = logPoints(points, offset ? 3 : 2);
  const loss = powerLawLoss(logX, logY, delta);
  const grad = new Float64Array(offset ? 3 : 2);
  const starts = startGrid(logX, logY, offset)
    .map((theta) => ({ theta, value: loss(theta, grad) }))
    .filter((s) => Number.isFinite(s.value))
    .sort((p, q) => p.value - q.value)
    .slice(0, refine);
  let best: ReturnType<typeof lbfgs> | undefined;
  // A point pulls on θ with at most δ·|log x| (Huber's slope), or |r|·|log x| in the least-squares limit.
  const gradTol = 1e-9 * Math.min(delta, 1);
  for (const start of starts) {
    const r = lbfgs(loss, start.theta, { gradTol });
    if (best === undefined || r.value < best.value) best = r;
  }
  if (best === undefined) throw new Error('fitPowerLaw: no finite starting point');
  const [logA, b, logC] = best.x;
  return {
    a: Math.exp(logA),
    b,
    c: offset ? Math.exp(logC) : 0,
    loss: best.value,
    converged: best.converged,
    iterations: best.iterations,
  };
}

function logPoints(
  points: readonly FitPoint[],
  minDistinct: number,
): { logX: Float64Array; logY: Float64Array } {
  const logX = new Float64Array(points.length);
  const logY = new Float64Array(points.length);
  points.forEach(({ x, y }, i) => {
    if (!(x > 0 && Number.isFinite(x))) throw invalid(`points[${i}].x`, 'a finite number > 0', x);
    if (!(y > 0 && Number.isFinite(y))) throw invalid(`points[${i}].y`, 'a finite number > 0', y);
    logX[i] = Math.log(x);
    logY[i] = Math.log(y);
  });
  const distinct = new Set(logX).size;
  if (distinct < minDistinct) {
    throw invalid('points', `at least ${minDistinct} distinct x for this model`, distinct);
  }
  return { logX, logY };
}

const START_B = [-0.5, 0, 0.5, 1, 1.5, 2.5];
const START_SHIFT = [-2, -1, 0, 1, 2];
const START_C_FRACTION = [1e-3, 0.01, 0.1, 0.3, 0.6, 0.9];

/** Starting points scaled to the data, so the grid does not depend on the units of x or y. */
function startGrid(logX: Float64Array, logY: Float64Array, offset: boolean): Float64Array[] {
  const n = logX.length;
  const meanLogX = logX.reduce((s, v) => s + v, 0) / n;
  const meanLogY = logY.reduce((s, v) => s + v, 0) / n;
  const minLogY = logY.reduce((m, v) => Math.min(m, v), Number.POSITIVE_INFINITY);
  const starts: Float64Array[] = [];
  for (const b of START_B) {
    for (const shift of START_SHIFT) {
      const logA = meanLogY + b * meanLogX + shift;
      if (!offset) starts.push(Float64Array.of(logA, b));
      else for (const f of START_C_FRACTION) starts.push(Float64Array.of(logA, b, minLogY + Math.log(f)));
    }
  }
  return starts;
}
