// Exact binomial and multinomial draws for finite training sets: d ~ Multinomial(D, P_s), the skill counts
// d_k of D i.i.d. samples (§4.2), without drawing the D samples themselves.
//
// ## Notes
// Binomial(n, p): inversion (sequential search from 0, one uniform) while n·min(p, 1−p) < 10, else
// Hörmann's BTRS transformed rejection with squeeze (W. Hörmann, "The generation of binomial random
// variates", J. Statist. Comput. Simul. 46, 1993), whose cost does not grow with n. Both are exact; p > ½
// is drawn as n − Binomial(n, 1 − p).
// Multinomial by sequential conditional binomials d_k ~ Binomial(n − Σ_{j<k} d_j, P_k / Σ_{j≥k} P_j), the
// conditional masses taken from tail sums (not 1 − a running sum, which cancels); it stops as soon as all n
// samples are placed, so D ≪ n_s costs O(n_s) additions and O(D) binomial draws at most.

import gammaln from '@stdlib/math-base-special-gammaln';
import type { Rng } from '../task/rng.ts';

const INVERSION_LIMIT = 10;

/** A Binomial(n, p) count for integer n ≥ 0 and p in [0, 1] (NaN outside that domain). */
export function binomialDraw(n: number, p: number, rng: Rng): number {
  if (!(Number.isInteger(n) && n >= 0 && p >= 0 && p <= 1)) return Number.NaN;
  if (p > 0.5) return n - binomialDraw(n, 1 - p, rng);
  if (n === 0 || p === 0) return 0;
  return n * p < INVERSION_LIMIT ? inversion(n, p, rng) : btrs(n, p, rng);
}

/** Walks the pmf from k = 0 until the uniform is used up; mean n·p < 10 steps. */
function inversion(n: number, p: number, rng: Rng): number {
  const odds = p / (1 - p);
  let pmf = Math.exp(n * Math.log1p(-p));
  let u = rng.uniform();
  let k = 0;
  // Rounding can leave u > 0 after the whole pmf; k = n is then the only consistent answer.
  while (u >= pmf && k < n) {
    u -= pmf;
    pmf *= (odds * (n - k)) / (k + 1);
    k++;
  }
  return k;
}

/** Hörmann's BTRS for n·p ≥ 10, p ≤ ½ (acceptance ≈ 0.9 or better per pair of uniforms). */
function btrs(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = gammaln(m + 1) + gammaln(n - m + 1);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const lv = Math.log((v * alpha) / (a / (us * us) + b));
    if (lv <= h - gammaln(k + 1) - gammaln(n - k + 1) + (k - m) * lpq) return k;
  }
}

/**
 * Counts d ~ Multinomial(n, probs) (probs ≥ 0 summing to 1; index k − 1 is skill k), into `out`. Integer
 * valued doubles, so n up to 2^53 is fine.
 */
export function multinomialDraw(
  n: number,
  probs: ArrayLike<number>,
  rng: Rng,
  out: Float64Array = new Float64Array(probs.length),
): Float64Array {
  const tail = new Float64Array(probs.length + 1);
  for (let k = probs.length - 1; k >= 0; k--) tail[k] = tail[k + 1] + probs[k];
  out.fill(0);
  let left = n;
  for (let k = 0; k < probs.length && left > 0; k++) {
    // The last skill of positive mass has conditional probability exactly 1, so every sample is placed.
    const d = tail[k] > 0 ? binomialDraw(left, Math.min(1, probs[k] / tail[k]), rng) : 0;
    out[k] = d;
    left -= d;
  }
  return out;
}

/** q_k = d_k/D for one training set of D ≥ 1 samples, d ~ Multinomial(D, probs): the rates of Eq. 11. */
export function sampledRates(D: number, probs: ArrayLike<number>, rng: Rng): Float64Array {
  const d = multinomialDraw(D, probs, rng);
  for (let k = 0; k < d.length; k++) d[k] /= D;
  return d;
}
