// Scaling-law exponents (Table 4) and their prefactors for n_s → ∞ (§4, Table 4; App. K.4).
//
// ## Notes
// Every prefactor is in the paper's units: L ≈ A_T·T^{−α/(α+1)}, A_D·D^{−α/(α+1)}, A_N·N^{−α},
// A_c·C^{−α/(α+2)} with T the (un-rescaled) training time, C = T·N. ζ = ζ(α+1) unless `skills` is finite,
// in which case the finite normaliser Σ_{k≤n_s} k^{−(α+1)} replaces it everywhere (what the authors' plotting
// code does for A_D and A_N). Paper and code disagree on two prefactors; both are available:
// - A_D: Thm 5 (μ = 0) has (S − r)², the Fig. 2 caption's Eq. 324 has S² (`data: 'eq324'`).
// - A_N: Thm 1 has S²/(2αζ), K.4's Eq. 327 simplifies it to S²/2 via ζ(α+1) ≈ 1/α (`params: 'eq327'`).

import gamma from '@stdlib/math-base-special-gamma';
import { z } from 'zod';
import { oneOf, parseInput, positive } from '../config.ts';
import { invalid } from '../errors.ts';
import { gridBrentMinimise } from './minimise.ts';
import { skillLoss } from './multilinear.ts';
import { integratePowerWeighted } from './quadrature.ts';
import { zipfNormaliser } from './zeta.ts';

/** The model's constants (paper notation). */
export interface ModelConstants {
  /** Target scale S. Defaults to 1. */
  S?: number;
  /** Initial skill strength R_k(0) = r, 0 < r < S. Defaults to 0.01. */
  r0?: number;
  /** Learning rate η. Defaults to 1. */
  eta?: number;
  /** Number of skills n_s whose Zipf normaliser replaces ζ(α+1). Defaults to Infinity (the theorems). */
  skills?: number;
}

