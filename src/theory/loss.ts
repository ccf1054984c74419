// Total loss of the multilinear model (Eq. 12) and its T → ∞ limits behind the data and parameter laws
// (Eqs. 274, 322, 325).
//
// ## Notes
// Skill k (1-based, as in the paper) lives at index k − 1 of every array.
// Eq. 12 mixes two distributions, so the model carries two arrays: skill k is *learned* at the rate
// q_k = d_k/D of the training sample (Eq. 11) but *weighted* in the test loss by P_s(k). With D → ∞ both are
// P_s(k) (leave `rates` out); for a finite sample pass rates = d/D (multinomial.ts `sampledRates`). The
// training loss L^{(D)} of Eq. 11 (left) is the same formula with probs = rates.
// Sums run from the rarest skill to the commonest, so the many small tail terms are added first.

import { invalid } from '../errors.ts';
import { zipfProbs } from '../task/zipf.ts';
import {
  checkScales,
  DEFAULT_CONSTANTS,
  effectiveRate,
  type ModelConstants,
  withDefaults,
} from './constants.ts';
import { skillLoss, skillStrength } from './multilinear.ts';
import { powerSum, shiftedPowerSum, zipfNormaliser } from './zeta.ts';

/**
 * The skills as Eq. 12 sees them; the model's constants (S, r0, η, κ, N) come with them as
 * `Partial<ModelConstants>`.
 */
export interface SkillFrequencies {
  /** P_s(k) at index k − 1: the weight of skill k in the loss. */
  probs: Float64Array;
  /** q_k = d_k/D at index k − 1: the rate at which skill k is learned (Eq. 11). Default: probs (D → ∞). */
  rates?: Float64Array;
  /**
   * Σ P_s(k) over skills beyond the arrays, which are all outside the basis: how n_s = ∞ is truncated
   * (see `truncatedZipf`). Default 0.
   */
  tailMass?: number;
}

/** A loss model: the skills and the constants; N = Infinity (the default) puts every listed skill in the basis. */
type LossInput = SkillFrequencies & Partial<ModelConstants>;

/** The skills in the basis and (2/S²)·(the loss of every skill k > N), validated, defaults filled in. */
interface Basis {
  probs: Float64Array;
  rates: Float64Array;
  N: number;
  tail: number;
}

function basis({ probs, rates = probs, tailMass = 0, N = DEFAULT_CONSTANTS.N }: LossInput): Basis {
  if (rates.length !== probs.length) throw invalid('rates', `of length ${probs.length}`, rates.length);
  if (!(tailMass >= 0 && tailMass <= 1)) throw invalid('tailMass', 'in [0, 1]', tailMass);
  if (!(Number.isInteger(N) || N === Number.POSITIVE_INFINITY) || N < 0) {
    throw invalid('N', 'an integer ≥ 0', N);
  }
  if (Number.isFinite(N) && N > probs.length && tailMass > 0) {
    throw invalid('N', `≤ ${probs.length} (the listed skills) when tailMass > 0`, N);
  }
  const n = Math.min(N, probs.length);
  return { probs, rates, N: n, tail: sumFrom(probs, n) + tailMass };
}

/** Constants with defaults, checked, and the basis. */
function prepare(model: LossInput): { c: ModelConstants; p: Basis } {
  const c = withDefaults(model);
  checkScales(c);
  return { c, p: basis(model) };
}

/** Σ_{i ≥ from} values[i], smallest (last) first. */
function sumFrom(values: Float64Array, from: number): number {
  let sum = 0;
  for (let i = values.length - 1; i >= from; i--) sum += values[i];
  return sum;
}

/** Σ_{k≤N} P_s(k)·Φ_{S,r}(η·q_k·S·T) + (S²/2)·(Σ_{k>N} P_s(k)): the inner loop, no allocation. */
function lossAt(T: number, { c, p }: { c: ModelConstants; p: Basis }): number {
  const { S, r0 } = c;
  const { probs, rates, N, tail } = p;
  const scale = effectiveRate(c) * S * T;
  let sum = 0;
  for (let k = N - 1; k >= 0; k--) {
    // q_k = 0 (an unseen skill) stays at r0 even at T = ∞, where scale·q_k would be NaN.
    const u = rates[k] > 0 ? scale * rates[k] : 0;
    sum += probs[k] * skillLoss(u, S, r0);
  }
  return sum + ((S * S) / 2) * tail;
}

/**
 * L(T) of the multilinear model trained for time T from R_k(0) = r0 (Eq. 12; gradient flow, η·T in the
 * same units as Eq. 11). T = Infinity gives the converged loss of that sample: 0 for seen skills k ≤ N,
 * (S − r0)²/2 for unseen ones, S²/2 beyond N.
 */
export function totalLoss(T: number, model: LossInput): number {
  return lossAt(T, prepare(model));
}

/**
 * L(T) at many times (Eq. 12), into `out` (allocated if not given). Validation and the tail beyond N are
 * done once; the loop over times and skills allocates nothing.
 */
