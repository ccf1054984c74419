import { z } from 'zod';
import { finite, integer, oneOf, parseInput, positive } from '../config.ts';
import { UsageError } from '../errors.ts';
import { binomial } from './masks.ts';

/** The largest n_b supported (bits are packed into 32-bit words; 2^16 is far past any use in the paper). */
export const MAX_BITS = 65536;
/** The largest n_s supported by the samplers (the theory engine takes larger n_s on its own). */
export const MAX_SKILLS = 1_000_000;

/**
 * A multitask sparse parity task (§2, Eq. 1; App. B.1). Defaults are the paper's NN setting (K.1):
 * n_s = 5, n_b = 32, m = 3, α = 0.6, S = 5, disjoint masks, ±S targets.
 */
export const TaskSpecSchema = z
  .object({
    /** n_s: number of skills (one-hot control bits). */
    skills: integer(1, MAX_SKILLS).default(5),
    /** n_b: number of random task bits. */
    bits: integer(1, MAX_BITS).default(32),
    /** m: relevant bits per skill (the parity's arity). */
    m: integer(1, 64).default(3),
    /** α: P_s(k) ∝ k^-(α+1) (paper convention; the authors' and Michaud's `alpha` is α + 1). */
    alpha: finite().default(0.6),
    /** zipf (Eq. 1) or uniform skill frequencies. */
    distribution: oneOf(['zipf', 'uniform']).default('zipf'),
    /** S: target scale, y = ±S (Eq. 4). */
    S: positive().default(5),
    /** disjoint (authors' code) or overlapping-but-distinct (Michaud et al.) skill bit sets. */
    masks: oneOf(['disjoint', 'overlapping']).default('disjoint'),
    /** pm: y = +S for even parity, −S for odd (g_k of Eq. 2); binary: y = parity ∈ {0, 1} (Michaud). */
    labels: oneOf(['pm', 'binary']).default('pm'),
  })
  .strict();

export type TaskSpec = z.output<typeof TaskSpecSchema>;
export type TaskSpecInput = z.input<typeof TaskSpecSchema>;

/** Validates a task spec, filling defaults; throws UsageError naming the field at fault. */
export function parseTaskSpec(input: unknown, prefix = ''): TaskSpec {
  const spec = parseInput(TaskSpecSchema, input ?? {}, prefix);
  const { skills, bits, m } = spec;
  if (m > bits) {
    throw new UsageError(`${prefix}m must be ≤ bits = ${bits} (got ${m})`);
  }
  if (spec.masks === 'disjoint' && m * skills > bits) {
    throw new UsageError(
      `${prefix}bits must be ≥ m·skills = ${m * skills} for disjoint masks (got ${bits}); use masks "overlapping" or more bits`,
    );
  }
  if (spec.masks === 'overlapping' && binomial(bits, m) < skills) {
    throw new UsageError(
      `${prefix}skills must be ≤ C(bits, m) = ${binomial(bits, m)} for distinct overlapping masks (got ${skills})`,
    );
  }
  return spec;
}
