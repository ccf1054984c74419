import type { Kernels } from '../kernels/instantiate.ts';
import type { ModelSpec } from '../nn/config.ts';
import type { CompactBatch } from '../task/batch.ts';
import type { Rng } from '../task/rng.ts';
import type { Task } from '../task/task.ts';

/**
 * Online batches and training targets computed by the kernels in their own memory, where the network reads
 * them without a copy: the same samples and targets, bit for bit, as src/task's `sampleBatch` and this
 * src/experiment/network.ts `trainingTargets` (test/experiment/kernel-data.test.ts), and several times faster.
 */
export interface KernelData {
  /** A batch whose arrays are views of kernel memory. */
  allocBatch(size: number): CompactBatch;
  /** Targets storage in kernel memory. */
  allocTargets(size: number): Float32Array;
  /** sampleBatch(task, rng, batch): fresh samples into a batch from `allocBatch`; advances `rng` alike. */
  draw(rng: Rng, batch: CompactBatch): void;
  /** trainingTargets(task, model, batch, out) for a batch and `out` in kernel memory. */
  targets(model: ModelSpec, batch: CompactBatch, out: Float32Array): Float32Array;
}

export function kernelData(k: Kernels, task: Task): KernelData {
  const { words, spec } = task;
  const threshold = k.heap.copy(task.skillSampler.threshold).byteOffset;
  const alias = k.heap.copy(task.skillSampler.alias).byteOffset;
  const masks = k.heap.copy(task.maskWords).byteOffset;
  const state = k.heap.array(Uint32Array, 4);
  const spare = words * 32 - spec.bits;
  const keep = spare === 0 ? 0xffffffff : 0xffffffff >>> spare;
  const inMemory = (...arrays: ArrayBufferView[]) => {
    if (!arrays.every((a) => k.heap.holds(a)))
      throw new Error('kernelData: the batch and targets must be views of kernel memory (use its alloc*)');
  };
  return {
    allocBatch(size) {
      const skill = k.heap.array(Int32Array, size);
      const bits = k.heap.array(Uint32Array, size * words);
      return { size, words, skill, bits, scratch: k.heap.array(Uint32Array, 2 * size) };
    },
    allocTargets: (size) => k.heap.array(Float32Array, size),
    draw(rng, batch) {
      inMemory(batch.skill, batch.bits, batch.scratch);
      state.set(rng.state);
      k.calls.sampleOnline({
        state: state.byteOffset,
        samples: batch.size,
        skills: spec.skills,
        threshold,
        alias,
        words,
        keep,
        scratch: batch.scratch.byteOffset,
        skill: batch.skill.byteOffset,
        bits: batch.bits.byteOffset,
      });
      rng.setState(state);
    },
    targets(model, batch, out) {
      inMemory(batch.skill, batch.bits, out);
      // ce trains on the parity class; mse on the labels (±S, or the parity itself for binary labels).
      k.calls.batchTargets({
        skill: batch.skill.byteOffset,
        bits: batch.bits.byteOffset,
        words,
        samples: batch.size,
        masks,
        plusMinus: model.loss !== 'ce' && spec.labels === 'pm',
        S: spec.S,
        out: out.byteOffset,
      });
      return out;
    },
  };
}
