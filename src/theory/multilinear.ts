// The multilinear model's per-skill solution (§3, Eq. 11). Everything is written in the
// dimensionless time u = η·q·S·T, where q = d_k/D (or P_s(k) as D → ∞), so one function serves time, data
// and compute laws alike.

/** R_k/S = 1 / (1 + (S/R_k(0) − 1)·e^{−2u}) at u = η·q·S·T (Eq. 11). */
export function skillStrength(u: number, S: number, r0: number): number {
  return 1 / (1 + (S / r0 - 1) * Math.exp(-2 * u));
}

/**
 * Φ_{S,r}(u) = (S²/2)·[1 + (S/r − 1)^{-1}·e^{2u}]^{-2}, the skill loss L_k = ½(S − R_k)² at u (Eq. 11, 237).
 * Written so that e^{2u} overflowing to ∞ gives 0, not NaN.
 */
export function skillLoss(u: number, S: number, r0: number): number {
  const d = 1 + Math.exp(2 * u) / (S / r0 - 1);
  return (S * S) / 2 / (d * d);
}
