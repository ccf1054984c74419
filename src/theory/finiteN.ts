// The finite-N correction to the time law (App. E.1, Eq. 56, Fig. 7).
//
// ## Notes
// With N learnable skills and N^{α+1} ≫ ηST, integrating Eq. 49 by parts leaves a boundary term at k = N:
// dL/dT ≈ −(α/(α+1))·(L + L_C)/T with L_C = S²·A·N^{−α}/(2α), A = 1/Σ_{k≤n_s} k^{−(α+1)} (Eq. 56). So
// L + L_C ∝ T^{−α/(α+1)}. The constant is fixed by the n_s = ∞ law: the N skills are the n_s = ∞ sum
// minus the unlearned ones beyond N, whose loss is ≈ L_C, so L ≈ A_T·T^{−α/(α+1)} − L_C with A_T (Eq. 321)
// taken at the same normaliser A. This matters for small α (N = 50,000, α = 0.1: N^{−α} ≈ 0.34).

import { DEFAULT_CONSTANTS, type ModelConstants, withDefaults } from './constants.ts';
import { timePrefactor } from './prefactors.ts';
import { zipfNormaliser } from './zeta.ts';

/** L_C = S²·A·N^{−α}/(2α) (Eq. 56), A the Zipf normaliser over n_s = `skills` skills (default n_s = N). */
export function finiteWidthOffset(
  alpha: number,
  N: number,
  { S = DEFAULT_CONSTANTS.S, skills = N } = {},
): number {
  return (S * S * N ** -alpha) / (2 * alpha * zipfNormaliser(alpha, skills));
}

/** Options of the finite-N time law: the model constants with the width N required (n_s defaults to N). */
export type FiniteWidthOptions = Partial<ModelConstants> & Pick<ModelConstants, 'N'>;

/** L(T) ≈ prefactor·T^{−exponent} − offset: the finite-N time law's three numbers. */
export interface FiniteWidthTimeLaw {
  /** A_T (Eq. 321) with ζ(α+1) replaced by the n_s-skill normaliser. */
  prefactor: number;
  /** α/(α+1). */
  exponent: number;
  /** L_C (Eq. 56). */
  offset: number;
}

/**
 * The finite-N time law L(T) ≈ A_T·T^{−α/(α+1)} − L_C (Eq. 56 integrated), valid past the first emergences
 * and for ηST ≪ N^{α+1}. Dropping the offset gives the plain power law (Fig. 7 dotted vs dashed).
 */
export function finiteWidthTimeLaw(alpha: number, options: FiniteWidthOptions): FiniteWidthTimeLaw {
  const { N, skills = N } = options;
  const { S } = withDefaults(options);
  return {
    prefactor: timePrefactor(alpha, { ...options, skills }),
    exponent: alpha / (alpha + 1),
    offset: finiteWidthOffset(alpha, N, { S, skills }),
  };
}

/** The finite-N time law at each of `times` (see finiteWidthTimeLaw). */
export function finiteWidthTimeCurve(
  times: ArrayLike<number>,
  alpha: number,
  options: FiniteWidthOptions,
): Float64Array {
  const { prefactor, exponent, offset } = finiteWidthTimeLaw(alpha, options);
  const out = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) out[i] = prefactor * times[i] ** -exponent - offset;
  return out;
}
