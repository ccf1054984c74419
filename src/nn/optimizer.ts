// PyTorch's torch.optim.SGD (dampening 0, no nesterov), Adam and AdamW (no amsgrad), one parameter group,
// computed in float64 (PyTorch computes in the parameters' float32, and writes m ← m + (1−β1)(g − m): equal up
// to rounding). Weight decay applies to every parameter, biases included, as `model.parameters()` does.
import type { OptimizerSpec } from './config.ts';
import type { Params } from './layout.ts';

export interface OptimizerState {
  /** SGD's momentum buffer, or Adam's first moment m (exp_avg); empty for SGD without momentum. */
  readonly first: Float64Array;
  /** Adam's second moment v (exp_avg_sq); empty for SGD. */
  readonly second: Float64Array;
}

/** Zeroed state for `size` parameters. A zero momentum buffer reproduces PyTorch's buffer = g on step 1. */
export function createOptimizerState(
  size: number,
  spec: Pick<OptimizerSpec, 'name' | 'momentum'>,
): OptimizerState {
  const adam = spec.name !== 'sgd';
  return {
    first: new Float64Array(adam || spec.momentum > 0 ? size : 0),
    second: new Float64Array(adam ? size : 0),
  };
}

/**
 * The learning rate of update `step` (0-based). step-halving: lr·2^−h with h = 0 before `start` and
 * h = 1 + ⌊(step − start)/every⌋ from it on (the authors' data runs: start = one epoch, every = 10⁴ epochs).
 */
export function learningRate(spec: Pick<OptimizerSpec, 'lr' | 'schedule'>, step: number): number {
  const s = spec.schedule;
  if (s.type === 'step-halving' && s.unit === 'epochs')
    throw new Error('a schedule in epochs must be turned into steps (scheduleInSteps)');
  if (s.type === 'constant' || step < s.start) return spec.lr;
  return spec.lr * 0.5 ** (1 + Math.floor((step - s.start) / s.every));
}

/**
 * Applies update `step` (0-based: Adam's bias corrections use t = step + 1) to `params` in place.
 * sgd:   d = g + wd·p;  b ← μ·b + d (if μ > 0, and d ← b);  p ← p − lr·d
 * adam:  g ← g + wd·p;  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  p ← p − (lr/(1−β1^t))·m/(√v/√(1−β2^t) + ε)
 * adamw: p ← p·(1 − lr·wd), then the adam update with the raw g.
 */
export function optimizerStep(
  params: Params,
  grad: ArrayLike<number>,
  state: OptimizerState,
  spec: OptimizerSpec,
  step: number,
): void {
  const { first, second } = state;
  const adam = spec.name !== 'sgd';
  const n = params.length;
  if (
    grad.length !== n ||
    first.length !== (adam || spec.momentum > 0 ? n : 0) ||
    second.length !== (adam ? n : 0)
  ) {
    throw new RangeError('grad and optimizer state must match params and spec (see createOptimizerState)');
  }
  const lr = learningRate(spec, step);
  const wd = spec.weightDecay;
  if (!adam) {
    const mu = spec.momentum;
    for (let i = 0; i < n; i++) {
      let d = grad[i] + wd * params[i];
      if (mu > 0) d = first[i] = mu * first[i] + d;
      params[i] -= lr * d;
    }
    return;
  }
  const { beta1, beta2, eps } = spec;
  const t = step + 1;
  const stepSize = lr / (1 - beta1 ** t);
  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
  const decoupled = spec.name === 'adamw';
  for (let i = 0; i < n; i++) {
    let g = grad[i];
    if (decoupled) params[i] *= 1 - lr * wd;
    else g += wd * params[i];
    first[i] = beta1 * first[i] + (1 - beta1) * g;
    second[i] = beta2 * second[i] + (1 - beta2) * g * g;
    params[i] -= (stepSize * first[i]) / (Math.sqrt(second[i]) / bc2Sqrt + eps);
  }
}
