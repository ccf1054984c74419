// Special functions beyond zeta.ts, wrapped with the paper's argument order.

import gammainc from '@stdlib/math-base-special-gammainc';

/**
 * Γ(s, x) = ∫_x^∞ y^{s−1}e^{−y} dy, the unregularised upper incomplete gamma function, for s > 0, x ≥ 0
 * (Thm 5, Eq. 300). stdlib's gammainc takes (x, s), hence this wrapper. NaN outside the domain.
 */
export function upperGamma(s: number, x: number): number {
  return gammainc(x, s, false, true);
}
