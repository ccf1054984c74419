// The multilinear model's constants (§3): one type, the defaults stated once, and their validation.
//
// ## Notes
// Every theory function that needs a constant takes `Partial<ModelConstants>` and fills the gaps from
// DEFAULT_CONSTANTS, so S = 1, R_k(0) = 0.01, η = 1 (the paper's Fig. 2 setting) are written here only.
// What a function does with `N` and `skills` (n_s) is said at the function: the closed forms of Thms 1, 4, 5
// and Cor. 5 take n_s → ∞; a finite n_s puts Σ_{k≤n_s} k^{−(α+1)} in place of ζ(α+1) and ends every sum
// over skills at n_s.

import { z } from 'zod';
import { positive } from '../config.ts';
import { invalid } from '../errors.ts';

/** The model's constants in the paper's notation. */
export interface ModelConstants {
  /** Target scale S > 0 (Eq. 4). */
  S: number;
  /** Initial skill strength R_k(0) = r0, the same for every skill, 0 < r0 < S. */
  r0: number;
  /** Learning rate η > 0 of the gradient flow (Eq. 11); time T is in the same unit. */
  eta: number;
  /**
   * κ = B² of the extended model (Eq. 14), multiplying every rate: the dynamics run at η·κ. 1 is the plain
   * model; the paper fits 1/22 to its network.
   */
  rateScale: number;
  /** Number of basis functions N (Eq. 9): skills k > N are absent and keep R_k = 0. Infinity: every skill. */
  N: number;
  /** Number of skills n_s (Eq. 1): an integer ≥ 1, or Infinity (the theorems' n_s → ∞). */
  skills: number;
}

/** S = 1, R_k(0) = 0.01, η = 1, κ = 1, every skill in the basis, n_s = ∞. */
export const DEFAULT_CONSTANTS: Readonly<ModelConstants> = Object.freeze({
  S: 1,
  r0: 0.01,
  eta: 1,
  rateScale: 1,
  N: Number.POSITIVE_INFINITY,
  skills: Number.POSITIVE_INFINITY,
});

/** The given constants with DEFAULT_CONSTANTS for the rest (no validation: see checkScales). */
export function withDefaults<T extends Partial<ModelConstants>>(constants: T): ModelConstants & T {
  const full = { ...DEFAULT_CONSTANTS, ...constants };
  // An explicit `undefined` (an optional flag not given) means the default too.
  for (const key of Object.keys(DEFAULT_CONSTANTS) as (keyof ModelConstants)[]) {
    if (full[key] === undefined) full[key] = DEFAULT_CONSTANTS[key];
  }
  return full as ModelConstants & T;
}

/**
 * Throws a UsageError naming the field unless S > 0, 0 < r0 < S, η > 0 and κ > 0 (each checked when
 * present): the one validation of the model's scales that every public entry point of the dynamics shares.
 */
export function checkScales({
  S,
  r0,
  eta,
  rateScale,
}: Pick<ModelConstants, 'S'> & Partial<ModelConstants>): void {
  if (!(S > 0 && Number.isFinite(S))) throw invalid('S', 'a finite number > 0', S);
  if (r0 !== undefined && !(r0 > 0 && r0 < S)) throw invalid('r0', `in (0, S) = (0, ${S})`, r0);
  if (eta !== undefined && !(eta > 0 && Number.isFinite(eta)))
    throw invalid('eta', 'a finite number > 0', eta);
  if (rateScale !== undefined && !(rateScale > 0 && Number.isFinite(rateScale))) {
    throw invalid('rateScale', 'a finite number > 0', rateScale);
  }
}

/** η·κ: the learning rate the dynamics run at (Eq. 14; κ = 1 for the plain model). */
export function effectiveRate({ eta, rateScale }: Pick<ModelConstants, 'eta' | 'rateScale'>): number {
  return eta * rateScale;
}

/** zod fields for the constants, defaults from DEFAULT_CONSTANTS, for entry points that parse their input. */
export const modelConstantsShape = {
  S: positive().default(DEFAULT_CONSTANTS.S),
  r0: positive().default(DEFAULT_CONSTANTS.r0),
  eta: positive().default(DEFAULT_CONSTANTS.eta),
  rateScale: positive().default(DEFAULT_CONSTANTS.rateScale),
  // z.number() rejects Infinity (zod 4), which here means n_s = ∞.
  skills: z
    .custom<number>(
      (v) => typeof v === 'number' && (v === Number.POSITIVE_INFINITY || (Number.isInteger(v) && v >= 1)),
      { error: 'an integer ≥ 1 or Infinity (inf on the command line)' },
    )
    .default(DEFAULT_CONSTANTS.skills),
};

/** Throws unless r0 < S (the initial strength must lie below the target, Eq. 131), after zod checked r0 > 0. */
export function checkInitialStrength({ S, r0 }: Pick<ModelConstants, 'S' | 'r0'>): void {
  if (!(r0 < S)) throw invalid('r0', `< S = ${S}`, r0);
}
