import type { KernelCalls } from '../../kernels/calls.ts';
import type { OptimizerSpec } from '../config.ts';
import { addressOf } from './kernel-layout.ts';
import type { NetworkMemory } from './kernel-memory.ts';
import type { Share } from './protocol.ts';

/** Buffers the optimiser keeps per parameter: SGD's momentum buffer (with momentum), Adam's m and v. */
export function momentCount(o: OptimizerSpec): number {
  return o.name === 'sgd' ? (o.momentum > 0 ? 1 : 0) : 2;
}

/**
 * Step `steps` (counted from 1, for Adam's bias correction) of the optimiser `o` at learning rate `lr` on this
 * thread's share of the flat parameters (src/nn/optimizer.ts has the reference definitions).
 */
export function kernelOptimizerStep(
  calls: KernelCalls,
  o: OptimizerSpec,
  { params, grads, moments }: NetworkMemory,
  { update }: Share,
  steps: number,
  lr: number,
): void {
  const at = (a: Float32Array | undefined) => (a ? addressOf(a, update.start) : 0);
  const [m, v] = moments;
  const flat = { params: at(params), grads: at(grads), count: update.end - update.start, lr };
  if (o.name === 'sgd') {
    calls.sgdStep({ ...flat, buffer: at(m), momentum: o.momentum, weightDecay: o.weightDecay });
    return;
  }
  calls.adamStep({ ...flat, m: at(m), v: at(v), ...adamSettings(o, steps) });
}

/** Adam's and AdamW's settings at step `steps` (counted from 1): betas, eps, decay and bias corrections. */
export function adamSettings(o: OptimizerSpec, steps: number) {
  return {
    beta1: o.beta1,
    beta2: o.beta2,
    eps: o.eps,
    weightDecay: o.weightDecay,
    decoupled: o.name === 'adamw',
    bc1: 1 - o.beta1 ** steps,
    bc2: 1 - o.beta2 ** steps,
  };
}
