import { loadKernels } from '../kernels/node.ts';
import type { ModelSpec } from '../nn/config.ts';
import { type KernelChoice, resolveKernelChoice } from '../nn/fast/kernel-choice.ts';
import { FastNetwork } from '../nn/fast/network.ts';
import { createThreadedNetwork } from '../nn/fast/threads.ts';
import type { ParamLayout } from '../nn/layout.ts';
import type { CompactBatch } from '../task/batch.ts';
import { batchLabels, batchParities } from '../task/labels.ts';
import type { Task } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import type { Forward } from './evaluation.ts';
import { type KernelData, kernelData } from './kernel-data.ts';
import { cachedChoice, tuningShape } from './kernel-wisdom.ts';

/** What a run needs of a network (FastNetwork on one core, a ThreadedNetwork on two). */
export interface Network extends Forward {
  readonly ref: ParamLayout;
  steps: number;
  trainStep(batch: CompactBatch, targets: Float32Array, lr: number): number;
  setParams(params: ArrayLike<number>): void;
  getParams(): Float32Array;
  getMoments(): Float32Array[];
  setMoments(moments: ArrayLike<number>[]): void;
  /** Bytes of kernel memory in use (parameters, tables, activations, batches). */
  readonly memoryBytes: number;
  close?(): Promise<void>;
}

/**
 * The kernel variants a network ran and where they came from: `emergence tune`'s cache for this CPU and shape,
 * the default choice for the shape, or given (a resumed run keeps its checkpoint's; the tuner passes its own).
 */
export interface KernelChoiceRecord {
  choice: KernelChoice;
  source: 'cache' | 'default' | 'given';
}

/** A network ready to train, the kernel build that loaded, its batch feed and its kernel variants. */
export interface OpenNetwork {
  net: Network;
  flavour: string;
  feed: KernelData;
  kernelChoice: KernelChoiceRecord;
}

/**
 * The network `config` asks for, on the kernel build it asks for, running kernel variants `choice` if given,
 * else the cached choice for its shape, else the default; `flavour` is the build that loaded, and `feed` draws
 * batches and targets into the same kernel memory.
 */
export async function openNetwork(
  task: Task,
  config: RunConfig,
  choice?: Partial<KernelChoice>,
): Promise<OpenNetwork> {
  const kernels = await loadKernels(config.kernels);
  const { skills, bits } = task.spec;
  const shape = tuningShape(config, kernels.flavour);
  const cached = choice ? null : cachedChoice(shape);
  const source = choice ? 'given' : cached ? 'cache' : 'default';
  // A split the run config names wins over the cached or default one.
  const options = resolveKernelChoice(shape, {
    ...(choice ?? cached ?? {}),
    ...(config.split ? { split: config.split } : {}),
  });
  const net: Network =
    config.threads === 2
      ? await createThreadedNetwork(kernels, skills, bits, config.model, config.optimizer, options)
      : new FastNetwork(kernels, skills, bits, config.model, config.optimizer, options);
  return {
    net,
    flavour: kernels.flavour,
    feed: kernelData(kernels, task),
    kernelChoice: { choice: options, source },
  };
}

/**
 * The training targets of `batch` into `out`: the task labels (±S or {0, 1}) for the mse losses, the parity
 * class (0 even, 1 odd: src/nn/loss.ts parityClass) for cross-entropy.
 */
export function trainingTargets(
  task: Task,
  model: ModelSpec,
  batch: CompactBatch,
  out: Float32Array,
): Float32Array {
  return model.loss === 'ce' ? batchParities(task, batch, out) : batchLabels(task, batch, out);
}
