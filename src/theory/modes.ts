// The "modes" toy of App. G (Fig. 8): a width-3 ReLU network on the 8 inputs of 3-bit parity whose weights are
// tied to four numbers α, β, γ, c; each hidden neuron is one mode. Its gradient flow in α², β², γ² and c
// (Eqs. 120–123) and the modes' strengths R^{(q)}/S.
//
// ## Notes
// Time T counts gradient-descent steps of size η on the mean squared error (1/8)·Σ_x (f(x) − y(x))², without
// the ½ (PyTorch's MSELoss, as the paper's networks are trained): then Eqs. 120 and 122 hold as printed up to
// their overall sign. Eqs. 121 and 123 as printed differ from this loss's gradient; the rates below are the
// gradient's (derived and checked against the network in docs/modes.md). While α, β, γ > 0 the ReLU pattern is
// fixed and the network's outputs on x = 000, 001, …, 111 are
//   f^{(α)} = −2α² at 010, f^{(β)} = β²·(1, 0, 2, 1, 0, 0, 1, 0), f^{(γ)} = γ² at 101, f = Σ_q f^{(q)} + c.

import { invalid } from '../errors.ts';
import { type OdeOptions, solveOde } from './ode.ts';

/** The four shared parameters of App. G: W = [[−α, α, −α], [−β, β, −β], [γ, −γ, γ]], b = [0, β, −γ], w = [−2α, β, γ], output bias c. */
export interface ModesParams {
  alpha: number;
  beta: number;
  gamma: number;
  c: number;
}

/** R^{(q)}/S of the three modes and their sum R/S. */
export interface ModeStrengths {
  alpha: number;
  beta: number;
  gamma: number;
  total: number;
}

/** Target scale S and the gradient-descent step η (time T in steps). */
export interface ModesConstants {
  S: number;
  eta: number;
}

/** The flow's state y = (α², β², γ², c) of the parameters θ. */
export function modesState({ alpha, beta, gamma, c }: ModesParams): Float64Array {
  return Float64Array.of(alpha * alpha, beta * beta, gamma * gamma, c);
}

/** dy/dT at y = (α², β², γ², c) (Eqs. 120–123, for the MSE loss; see Notes), written into `dy`. */
export function modesRate(y: ArrayLike<number>, dy: Float64Array, { S, eta }: ModesConstants): void {
  const [a, b, g, c] = [y[0], y[1], y[2], y[3]];
  dy[0] = 2 * eta * a * (S - (2 * a - 2 * b - c)); // Eq. 120: f(010) = −2α² + 2β² + c → −S
  dy[1] = eta * b * (S - (-4 * a + 7 * b + 5 * c)); // Eq. 121
  dy[2] = eta * g * (S - (g + c)); // Eq. 122: f(101) = γ² + c → S
  dy[3] = -(eta / 4) * (-2 * a + 5 * b + g + 8 * c); // Eq. 123: Σ_x f(x) → Σ_x y(x) = 0
}

/** R^{(q)}/S = yᵀf^{(q)}/(8S²) at y = (α², β², γ², c) (App. G): α²/(4S), β²/(8S), γ²/(8S); c adds nothing. */
export function modeStrengths(y: ArrayLike<number>, S: number): ModeStrengths {
  const alpha = y[0] / (4 * S);
  const beta = y[1] / (8 * S);
  const gamma = y[2] / (8 * S);
  return { alpha, beta, gamma, total: alpha + beta + gamma };
}

/**
 * The modes' strengths at each of `times` (non-decreasing, from 0), by integrating Eqs. 120–123 from the
 * parameters `initial` (α, β, γ > 0: the tied network's ReLU pattern the equations assume).
 */
export function modesFlow(
  times: readonly number[],
  initial: ModesParams,
  constants: ModesConstants,
  ode: OdeOptions = {},
): ModeStrengths[] {
  checkModes(initial, constants);
  if (times[0] !== 0) throw invalid('times[0]', '0', times[0]);
  const ys = solveOde((_t, y, dy) => modesRate(y, dy, constants), modesState(initial), times, ode);
  return ys.map((y) => modeStrengths(y, constants.S));
}

/** Throws a UsageError naming the field unless S, η > 0 and α, β, γ > 0 with c finite. */
function checkModes(initial: ModesParams, { S, eta }: ModesConstants): void {
  if (!(S > 0 && Number.isFinite(S))) throw invalid('S', 'a finite number > 0', S);
  if (!(eta > 0 && Number.isFinite(eta))) throw invalid('eta', 'a finite number > 0', eta);
  for (const key of ['alpha', 'beta', 'gamma'] as const) {
    const v = initial[key];
    if (!(v > 0 && Number.isFinite(v))) throw invalid(key, 'a finite number > 0 (App. G’s ReLU pattern)', v);
  }
  if (!Number.isFinite(initial.c)) throw invalid('c', 'a finite number', initial.c);
}
