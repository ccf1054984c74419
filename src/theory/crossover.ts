// The data/parameter crossover at large T (§4, Thm 5, Eq. 300).
//
// ## Notes
// With T ≫ D(log D)^{1+ε} every skill seen at least once is learned (one-shot learner), so the loss
// is set by D and N together. Eq. 300 is the leading term of E_D[L] for D = O(N^{α+1}); its two limits are
// the data law A_D·D^{−α/(α+1)} (N^{α+1} ≫ D) and the parameter law A_N·N^{−α} (N^{α+1} ≪ D). The
// finite-sum expectation it approximates is Eq. 274, `expectedDataLoss` in loss.ts.

import type { ModelConstants } from './prefactors.ts';
import { upperGamma } from './special.ts';
import { zipfNormaliser } from './zeta.ts';

/**
 * E_D[L] ≈ D^{−α/(α+1)}·[(S − r)²ζ^{−1/(α+1)}/(2(α+1))·Γ(α/(α+1), D/(N^{α+1}ζ)) +
 * S²(D/N^{α+1})^{α/(α+1)}/(2αζ)] (Thm 5, Eq. 300) for D samples and N skills in the basis; N = Infinity
 * gives the data law. ζ = ζ(α+1), or the n_s-skill normaliser if `skills` is finite.
 */
export function crossoverLoss(D: number, N: number, alpha: number, constants: ModelConstants = {}): number {
  const { S = 1, r0 = 0.01, skills = Number.POSITIVE_INFINITY } = constants;
  const z = zipfNormaliser(alpha, skills);
  const a = alpha / (alpha + 1);
  const ratio = D / N ** (alpha + 1);
  const seen = (((S - r0) ** 2 * z ** -(1 - a)) / (2 * (alpha + 1))) * upperGamma(a, ratio / z);
  const absent = (S * S * ratio ** a) / (2 * alpha * z);
  return D ** -a * (seen + absent);
}
