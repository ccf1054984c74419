import type { BackwardOrder } from '../../kernels/calls.ts';
import { PAD, roundUp } from './kernel-layout.ts';
import { type ControlFold, defaultFold } from './tables.ts';

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
export function defaultChunk(shape: NetworkShape): number {
  const columns = roundUp(shape.width, PAD) / shape.threads;
  return 2 ** Math.min(10, Math.max(6, Math.round(Math.log2(2 ** 17 / columns))));
}

/**
 * The choice a network runs without a tuned one (`emergence tune`): the fastest measured on a 2-core Sapphire
 * Rapids host (docs/trainer.md). One thread: 7-bit tables; two threads 6-bit tables (each thread's half of the
 * smaller tables stays in its cache).
 */
export function defaultKernelChoice(shape: NetworkShape): KernelChoice {
  const groupBits = shape.threads === 2 ? 6 : 7;
  return {
    chunk: defaultChunk(shape),
    groupBits,
    fold: defaultFold(shape.skills, shape.bits, groupBits),
    backward: 'columns',
  };
}

/** `options` completed from the default choice for `shape`. */
export function resolveKernelChoice(shape: NetworkShape, options: Partial<KernelChoice> = {}): KernelChoice {
  const base = defaultKernelChoice(shape);
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
