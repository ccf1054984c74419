// Scaling-law exponents (Table 4) and their prefactors (§4; Thms 1, 4, 5, Cor. 5; App. K.4).
//
// ## Notes
// Every prefactor is in the paper's units: L ≈ A_T·T^{−α/(α+1)}, A_D·D^{−α/(α+1)}, A_N·N^{−α},
// A_c·C^{−α/(α+2)} with T the (un-rescaled) training time, C = T·N, and η·κ for η (κ = 1 unless given).
// Number of skills n_s, said once for the file:
// - A(λ) (Thm 4), its time-law integral and A_c (Cor. 5) take n_s → ∞, as the theorems do, and so does
//   `scalingPrefactors` (Table 4): they have no `skills`. A finite n_s would make A(λ) depend on T through
//   n_s/(ηST)^{1/(α+1)}, so no T-free prefactor exists.
// - A_T, A_D and A_N take a finite `skills` the way every sum that ends at n_s needs it: the normaliser
//   Z = Σ_{k≤n_s} k^{−(α+1)} in place of ζ(α+1) (Prop. 5: Z = ζ − n_s^{−α}/α + …), and A_N Thm 1's
//   (1 − γ^α), γ = N/n_s, the skills beyond n_s that do not exist. The finite-n_s time and data laws are no
//   pure powers: A_T·T^{−α/(α+1)} − L_C (Eq. 56 with N = n_s, finiteN.ts) and Eq. 300 at N = n_s
//   (crossover.ts), whose Γ(α/(α+1), D/(n_s^{α+1}Z)) carries the end of the sum. Fig. 2 draws them.
// Paper and code disagree on two prefactors; both are available:
// - A_D: Thm 5 (μ = 0) has (S − r)², the Fig. 2 caption's Eq. 324 has S² (`data: 'eq324'`).
// - A_N: Thm 1 has S²/(2αζ), K.4's Eq. 327 simplifies it to S²/2 via ζ(α+1) ≈ 1/α (`params: 'eq327'`).

import gamma from '@stdlib/math-base-special-gamma';
import { z } from 'zod';
import { oneOf, parseInput, positive } from '../config.ts';
import { invalid } from '../errors.ts';
import {
  checkInitialStrength,
  DEFAULT_CONSTANTS,
  effectiveRate,
  type ModelConstants,
  modelConstantsShape,
  withDefaults,
} from './constants.ts';
import { gridBrentMinimise } from './minimise.ts';
import { skillLoss } from './multilinear.ts';
import { integratePowerWeighted } from './quadrature.ts';
import { zipfNormaliser } from './zeta.ts';

/** The constants of the n_s → ∞ closed forms (Thm 4, Cor. 5): no `skills`, no `N`. */
export type InfiniteSkillConstants = Partial<Omit<ModelConstants, 'skills' | 'N'>>;

export interface PrefactorOptions extends InfiniteSkillConstants {
  /** A_D variant: `theorem5` uses (S − r)² (default), `eq324` the S² of the Fig. 2 caption. */
  data?: 'theorem5' | 'eq324';
  /** A_N variant: `theorem1` is S²/(2αζ(α+1)) (default), `eq327` the simplified S²/2 of K.4. */
  params?: 'theorem1' | 'eq327';
}

export interface ScalingLaws {
  /** Loss exponents as positive numbers: L ∝ X^{−exponent}. */
  exponents: { time: number; data: number; params: number; compute: number };
  /** A_T, A_D, A_N, A_c in L ≈ A·X^{−exponent}. */
  prefactors: { time: number; data: number; params: number; compute: number };
}

/** Time, data, parameter and compute exponents of Table 4, as positive numbers. */
export function scalingExponents(alpha: number): ScalingLaws['exponents'] {
  return {
    time: alpha / (alpha + 1),
    data: alpha / (alpha + 1),
    params: alpha,
    compute: alpha / (alpha + 2),
  };
}

const QUAD = { relTol: 1e-12 };

/** ∫_Λ^∞ u^{−1/(α+1)}·Φ_{S,r}(u) du, the integral of Eq. 238 (Φ includes the S²/2). */
export function skillLossIntegral(
  alpha: number,
  lower: number,
  S = DEFAULT_CONSTANTS.S,
  r0 = DEFAULT_CONSTANTS.r0,
): number {
  if (lower === Number.POSITIVE_INFINITY) return 0;
  return integratePowerWeighted(
    (u) => skillLoss(u, S, r0),
    1 / (alpha + 1),
    lower,
    Number.POSITIVE_INFINITY,
    QUAD,
  ).value;
}

