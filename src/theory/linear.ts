// The linear model f = Σ_k w_k·g_k, the contrast of App. H: same scaling exponents, no delayed emergence.

/**
 * R_k(T)/S = w_k(T)/S = 1 − e^{−η·q·T} from w_k(0) = 0 (Eq. 125), q = d_k/D or P_s(k). It rises at once,
 * with no sigmoidal delay, and its rate does not involve S.
 */
export function linearSkillStrength(T: number, q: number, eta: number): number {
  // Eq. 125
  return -Math.expm1(-eta * q * T);
}
