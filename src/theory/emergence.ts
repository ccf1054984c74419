// Emergence and saturation times of the multilinear model (App. D, Eqs. 40–41), and the same crossing read
// off a measured trajectory.
//
// ## Notes
// The rate of skill k is 2·η·κ·q_k·S, with q_k = P_s(k) (or d_k/D) and κ the extended model's B² (Eq. 14;
// κ = 1 is the plain model). A network run's η, S, r0 and κ come from its config in
// src/experiment/prediction.ts (`runTheory`; docs/run-to-theory.md).
// Every time is ∝ 1/(κ·q_k) ∝ k^{α+1} for Zipf skills.

import { invalid } from '../errors.ts';
import { checkScales, effectiveRate, type ModelConstants, withDefaults } from './constants.ts';

/** 1/(2ηκ·q·S), the time unit of a skill of frequency q, after checking the constants. */
function timeUnit(q: number, model: Partial<ModelConstants>): number {
  const c = withDefaults(model);
  checkScales(c);
  if (!(q >= 0 && q <= 1)) throw invalid('q', 'a frequency in [0, 1]', q);
  return 1 / (2 * effectiveRate(c) * q * c.S);
}

/**
 * τ^{(e)}(ε): the time at which R_k/S reaches ε (Eq. 40), for a skill of frequency q and 0 < ε < 1.
 * Negative when r0/S > ε already; Infinity for q = 0 (a skill never seen is never learned).
 */
export function emergenceTime(q: number, epsilon: number, model: Partial<ModelConstants> = {}): number {
  if (!(epsilon > 0 && epsilon < 1)) throw invalid('epsilon', 'in (0, 1)', epsilon);
  // Eq. 40
  const { S, r0 } = withDefaults(model);
  return timeUnit(q, model) * Math.log((S / r0 - 1) / (1 / epsilon - 1));
}

/** τ^{(s)}(ε): the time R_k/S takes from ε to 1 − ε (Eq. 40), 0 < ε < ½; Infinity for q = 0. */
export function saturationTime(q: number, epsilon: number, model: Partial<ModelConstants> = {}): number {
  if (!(epsilon > 0 && epsilon < 0.5)) throw invalid('epsilon', 'in (0, ½)', epsilon);
  // Eq. 40
  return 2 * timeUnit(q, model) * Math.log(1 / epsilon - 1);
}

/**
 * Stage-like training (Eq. 41): every skill saturates before the next one emerges,
 * τ_k^{(s)}(ε) < τ_{k+1}^{(e)}(ε) − τ_k^{(e)}(ε) for k = 1..n−1 (probs at index k − 1).
 */
export function isStageLike(
  probs: ArrayLike<number>,
  epsilon: number,
  model: Partial<ModelConstants> = {},
): boolean {
  for (let k = 0; k + 1 < probs.length; k++) {
    const gap = emergenceTime(probs[k + 1], epsilon, model) - emergenceTime(probs[k], epsilon, model);
    if (!(saturationTime(probs[k], epsilon, model) < gap)) return false;
  }
  return true;
}

/**
 * The first time a sampled curve reaches `level`, linearly interpolated between the two samples that
 * bracket it; NaN if it never does. For emergence read off a simulation or a network's R_k/S.
 */
export function crossingTime(times: ArrayLike<number>, values: ArrayLike<number>, level: number): number {
  if (times.length > 0 && values[0] >= level) return times[0];
  for (let i = 1; i < times.length; i++) {
    if (values[i] >= level) {
      const w = (level - values[i - 1]) / (values[i] - values[i - 1]);
      return times[i - 1] + w * (times[i] - times[i - 1]);
    }
  }
  return Number.NaN;
}