export function totalLossCurve(
  times: ArrayLike<number>,
  model: LossInput,
  out: Float64Array = new Float64Array(times.length),
): Float64Array {
  const prepared = prepare(model);
  for (let i = 0; i < times.length; i++) out[i] = lossAt(times[i], prepared);
  return out;
}

/** R_k(T)/S for every listed skill at time T (Eq. 11); 0 for skills k > N (absent from the basis). */
export function skillStrengths(
  T: number,
  model: LossInput,
  out: Float64Array = new Float64Array(model.probs.length),
): Float64Array {
  const { c, p } = prepare(model);
  const scale = effectiveRate(c) * c.S * T;
  for (let k = 0; k < out.length; k++) {
    out[k] = k < p.N ? skillStrength(p.rates[k] > 0 ? scale * p.rates[k] : 0, c.S, c.r0) : 0;
  }
  return out;
}

/**
 * L = Σ_k P_s(k)·½(S − R_k)² from skill strengths R_k/S (Eqs. 6, 10): the loss of any model whose output on
 * skill k is R_k·g_k (multilinear, linear), e.g. a simulated one. Strengths and probs share indices.
 */
export function lossOfStrengths(strengths: ArrayLike<number>, probs: ArrayLike<number>, S: number): number {
  let sum = 0;
  for (let k = probs.length - 1; k >= 0; k--) sum += probs[k] * (1 - strengths[k]) ** 2;
  return ((S * S) / 2) * sum;
}

/**
 * E_D[L(∞)] = ((S−r)²/2)·Σ_{k≤N} P_s(k)(1−P_s(k))^D + (S²/2)·Σ_{k>N} P_s(k) (Eq. 274): T → ∞, so each
 * skill k ≤ N is learned iff seen at least once in D samples (a one-shot learner).
 */
export function expectedDataLoss(D: number, model: Omit<LossInput, 'rates'>): number {
  return expectedDataLossCurve([D], model)[0];
}

/** expectedDataLoss at many D at once: log(1 − P_s(k)) is computed once per skill, not once per D. */
export function expectedDataLossCurve(
  Ds: ArrayLike<number>,
  model: Omit<LossInput, 'rates'>,
  out: Float64Array = new Float64Array(Ds.length),
): Float64Array {
  for (let i = 0; i < Ds.length; i++) {
    if (!(Ds[i] >= 0 && Number.isInteger(Ds[i]))) throw invalid('D', 'an integer ≥ 0', Ds[i]);
  }
  const { S, r0 } = withDefaults(model);
  checkScales({ S, r0 });
  const { probs, N, tail } = basis(model);
  // (1 − P)^D through log1p: P ≈ 1e-9 would lose half its digits in 1 − P.
  const logMiss = Float64Array.from({ length: N }, (_, k) => Math.log1p(-probs[k]));
  for (let i = 0; i < Ds.length; i++) {
    const D = Ds[i];
    let unseen = 0;
    for (let k = N - 1; k >= 0; k--) unseen += D === 0 ? probs[k] : probs[k] * Math.exp(D * logMiss[k]);
    out[i] = ((S - r0) ** 2 / 2) * unseen + ((S * S) / 2) * tail;
  }
  return out;
}

/** L = (S²/2)·Σ_{k>N} P_s(k) (Eq. 325): T, D → ∞, so exactly the skills k ≤ N are learned. */
export function parameterLoss(N: number, model: Omit<LossInput, 'rates' | 'N'>): number {
  const { S } = withDefaults(model);
  checkScales({ S });
  return ((S * S) / 2) * basis({ ...model, N }).tail;
}

/**
 * Σ_{k>N} P_s(k) for the Zipf law of Eq. 1 with n_s skills (`Infinity` allowed, then α > 0):
 * ζ(α+1, N+1)/ζ(α+1) for n_s = ∞, else the finite sum Σ_{N<k≤n_s} k^-(α+1) over the normaliser.
 */
export function zipfTailMass(alpha: number, skills: number, N: number): number {
  const s = alpha + 1;
  if (N >= skills) return 0;
  // Euler–Maclaurin past the first terms (exact to ~1e-13), so n_s = 2·10⁶ costs microseconds, not a loop.
  const tail = s > 0 ? shiftedPowerSum(s, N + 1, skills - N) : skills - N; // s = 0: uniform skills
  return tail / zipfNormaliser(alpha, skills);
}

/**
 * The first `count` Zipf probabilities P_s(1..count) and the mass of the rest, for a loss model over n_s
 * skills (`Infinity` allowed, then α > 0): n_s = ∞ made finite without dropping any loss.
 */
export function truncatedZipf(
  alpha: number,
  skills: number,
  count: number,
): { probs: Float64Array; tailMass: number } {
  const n = Math.min(count, skills);
  // P_s(k) over n_s skills is P_s(k) over the first n times Σ_{k≤n} k^{−(α+1)} / Σ_{k≤n_s} k^{−(α+1)}.
  const probs = zipfProbs(n, alpha);
  const share = n === skills ? 1 : powerSum(alpha + 1, n) / zipfNormaliser(alpha, skills);
  for (let k = 0; k < n; k++) probs[k] *= share;
  return { probs, tailMass: zipfTailMass(alpha, skills, n) };
}