/** Z^{−1/(α+1)}/(α+1)·∫_{λ^{−(α+1)}/Z}^∞ u^{−1/(α+1)}Φ_{S,r}(u) du: the learned skills' part of Eq. 238. */
function learnedPart(lambda: number, alpha: number, normaliser: number, S: number, r0: number): number {
  const lower = lambda ** -(alpha + 1) / normaliser;
  return (normaliser ** (-1 / (alpha + 1)) / (alpha + 1)) * skillLossIntegral(alpha, lower, S, r0);
}

/**
 * A(λ) of Thm 4 (Eq. 238, n_s = ∞): L∞ ≈ A(λ)·(ηST)^{−α/(α+1)} when the model has N = λ·(ηST)^{1/(α+1)}
 * skills; λ = Infinity gives the time law. The unlearned term S²λ^{−α}/(2αζ) is Thm 1's A_N·λ^{−α}.
 */
export function prefactorAtLambda(
  lambda: number,
  alpha: number,
  constants: InfiniteSkillConstants = {},
): number {
  const { S, r0 } = withDefaults(constants);
  const learned = learnedPart(lambda, alpha, zipfNormaliser(alpha, Number.POSITIVE_INFINITY), S, r0);
  return lambda === Number.POSITIVE_INFINITY
    ? learned
    : learned + paramsPrefactor(alpha, { S }) * lambda ** -alpha;
}

/**
 * I_α = ζ^{−1/(α+1)}/(α+1)·∫_0^∞ u^{−1/(α+1)}[1 + (S/r − 1)^{−1}e^{2u}]^{−2} du (n_s = ∞), the dimensionless
 * "time-law integral" the authors hard-code as 1.29, 1.20, 1.06 (α = 0.3, 0.6, 0.9; S = 1, r = 0.01).
 */
export function timeLawIntegral(alpha: number, constants: InfiniteSkillConstants = {}): number {
  const { S } = withDefaults(constants);
  return prefactorAtLambda(Number.POSITIVE_INFINITY, alpha, constants) / ((S * S) / 2);
}

/**
 * A_T = A(∞)·(ηS)^{−α/(α+1)} (Eq. 321): L ≈ A_T·T^{−α/(α+1)} for D, N → ∞. A finite `skills` puts the
 * n_s-skill normaliser for ζ(α+1): the prefactor of the finite-n_s law A_T·T^{−α/(α+1)} − L_C (Eq. 56).
 */
export function timePrefactor(alpha: number, constants: Partial<ModelConstants> = {}): number {
  const c = withDefaults(constants);
  const learned = learnedPart(Number.POSITIVE_INFINITY, alpha, zipfNormaliser(alpha, c.skills), c.S, c.r0);
  return learned * (effectiveRate(c) * c.S) ** (-alpha / (alpha + 1));
}

/**
 * A_D = (S − r)²·Z^{−1/(α+1)}·Γ(α/(α+1))/(2(α+1)) (Thm 5, μ = 0), Z = ζ(α+1) or the n_s-skill normaliser;
 * `eq324` puts S² for (S − r)².
 */
export function dataPrefactor(
  alpha: number,
  constants: Partial<ModelConstants> & Pick<PrefactorOptions, 'data'> = {},
): number {
  const { S, r0, skills } = withDefaults(constants);
  const amplitude = constants.data === 'eq324' ? S * S : (S - r0) ** 2;
  const normaliser = zipfNormaliser(alpha, skills);
  return (amplitude * normaliser ** (-1 / (alpha + 1)) * gamma(alpha / (alpha + 1))) / (2 * (alpha + 1));
}

/**
 * A_N = S²·(1 − γ^α)/(2αZ) (Thm 1), γ = N/n_s: L ≈ A_N·N^{−α} for T, D → ∞. With n_s = ∞, γ = 0 and
 * Z = ζ(α+1); a finite `skills` needs the width N (≤ n_s) and puts the n_s-skill normaliser for ζ, so
 * A_N·N^{−α} = S²(N^{−α} − n_s^{−α})/(2αZ), Eq. 325's sum to leading order. `eq327` gives the paper's
 * simplified S²/2 (n_s = ∞).
 */
