// The independent routes to the closed forms: integrate the gradient flow of Lemma 1 numerically, or run the
// discrete gradient descent of §3.4, on the parameters (a, b) themselves rather than on R_k.
//
// ## Notes
// The model is f = Σ_{k≤N} a_k·b_k·g_k (Eq. 9) trained on L^{(D)} = (1/2)·Σ_k q_k·(S − a_k·b_k)² (Eq. 11,
// left) with q_k = d_k/D, or P_s(k) as D → ∞; skills k > N are absent. Both routes start from the paper's
// balanced initialisation a_k(0) = b_k(0) = √r0, so R_k(0) = r0. One step of gradient descent is one unit of
// time: step n of `simulateGradientDescent` is the Euler approximation of the flow at T = n, with O(η) error
// at fixed η·T. Skill strengths are returned as R_k/S, index k − 1, 0 for k > N.

import { invalid } from '../errors.ts';
import { checkScales, effectiveRate, type ModelConstants, withDefaults } from './constants.ts';
import { type OdeOptions, solveOde } from './ode.ts';

/** What the simulations need: rates q_k = d_k/D (or P_s(k)) at index k − 1, and the model's constants. */
export type SimulationInput = { rates: Float64Array } & Partial<ModelConstants>;

/** The constants with defaults, checked (r0 only if the model has one), and the number of skills in the basis. */
function prepare(model: SimulationInput, hasR0 = true): ModelConstants & { n: number } {
  const c = withDefaults(model);
  checkScales(hasR0 ? c : { ...c, r0: undefined });
  const { N } = c;
  if (!((Number.isInteger(N) || N === Number.POSITIVE_INFINITY) && N >= 0)) {
    throw invalid('N', 'an integer ≥ 0', N);
  }
  return { ...c, n: Math.min(N, model.rates.length) };
}

/** R_k/S from the first n products a_k·b_k (the state [a_1..a_n, b_1..b_n]); zeros beyond. */
function strengthsOf(y: Float64Array, n: number, size: number, S: number): Float64Array {
  const R = new Float64Array(size);
  for (let k = 0; k < n; k++) R[k] = (y[k] * y[n + k]) / S;
  return R;
}

/**
 * R_k(T)/S at each of `times` (non-decreasing, from 0) by integrating the gradient flow of Lemma 1,
 * da_k/dt = −η·q_k·b_k·(a_k·b_k − S), db_k/dt = −η·q_k·a_k·(a_k·b_k − S), for all skills at once with the
 * adaptive Dormand–Prince integrator (default rtol 1e-12, atol 1e-14).
 */
export function simulateFlow(
  model: SimulationInput,
  times: ArrayLike<number>,
  opts?: OdeOptions,
): Float64Array[] {
  const c = prepare(model);
  const { n, S } = c;
  const { rates } = model;
  const eta = effectiveRate(c);
  const flow = (_t: number, y: Float64Array, dy: Float64Array) => {
    for (let k = 0; k < n; k++) {
      const a = y[k];
      const b = y[n + k];
      const residual = eta * rates[k] * (S - a * b);
      dy[k] = residual * b;
      dy[n + k] = residual * a;
    }
  };
  const y0 = new Float64Array(2 * n).fill(Math.sqrt(c.r0));
  const states = solveOde(flow, y0, withStart(times), { rtol: 1e-12, atol: 1e-14, ...opts });
  return states.slice(1).map((y) => strengthsOf(y, n, rates.length, S));
}

/**
 * R_k/S after each of `steps` (non-decreasing integers) steps of gradient descent on L^{(D)} (§3.4):
 * a_k ← a_k + η·q_k·b_k·(S − a_k·b_k), b_k ← b_k + η·q_k·a_k·(S − a_k·b_k), both from the old values.
 */
export function simulateGradientDescent(model: SimulationInput, steps: ArrayLike<number>): Float64Array[] {
  const c = prepare(model);
  const { n, S } = c;
  const { rates } = model;
  const eta = effectiveRate(c);
  const a = new Float64Array(n).fill(Math.sqrt(c.r0));
  const b = Float64Array.from(a);
  const out: Float64Array[] = [];
  let done = 0;
  for (let i = 0; i < steps.length; i++) {
    if (!(Number.isInteger(steps[i]) && steps[i] >= done)) {
      throw invalid('steps', 'non-decreasing integers ≥ 0', steps[i]);
    }
    for (; done < steps[i]; done++) {
      for (let k = 0; k < n; k++) {
        const residual = eta * rates[k] * (S - a[k] * b[k]);
        const ak = a[k];
        a[k] += residual * b[k];
        b[k] += residual * ak;
      }
    }
    const R = new Float64Array(rates.length);
    for (let k = 0; k < n; k++) R[k] = (a[k] * b[k]) / S;
    out.push(R);
  }
  return out;
}

/**
 * w_k(T)/S of the linear model f = Σ_{k≤N} w_k·g_k (App. H) at each of `times`, by integrating its gradient
 * flow dw_k/dt = η·q_k·(S − w_k) from w_k(0) = 0 (Eq. 124).
 */
export function simulateLinearFlow(
  model: Omit<SimulationInput, 'r0'>,
  times: ArrayLike<number>,
  opts?: OdeOptions,
): Float64Array[] {
  const c = prepare(model, false);
  const { n, S } = c;
  const { rates } = model;
  const eta = effectiveRate(c);
  const flow = (_t: number, w: Float64Array, dw: Float64Array) => {
    for (let k = 0; k < n; k++) dw[k] = eta * rates[k] * (S - w[k]);
  };
  const states = solveOde(flow, new Float64Array(n), withStart(times), { rtol: 1e-12, atol: 1e-14, ...opts });
  return states.slice(1).map((w) => {
    const R = new Float64Array(rates.length);
    for (let k = 0; k < n; k++) R[k] = w[k] / S;
    return R;
  });
}

/** [0, ...times]: the integrators start at T = 0. */
function withStart(times: ArrayLike<number>): Float64Array {
  const t = new Float64Array(times.length + 1);
  t.set(Array.from(times), 1);
  return t;
}
