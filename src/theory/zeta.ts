// Riemann and Hurwitz zeta functions and the Zipf normaliser A^{-1} = Σ_{k≤n_s} k^{-(α+1)} (Eq. 1).
//
// ## Notes
// Finite and infinite sums share one Euler–Maclaurin remainder: 12 direct terms, then the integral, the
// half end terms and 9 Bernoulli corrections B_{2j}/(2j)!·(s)_{2j−1}·x^{−s−2j+1}. At x ≥ 12 the first
// omitted correction is below 1e-20 relative for 0 < s ≤ 20, so the result is limited by rounding (~1e-15).

import riemannZeta from '@stdlib/math-base-special-riemann-zeta';

const DIRECT_TERMS = 12;

/** B_{2j}/(2j)! for j = 1..9. */
const BERNOULLI_OVER_FACTORIAL = [
  1 / 6 / 2,
  -1 / 30 / 24,
  1 / 42 / 720,
  -1 / 30 / 40320,
  5 / 66 / 3628800,
  -691 / 2730 / 479001600,
  7 / 6 / 87178291200,
  -3617 / 510 / 20922789888000,
  43867 / 798 / 6402373705728000,
];

/** ζ(s) = Σ_{k≥1} k^{-s} for real s > 1 (stdlib; NaN at the pole s = 1). */
export function zeta(s: number): number {
  return riemannZeta(s);
}

/** Σ_j B_{2j}/(2j)!·s(s+1)…(s+2j−2)·x^{−s−2j+1}: the Euler–Maclaurin derivative terms at x. */
function bernoulliTail(s: number, x: number): number {
  const invX2 = 1 / (x * x);
  let power = x ** (-s - 1);
  let poch = s;
  let sum = 0;
  for (let j = 0; j < BERNOULLI_OVER_FACTORIAL.length; j++) {
    sum += BERNOULLI_OVER_FACTORIAL[j] * poch * power;
    poch *= (s + 2 * j + 1) * (s + 2 * j + 2);
    power *= invX2;
  }
  return sum;
}

/**
 * Σ_{k=0}^{count−1} (a + k)^{-s} for a > 0 and integer count ≥ 0, or count = Infinity when s > 1. Short
 * sums are added directly from the smallest term; long ones take 12 terms directly and Euler–Maclaurin over
 * the rest, so finite sums need no ζ(s) − ζ(s, n+1) difference (which loses digits as s → 1).
 */
export function shiftedPowerSum(s: number, a: number, count: number): number {
  const infinite = count === Number.POSITIVE_INFINITY;
  if (!(a > 0) || !Number.isFinite(a) || !Number.isFinite(s) || (infinite ? !(s > 1) : !(s > 0))) {
    return Number.NaN;
  }
  if (!infinite && !(Number.isInteger(count) && count >= 0)) return Number.NaN;
  if (!infinite && count <= 4 * DIRECT_TERMS) {
    let sum = 0;
    for (let k = count - 1; k >= 0; k--) sum += (a + k) ** -s;
    return sum;
  }
  let head = 0;
  for (let k = DIRECT_TERMS - 1; k >= 0; k--) head += (a + k) ** -s;
  const x = a + DIRECT_TERMS;
  if (infinite) return head + x ** (1 - s) / (s - 1) + x ** -s / 2 + bernoulliTail(s, x);
  const last = a + count - 1;
  const ends = (x ** -s + last ** -s) / 2 + bernoulliTail(s, x) - bernoulliTail(s, last);
  return head + powerIntegral(s, x, last) + ends;
}

/** ζ(s, a) = Σ_{k≥0} (k + a)^{-s} for s > 1, a > 0 (Euler–Maclaurin; NaN outside that domain). */
export function hurwitzZeta(s: number, a: number): number {
  return shiftedPowerSum(s, a, Number.POSITIVE_INFINITY);
}

/** ∫_m^n x^{-s} dx, written with expm1 so s → 1 (log) and n ≫ m lose no digits. */
function powerIntegral(s: number, m: number, n: number): number {
  const logRatio = Math.log(n / m);
  const t = (1 - s) * logRatio;
  return m ** (1 - s) * logRatio * (t === 0 ? 1 : Math.expm1(t) / t);
}

/** Σ_{k=1}^{n} k^{-s} for s > 0 and integer n ≥ 0; n = Infinity gives ζ(s) (s > 1). */
export function powerSum(s: number, n: number): number {
  return n === Number.POSITIVE_INFINITY ? zeta(s) : shiftedPowerSum(s, 1, n);
}

/**
 * A^{-1} = Σ_{k≤n_s} k^{-(α+1)}, the Zipf normaliser of Eq. 1; `skills = Infinity` gives ζ(α+1).
 * Needs α > 0 for infinitely many skills, α > −1 otherwise.
 */
export function zipfNormaliser(alpha: number, skills: number): number {
  return powerSum(alpha + 1, skills);
}
