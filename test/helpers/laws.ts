// The scaling-law constants by routes of their own, for tests whose other reference is a rounded number
// quoted from the paper: direct sums over Zipf skills (n_s = ∞) and plain Simpson quadrature, sharing no code
// with src/theory beyond the Riemann ζ (stdlib).

import riemannZeta from '@stdlib/math-base-special-riemann-zeta';

/** Composite Simpson rule over [a, b] with `n` (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/**
 * I_α = ζ(α+1)^{−1/(α+1)}/(α+1)·∫_0^∞ u^{−1/(α+1)}[1 + (S/r − 1)^{−1}e^{2u}]^{−2} du (Eq. 321 over S²/2).
 * u = t^q with q = (α+1)/α turns u^{−1/(α+1)} du into q dt, leaving a smooth integrand; it is below 1e-40
 * past u = 30.
 */
export function timeLawIntegralBySimpson(alpha: number, S = 1, r0 = 0.01): number {
  const q = (alpha + 1) / alpha;
  const c = 1 / (S / r0 - 1);
  const phi = (t: number) => (1 + c * Math.exp(2 * t ** q)) ** -2;
  const integral = q * simpson(phi, 0, 30 ** (1 / q), 20_000);
  return (riemannZeta(alpha + 1) ** (-1 / (alpha + 1)) / (alpha + 1)) * integral;
}

/**
 * Σ_k P_s(k)(1 − P_s(k))^D for n_s = ∞ (Eq. 322 over S²/2): term by term until D·P_s(k) < 1e-4, then the
 * remaining mass, whose (1 − P_s)^D differs from 1 by less than 1e-4.
 */
export function unseenMassBySum(alpha: number, D: number): number {
  const z = riemannZeta(alpha + 1);
  let head = 0;
  let unseen = 0;
  for (let k = 1; ; k++) {
    const p = k ** -(alpha + 1) / z;
    head += p;
    unseen += p * Math.exp(D * Math.log1p(-p));
    if (D * p < 1e-4) return unseen + (1 - head);
  }
}

/** Σ_{k>N} P_s(k) for n_s = ∞ (Eq. 325 over S²/2): 1 minus the first N terms, added directly. */
export function tailMassBySum(alpha: number, N: number): number {
  const z = riemannZeta(alpha + 1);
  let head = 0;
  for (let k = N; k >= 1; k--) head += k ** -(alpha + 1);
  return 1 - head / z;
}
