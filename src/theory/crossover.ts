// The data/parameter crossover at large T (§4, Thm 5, Eq. 300).
//
// ## Notes
// With T ≫ D(log D)^{1+ε} every skill seen at least once is learned (one-shot learner), so the loss
// is set by D and N together. Eq. 300 is the leading term of E_D[L] for D = O(N^{α+1}); its two limits are
// the data law A_D·D^{−α/(α+1)} (N^{α+1} ≫ D) and the parameter law A_N·N^{−α} (N^{α+1} ≪ D). The
// finite-sum expectation it approximates is Eq. 274, `expectedDataLoss` in loss.ts.

import { type ModelConstants, withDefaults } from './constants.ts';
import { paramsPrefactor } from './prefactors.ts';
import { upperGamma } from './special.ts';
import { zipfNormaliser } from './zeta.ts';

/**
 * E_D[L] ≈ D^{−α/(α+1)}·(S − r)²Z^{−1/(α+1)}/(2(α+1))·Γ(α/(α+1), D/(N^{α+1}Z)) + A_N·N^{−α} (Thm 5,
 * Eq. 300) for D samples and N skills in the basis, A_N of Thm 1 (paramsPrefactor); N = Infinity gives the
 * data law. n_s = ∞: Z = ζ(α+1). A finite `skills` (n_s) puts the n_s-skill normaliser for ζ and ends the
 * sums at n_s: N is cut to n_s, and A_N carries (1 − (N/n_s)^α), so N = n_s is the finite-n_s data law.
 */
export function crossoverLoss(
  D: number,
  N: number,
  alpha: number,
  constants: Partial<ModelConstants> = {},
): number {
  const { S, r0, skills } = withDefaults(constants);
  const n = Math.min(N, skills);
  const z = zipfNormaliser(alpha, skills);
  const a = alpha / (alpha + 1);
  const seen =
    (((S - r0) ** 2 * z ** -(1 - a)) / (2 * (alpha + 1))) * upperGamma(a, D / (n ** (alpha + 1) * z));
  const absent =
    n === Number.POSITIVE_INFINITY ? 0 : paramsPrefactor(alpha, { S, skills, N: n }) * n ** -alpha;
  return D ** -a * seen + absent;
}
