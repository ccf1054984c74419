// Saxe et al.'s two-layer linear network (App. B.2, Eqs. 22–25): each SVD mode of the input–output
// correlation with singular value λ_k learns like one skill of the multilinear model with S = λ_k and q = 1.

import { skillStrength } from './multilinear.ts';

/**
 * a_k(t)·b_k(t)/λ_k = 1 / (1 + (λ_k/(a_k(0)b_k(0)) − 1)·e^{−2ηλ_k t}) (Eq. 25), for 0 < a_k(0)b_k(0) < λ_k.
 */
export function saxeModeStrength(t: number, lambda: number, initialProduct: number, eta: number): number {
  // Eq. 25 is Eq. 11 with S = λ_k, R_k(0) = a_k(0)b_k(0) and u = η·λ_k·t.
  return skillStrength(eta * lambda * t, lambda, initialProduct);
}
