import type { BackwardOrder } from '../../kernels/calls.ts';
import { PAD, roundUp } from './kernel-layout.ts';
import type { Split } from './protocol.ts';
import { type ControlFold, defaultFold, tablePlan } from './tables.ts';

/**
 * The kernel variants a network can run, the choices whose best value differs between CPUs (docs/trainer.md,
 * "Kernel variants"). Every variant computes the same step; they differ in the order of float additions, so a
 * run's bits (not its statistics) depend on the choice.
 */
export interface KernelChoice {
  /** Samples per fused forward/backward pass. */
  chunk: number;
  /** Task bits per partial-sum table (2^groupBits entries each). */
  groupBits: number;
  /** Which table holds the control row and the bias (src/nn/fast/tables.ts). */
  fold: ControlFold;
  /** The loop order of the one-hidden-layer backward pass (src/kernels/assembly/mlp.ts oneHiddenBackward). */
  backward: BackwardOrder;
  /** Hidden units per register block of the one-hidden-layer first layer (src/kernels/assembly/mlp.ts firstLayer). */
  forwardBlock: 16 | 32;
  /**
   * What two threads split (ignored on one): 'units', the hidden units of every sample, or 'samples', the
   * samples of each batch (docs/trainer.md, "Threads").
   */
  split: Split;
}

/** What the choice depends on: the network's size and how many threads run it. */
export interface NetworkShape {
  skills: number;
  bits: number;
  /** Hidden width (before padding). */
  width: number;
  depth: number;
  threads: 1 | 2;
}

/**
 * About 2^17 activations per pass and thread (a power of two in [64, 1024]): 128 samples at width 1000 on one
 * thread, 1024 at width 128, so activations stay in cache while a narrow network still makes few passes.
 */
export function defaultChunk(shape: NetworkShape, split: Split = DEFAULT_SPLIT): number {
  return chunkForColumns(columnsPerThread(shape, split));
}

/** The hidden units each thread runs: half of them when two threads split units, else all of them. */
function columnsPerThread(shape: NetworkShape, split: Split): number {
  const columns = roundUp(shape.width, PAD);
  return shape.threads === 2 && split === 'units' ? columns / 2 : columns;
}

/**
 * Two threads split samples by default: it beat splitting units in all three idle alternated comparisons
 * (widths 128, 512, 1000) and 11 of 12 loaded ones (docs/trainer.md, "Threads").
 */
export const DEFAULT_SPLIT: Split = 'samples';

/** About 2^17 activations per pass for `columns` hidden units on a thread (a power of two in [64, 1024]). */
export function chunkForColumns(columns: number): number {
  return 2 ** Math.min(10, Math.max(6, Math.round(Math.log2(2 ** 17 / columns))));
}

/** A thread's share of the partial-sum tables stays within this many bytes with the default table width. */
const TABLE_BYTES = 768 * 1024;

/**
 * The widest tables (4 to 8 bits a group) whose share per thread stays within TABLE_BYTES (4-bit tables if
 * none do): wider tables mean fewer rows per sample, until they no longer stay in the core's cache.
 */
export function defaultGroupBits(shape: NetworkShape, split: Split = DEFAULT_SPLIT): number {
  const rowBytes = columnsPerThread(shape, split) * 4;
  let best = 4;
  for (let bits = 5; bits <= Math.min(8, shape.bits); bits++) {
    const plan = tablePlan(shape.skills, shape.bits, bits, defaultFold(shape.skills, shape.bits, bits));
    if (plan.entries * rowBytes <= TABLE_BYTES) best = bits;
  }
  return best;
}

/**
 * A one-hidden-layer network with at least this many hidden units per thread gathers in its backward pass, by
 * default: 6–12 % faster than rows-outer at widths 512 and 1000, on one thread and two (alternated, 2-core
 * Sapphire Rapids class VM, docs/trainer.md); slower at width 128.
 */
const GATHER_COLUMNS = 512;

/**
 * The choice a network runs without a tuned one (`emergence tune`): what was fastest on a 2-core Sapphire
 * Rapids class host (docs/trainer.md): tables that stay in cache (defaultGroupBits), the control folded into the
 * last group's table while that stays small, about 2^17 activations a chunk and the rows-outer backward pass,
 * or for wide networks the gathering one with twice the chunk (it gains with more samples a chunk).
 */
export function defaultKernelChoice(shape: NetworkShape, split: Split = DEFAULT_SPLIT): KernelChoice {
  const groupBits = defaultGroupBits(shape, split);
  const gather = shape.depth === 2 && columnsPerThread(shape, split) >= GATHER_COLUMNS;
  return {
    split,
    chunk: defaultChunk(shape, split) * (gather ? 2 : 1),
    groupBits,
    fold: defaultFold(shape.skills, shape.bits, groupBits),
    backward: gather ? 'gather' : 'rows',
    forwardBlock: 16,
  };
}

/** `options` completed from the default choice for `shape`. */
export function resolveKernelChoice(shape: NetworkShape, options: Partial<KernelChoice> = {}): KernelChoice {
  const base = defaultKernelChoice(shape, options.split ?? DEFAULT_SPLIT);
  const groupBits = options.groupBits ?? base.groupBits;
  return {
    ...base,
    fold: defaultFold(shape.skills, shape.bits, groupBits),
    ...withoutUndefined(options),
    groupBits,
    chunk: roundUp(options.chunk ?? base.chunk, 4),
  };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