export interface PrefactorOptions extends ModelConstants {
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
export function skillLossIntegral(alpha: number, lower: number, S = 1, r0 = 0.01): number {
  if (lower === Number.POSITIVE_INFINITY) return 0;
  return integratePowerWeighted(
    (u) => skillLoss(u, S, r0),
    1 / (alpha + 1),
    lower,
    Number.POSITIVE_INFINITY,
    QUAD,
  ).value;
}

/**
 * A(λ) of Thm 4 (Eq. 238): L∞ ≈ A(λ)·(ηST)^{−α/(α+1)} when the model has N = λ·(ηST)^{1/(α+1)} skills;
 * λ = Infinity gives the time law.
 */
export function prefactorAtLambda(lambda: number, alpha: number, constants: ModelConstants = {}): number {
  const { S = 1, r0 = 0.01, skills = Number.POSITIVE_INFINITY } = constants;
  const z = zipfNormaliser(alpha, skills);
  const lower = lambda ** -(alpha + 1) / z;
  const learned = (z ** (-1 / (alpha + 1)) / (alpha + 1)) * skillLossIntegral(alpha, lower, S, r0);
  const unlearned = lambda === Number.POSITIVE_INFINITY ? 0 : ((S * S) / (2 * alpha * z)) * lambda ** -alpha;
  return learned + unlearned;
}

/**
 * I_α = ζ^{−1/(α+1)}/(α+1)·∫_0^∞ u^{−1/(α+1)}[1 + (S/r − 1)^{−1}e^{2u}]^{−2} du, the dimensionless
 * "time-law integral" the authors hard-code as 1.29, 1.20, 1.06 (α = 0.3, 0.6, 0.9; S = 1, r = 0.01).
 */
export function timeLawIntegral(alpha: number, constants: ModelConstants = {}): number {
  const { S = 1 } = constants;
  return prefactorAtLambda(Number.POSITIVE_INFINITY, alpha, constants) / ((S * S) / 2);
}

/** A_T = A(∞)·(ηS)^{−α/(α+1)} (Eq. 321): L ≈ A_T·T^{−α/(α+1)} for D, N → ∞. */
export function timePrefactor(alpha: number, constants: ModelConstants = {}): number {
  const { S = 1, eta = 1 } = constants;
  return prefactorAtLambda(Number.POSITIVE_INFINITY, alpha, constants) * (eta * S) ** (-alpha / (alpha + 1));
}

/** A_D = (S − r)²·ζ^{−1/(α+1)}·Γ(α/(α+1))/(2(α+1)) (Thm 5, μ = 0); `eq324` puts S² for (S − r)². */
export function dataPrefactor(
  alpha: number,
  constants: ModelConstants & Pick<PrefactorOptions, 'data'> = {},
): number {
  const { S = 1, r0 = 0.01, skills = Number.POSITIVE_INFINITY, data = 'theorem5' } = constants;
  const amplitude = data === 'eq324' ? S * S : (S - r0) ** 2;
  const z = zipfNormaliser(alpha, skills);
  return (amplitude * z ** (-1 / (alpha + 1)) * gamma(alpha / (alpha + 1))) / (2 * (alpha + 1));
}

/** A_N = S²/(2αζ(α+1)) (Thm 1); `eq327` gives the paper's simplified S²/2. */
export function paramsPrefactor(
  alpha: number,
  constants: ModelConstants & Pick<PrefactorOptions, 'params'> = {},
): number {
  const { S = 1, skills = Number.POSITIVE_INFINITY, params = 'theorem1' } = constants;
  if (params === 'eq327') return (S * S) / 2;
  return (S * S) / (2 * alpha * zipfNormaliser(alpha, skills));
}

/**
 * A_c = min_λ A(λ^{(α+2)/(α+1)})·λ^{α/(α+1)}·(ηS)^{−α/(α+2)} (Eq. 330, Cor. 5), with the minimising λ*:
 * the compute-optimal model has N = λ*·(ηSC)^{1/(α+2)} skills. Minimised over ln λ ∈ [−20, 10] by a
 * 61-point grid and Brent (the objective → ∞ at both ends).
 */
export function computePrefactor(
  alpha: number,
  constants: ModelConstants = {},
): { prefactor: number; lambda: number } {
  const { S = 1, eta = 1 } = constants;
  const objective = (logLambda: number): number =>
    prefactorAtLambda(Math.exp((logLambda * (alpha + 2)) / (alpha + 1)), alpha, constants) *
    Math.exp((logLambda * alpha) / (alpha + 1));
  const m = gridBrentMinimise(objective, -20, 10, { points: 61, tol: 1e-9 });
  return { prefactor: m.value * (eta * S) ** (-alpha / (alpha + 2)), lambda: Math.exp(m.x) };
}

/**
 * Prop. 7: ∫_Λ^∞ u^{−1/(α+1)}Φ_{S,r}(u) du ≈ [ln((S − r)/r)]^{α/(α+1)}·2^{1/(α+1)}·S²(α+1)/(4α) as r → 0
 * (Λ ≪ ln(S/r)); the relative error decays like 1/ln(S/r).
 */
export function skillLossIntegralSmallR(alpha: number, S = 1, r0 = 0.01): number {
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

/** zod fields for the model constants, shared by every public entry point that takes them. */
export const modelConstantsShape = {
  S: positive().default(1),
  r0: positive().default(0.01),
  eta: positive().default(1),
  // z.number() rejects Infinity (zod 4), which here means n_s = ∞.
  skills: z
    .custom<number>(
      (v) => typeof v === 'number' && (v === Number.POSITIVE_INFINITY || (Number.isInteger(v) && v >= 1)),
      { error: 'an integer ≥ 1 or Infinity (inf on the command line)' },
    )
    .default(Number.POSITIVE_INFINITY),
};

/** Throws unless 0 < r0 < S (the initial strength must lie below the target, Eq. 131). */
export function checkInitialStrength({ S, r0 }: { S: number; r0: number }): void {
  if (!(r0 < S)) throw invalid('r0', `< S = ${S}`, r0);
}

const prefactorSchema = z
  .object({
    alpha: positive(),
    ...modelConstantsShape,
    data: oneOf(['theorem5', 'eq324']).default('theorem5'),
    params: oneOf(['theorem1', 'eq327']).default('theorem1'),
  })
  .strict();

/**
 * Exponents and prefactors of the four scaling laws at Zipf exponent α + 1 (Table 4, Eqs. 321, 324, 327,
 * 330; see PrefactorOptions for the variants). Validates its input.
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
