// The extended models of §5 (App. F), each with one constant calibrated on an n_s = 1 network: time (κ = B²,
// Eq. 14), data (the D_c-shot learner, Eq. 17) and parameters (N_c basis functions per skill, Eq. 21).
// All return R_k/S; skill k is 1-based, arrays hold skill k at index k − 1.
//
// ## Notes
// The paper's fits: κ = 1/22 (η from the run: src/experiment/prediction.ts), D_c = 800, N_c = 4.
// [INF] Eq. 17 is the strength R whose single-skill loss ½(S − R)² equals Eq. 104's L_k(∞) = (S²/2)(1 −
// d_k/D_c). The converged model is the minimum-norm interpolant of the d_k samples in the D_c functions
// e_{k,l} (Prop. 1), whose own coefficient on g_k, E[g_k·f], is S·d_k/D_c on average: the interpolant also
// puts weight on directions orthogonal to g_k, which the loss counts and the correlation does not. The paper
// and the authors' code plot Eq. 17 against a network's measured correlation; `dataShotCorrelation` is the
// correlation reading. Eq. 21 needs no such caveat: there R_k/S = r/N_c is the correlation.

import type { Rng } from '../task/rng.ts';
import { effectiveRate, type ModelConstants, withDefaults } from './constants.ts';
import { skillStrength } from './multilinear.ts';
import { multinomialDraw } from './multinomial.ts';

/** The paper's fitted constants (Fig. 1, Fig. 11). */
export const FITTED = { rateScale: 1 / 22, Dc: 800, Nc: 4 } as const;

/** R_k(T)/S = 1/(1 + (S/R_k(0) − 1)·e^{−2ηκ·q·S·T}) (Eq. 14), the time-emergence curve. */
export function extendedTimeStrength(T: number, q: number, model: Partial<ModelConstants> = {}): number {
  const c = withDefaults(model);
  return skillStrength(effectiveRate(c) * q * c.S * T, c.S, c.r0);
}

/** R_k(∞)/S = 1 − √(1 − d_k/D_c) for d_k < D_c, 1 from d_k = D_c on (Eq. 17); d_k may be an expected count. */
export function dataShotStrength(dk: number, Dc: number): number {
  // Eq. 17
  return 1 - Math.sqrt(Math.max(0, 1 - dk / Dc));
}

/** L_k(∞) = (S²/2)·(1 − d_k/D_c), 0 from d_k = D_c on (Eq. 104). */
export function dataShotLoss(dk: number, Dc: number, S: number): number {
  // Eq. 104
  return ((S * S) / 2) * Math.max(0, 1 - dk / Dc);
}

/** E[g_k·f]/S = min(1, d_k/D_c) of the same converged D_c-shot model: the correlation reading (see Notes). */
export function dataShotCorrelation(dk: number, Dc: number): number {
  return Math.min(1, dk / Dc);
}

/**
 * R_k/S of the D_c-shot learner for every skill after D samples (Eq. 17): d_k = D·P_s(k), as the paper's
 * plot does, or, given `rng`, one draw d ~ Multinomial(D, P_s).
 */
export function dataEmergence(D: number, probs: ArrayLike<number>, Dc: number, rng?: Rng): Float64Array {
  const d = rng ? multinomialDraw(D, probs, rng) : Float64Array.from(probs, (p) => D * p);
  return d.map((dk) => dataShotStrength(dk, Dc));
}

/**
 * R_k(∞)/S for skill k (1-based) of a model with N basis functions, N_c per skill in frequency order
 * (Eq. 21): 1 for k < q, r/N_c for k = q, 0 beyond, with q = ⌊(N−1)/N_c⌋ + 1 and (q−1)·N_c + r = N.
 * q is computed as ⌈N/N_c⌉, the same for integers and, for a fitted N_c that is not one, still the skill
 * being filled (0 < r ≤ N_c): R_k/S = clip((N − (k−1)·N_c)/N_c, 0, 1).
 */
export function paramShotStrength(k: number, N: number, Nc: number): number {
  if (N === 0) return 0;
  // Eq. 21
  const q = Math.ceil(N / Nc);
  const r = N - (q - 1) * Nc;
  return k < q ? 1 : k === q ? r / Nc : 0;
}

/** R_k(∞)/S for skills k = 1..skills with N basis functions (Eq. 21). */
export function paramEmergence(N: number, skills: number, Nc: number): Float64Array {
  return Float64Array.from({ length: skills }, (_, i) => paramShotStrength(i + 1, N, Nc));
}
