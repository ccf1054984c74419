import { loadKernels } from '../kernels/node.ts';
import type { ModelSpec } from '../nn/config.ts';
import { FastNetwork } from '../nn/fast/network.ts';
import { createThreadedNetwork } from '../nn/fast/threads.ts';
import type { ParamLayout } from '../nn/layout.ts';
import type { CompactBatch } from '../task/batch.ts';
import { batchLabels, batchParities } from '../task/labels.ts';
import type { Task } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import type { Forward } from './evaluation.ts';
import { type KernelData, kernelData } from './kernel-data.ts';

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
 * The network `config` asks for, on the kernel build it asks for; `flavour` is the build that loaded, and
 * `feed` draws batches and targets into the same kernel memory.
 */
export async function openNetwork(
  task: Task,
  config: RunConfig,
): Promise<{ net: Network; flavour: string; feed: KernelData }> {
  const kernels = await loadKernels(config.kernels);
  const { skills, bits } = task.spec;
  const net: Network =
    config.threads === 2
      ? await createThreadedNetwork(kernels, skills, bits, config.model, config.optimizer, {
          split: config.split,
        })
      : new FastNetwork(kernels, skills, bits, config.model, config.optimizer);
  return { net, flavour: kernels.flavour, feed: kernelData(kernels, task) };
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
