// An adaptive Runge–Kutta integrator for the independent (non-closed-form) routes of simulate.ts.
//
// ## Notes
// Dormand–Prince 5(4) (J. R. Dormand, P. J. Prince, J. Comput. Appl. Math. 6, 1980; the tableau of Hairer,
// Nørsett & Wanner, "Solving ODEs I", Table 5.2): the 5th-order solution is propagated, the embedded 4th-order
// one only estimates the local error. A step is accepted when the RMS over components of
// err_i / (atol + rtol·max(|y_i|, |y_i,new|)) is ≤ 1; the next step is h·clamp(0.9·err^{-1/5}, 0.2, 5).
// Steps are shortened to land exactly on each requested output time, so no interpolant is involved.

/** dy = f(t, y), written into `dy` (no allocation per call). */
export type OdeRhs = (t: number, y: Float64Array, dy: Float64Array) => void;

export interface OdeOptions {
  /** Relative tolerance per step (default 1e-10). */
  rtol?: number;
  /** Absolute tolerance per step (default 1e-12). */
  atol?: number;
  /** Give up after this many attempted steps (default 1e6). */
  maxSteps?: number;
}

const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1];
const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
/** 5th-order weights minus the embedded 4th-order ones: the local error estimate. */
const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40];

/**
 * Integrates y' = f(t, y) with y(times[0]) = y0 and returns copies of y at every entry of `times`
 * (non-decreasing). Throws if the step budget runs out (a stiff or blowing-up system).
 */
export function solveOde(
  f: OdeRhs,
  y0: ArrayLike<number>,
  times: ArrayLike<number>,
  { rtol = 1e-10, atol = 1e-12, maxSteps = 1e6 }: OdeOptions = {},
): Float64Array[] {
  const n = y0.length;
  const y = Float64Array.from(y0);
  const yNew = new Float64Array(n);
  const stage = new Float64Array(n);
  const k = Array.from({ length: 7 }, () => new Float64Array(n));
  const out: Float64Array[] = [];
  let t = times[0];
  f(t, y, k[0]);
  let h = initialStep(y, k[0], times, rtol, atol);
  let steps = 0;
  for (let i = 0; i < times.length; i++) {
    const target = times[i];
    if (!(target >= t)) throw new RangeError(`times must be non-decreasing (got ${target} after ${t})`);
    while (t < target) {
      if (++steps > maxSteps) throw new Error(`solveOde: more than ${maxSteps} steps before t = ${target}`);
      const last = t + h >= target;
      const step = last ? target - t : h;
      for (let s = 1; s < 7; s++) {
        for (let j = 0; j < n; j++) {
          let acc = y[j];
          for (let m = 0; m < s; m++) acc += step * A[s][m] * k[m][j];
          stage[j] = acc;
        }
        f(t + C[s] * step, stage, k[s]);
      }
      // Stage 7 is evaluated at the 5th-order solution itself (FSAL), so `stage` now holds y_{n+1}.
      yNew.set(stage);
      let errSq = 0;
      for (let j = 0; j < n; j++) {
        let e = 0;
        for (let m = 0; m < 7; m++) e += E[m] * k[m][j];
        const scale = atol + rtol * Math.max(Math.abs(y[j]), Math.abs(yNew[j]));
        errSq += ((step * e) / scale) ** 2;
      }
      const err = Math.sqrt(errSq / n);
      // A NaN error (the trial step blew up) shrinks the step like a large one.
      const factor = Number.isNaN(err) ? 0.2 : err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** -0.2));
      if (err <= 1) {
        t = last ? target : t + step;
        y.set(yNew);
        k[0].set(k[6]);
        // A step shortened to hit an output time says nothing about the size the next one may take.
        if (!last) h = step * factor;
      } else {
        h = step * factor;
      }
    }
    out.push(Float64Array.from(y));
  }
  return out;
}

/** A first step whose Euler increment is ~1% of the tolerance-scaled state (Hairer et al. II.4, simplified). */
function initialStep(
  y: Float64Array,
  dy: Float64Array,
  times: ArrayLike<number>,
  rtol: number,
  atol: number,
): number {
  let d0 = 0;
  let d1 = 0;
  for (let j = 0; j < y.length; j++) {
    const scale = atol + rtol * Math.abs(y[j]);
    d0 += (y[j] / scale) ** 2;
    d1 += (dy[j] / scale) ** 2;
  }
  const span = times[times.length - 1] - times[0];
  const h = d1 > 0 && d0 > 0 ? 0.01 * Math.sqrt(d0 / d1) : 1e-6;
  return span > 0 ? Math.min(h, span) : h;
}