export function paramsPrefactor(
  alpha: number,
  constants: Partial<ModelConstants> & Pick<PrefactorOptions, 'params'> = {},
): number {
  const { S, N, skills } = withDefaults(constants);
  if (constants.params === 'eq327') return (S * S) / 2;
  if (skills === Number.POSITIVE_INFINITY) return (S * S) / (2 * alpha * zipfNormaliser(alpha, skills));
  if (!(N >= 0 && N <= skills))
    throw invalid('N', `a width in [0, skills = ${skills}] when skills is finite`, N);
  return (S * S * (1 - (N / skills) ** alpha)) / (2 * alpha * zipfNormaliser(alpha, skills));
}

/**
 * A_c = min_λ A(λ^{(α+2)/(α+1)})·λ^{α/(α+1)}·(ηS)^{−α/(α+2)} (Eq. 330, Cor. 5, n_s = ∞), with the minimising
 * λ*: the compute-optimal model has N = λ*·(ηSC)^{1/(α+2)} skills. Minimised over ln λ ∈ [−20, 10] by a
 * 61-point grid and Brent (the objective → ∞ at both ends).
 */
export function computePrefactor(
  alpha: number,
  constants: InfiniteSkillConstants = {},
): { prefactor: number; lambda: number } {
  const c = withDefaults(constants);
  const objective = (logLambda: number): number =>
    prefactorAtLambda(Math.exp((logLambda * (alpha + 2)) / (alpha + 1)), alpha, constants) *
    Math.exp((logLambda * alpha) / (alpha + 1));
  const m = gridBrentMinimise(objective, -20, 10, { points: 61, tol: 1e-9 });
  return { prefactor: m.value * (effectiveRate(c) * c.S) ** (-alpha / (alpha + 2)), lambda: Math.exp(m.x) };
}

/**
 * Prop. 7: ∫_Λ^∞ u^{−1/(α+1)}Φ_{S,r}(u) du ≈ [ln((S − r)/r)]^{α/(α+1)}·2^{1/(α+1)}·S²(α+1)/(4α) as r → 0
 * (Λ ≪ ln(S/r)); the relative error decays like 1/ln(S/r).
 */
export function skillLossIntegralSmallR(
  alpha: number,
  S = DEFAULT_CONSTANTS.S,
  r0 = DEFAULT_CONSTANTS.r0,
): number {
  return (
    Math.log((S - r0) / r0) ** (alpha / (alpha + 1)) *
    2 ** (1 / (alpha + 1)) *
    ((S * S * (alpha + 1)) / (4 * alpha))
  );
}

/** κ of the time-law lower bound E_D[L] ≥ κS²(ηST)^{−α/(α+1)} (Thm 3, Eq. 229). */
export function timeLowerBoundConstant(alpha: number): number {
  const a = alpha / (alpha + 1);
  return (zipfNormaliser(alpha, Number.POSITIVE_INFINITY) ** (a - 1) * (4 ** -a - 8 ** -a)) / (20 * alpha);
}

const { S, r0, eta, rateScale } = modelConstantsShape;
const prefactorSchema = z
  .object({
    alpha: positive(),
    S,
    r0,
    eta,
    rateScale,
    data: oneOf(['theorem5', 'eq324']).default('theorem5'),
    params: oneOf(['theorem1', 'eq327']).default('theorem1'),
  })
  .strict();

/**
 * Exponents and prefactors of the four scaling laws at Zipf exponent α + 1 and n_s = ∞ (Table 4, Eqs. 321,
 * 324, 327, 330; see PrefactorOptions for the variants). Validates its input.
 */
export function scalingPrefactors(alpha: number, options: PrefactorOptions = {}): ScalingLaws {
  const o = parseInput(prefactorSchema, { alpha, ...options });
  checkInitialStrength(o);
  return {
    exponents: scalingExponents(o.alpha),
    prefactors: {
      time: timePrefactor(o.alpha, o),
      data: dataPrefactor(o.alpha, o),
      params: paramsPrefactor(o.alpha, o),
      compute: computePrefactor(o.alpha, o).prefactor,
    },
  };
}
