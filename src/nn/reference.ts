// The network in plain float64 TypeScript: the readable definition the fast kernels are tested against.
// Sums follow the dense order (bias first, then inputs 0..fanIn−1); kernels that add only the active
// inputs' rows sum in another order, so comparisons need float tolerances, not bitwise equality.
import { activate, activationGrad } from './activation.ts';
import type { ModelSpec } from './config.ts';
import type { LinearLayer, ParamLayout, Params } from './layout.ts';
import { type LabelConvention, lossAndOutputGrad } from './loss.ts';

export interface ForwardPass {
  /** batch × layout.outputs, row-major: the scalar output f, or the two logits (even, odd) for ce. */
  readonly outputs: Float64Array;
  /** Pre-activations z_l of each hidden layer (depth − 1 of them), batch × width. */
  readonly pre: readonly Float64Array[];
  /** Activations a_l = σ(z_l) of each hidden layer, batch × width. */
  readonly post: readonly Float64Array[];
}

export interface LossAndGrad {
  /** Mean training loss over the batch. */
  readonly loss: number;
  /** Gradient of the mean loss, in the parameter layout. */
  readonly grad: Float64Array;
  readonly outputs: Float64Array;
}

/** The network's outputs on `batch` dense inputs `x` (row-major, layout.inputs per sample), with the cache. */
export function forward(
  layout: ParamLayout,
  model: Pick<ModelSpec, 'activation'>,
  params: Params,
  x: ArrayLike<number>,
  batch: number,
): ForwardPass {
  checkSizes(layout, params, x, batch);
  const pre: Float64Array[] = [];
  const post: Float64Array[] = [];
  let input: ArrayLike<number> = x;
  for (const layer of layout.layers.slice(0, -1)) {
    const z = linear(layer, params, input, batch);
    const a = z.map((v) => activate(model.activation, v));
    pre.push(z);
    post.push(a);
    input = a;
  }
  const outputs = linear(layout.layers[layout.layers.length - 1], params, input, batch);
  return { outputs, pre, post };
}

/**
 * Mean training loss over the batch and its gradient by backpropagation. `y` are the task labels
 * (src/task/labels.ts `batchLabels`): the regression target for mse; for ce the class is their parity,
 * read with `labels` (src/nn/loss.ts `parityClass`).
 */
export function lossAndGrad(
  layout: ParamLayout,
  model: Pick<ModelSpec, 'activation' | 'loss'>,
  params: Params,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  batch: number,
  labels: LabelConvention = 'pm',
): LossAndGrad {
  if (y.length < batch) throw new RangeError(`y has ${y.length} labels, expected ≥ ${batch}`);
  const { outputs, pre, post } = forward(layout, model, params, x, batch);
  const grad = new Float64Array(layout.size);
  let delta: Float64Array = new Float64Array(batch * layout.outputs);
  const loss = lossAndOutputGrad(model.loss, outputs, y, batch, labels, delta);
  for (let l = layout.layers.length - 1; l >= 0; l--) {
    const layer = layout.layers[l];
    addLinearGrad(layer, l === 0 ? x : post[l - 1], delta, batch, grad);
    if (l > 0) delta = backpropagate(layer, params, delta, batch, model, pre[l - 1], post[l - 1]);
  }
  return { loss, grad, outputs };
}

/** z[s][o] = b[o] + Σ_i input[s][i]·W[i][o]. */
function linear(layer: LinearLayer, params: Params, input: ArrayLike<number>, batch: number): Float64Array {
  const { w, b, fanIn, fanOut } = layer;
  const z = new Float64Array(batch * fanOut);
  for (let s = 0; s < batch; s++) {
    const row = s * fanOut;
    for (let o = 0; o < fanOut; o++) z[row + o] = params[b + o];
    for (let i = 0; i < fanIn; i++) {
      const a = input[s * fanIn + i];
      const wRow = w + i * fanOut;
      for (let o = 0; o < fanOut; o++) z[row + o] += a * params[wRow + o];
    }
  }
  return z;
}

/** dW[i][o] += Σ_s input[s][i]·δ[s][o], db[o] += Σ_s δ[s][o]. */
function addLinearGrad(
  layer: LinearLayer,
  input: ArrayLike<number>,
  delta: Float64Array,
  batch: number,
  grad: Float64Array,
): void {
  const { w, b, fanIn, fanOut } = layer;
  for (let s = 0; s < batch; s++) {
    const row = s * fanOut;
    for (let o = 0; o < fanOut; o++) grad[b + o] += delta[row + o];
    for (let i = 0; i < fanIn; i++) {
      const a = input[s * fanIn + i];
      const wRow = w + i * fanOut;
      for (let o = 0; o < fanOut; o++) grad[wRow + o] += a * delta[row + o];
    }
  }
}

/** δ of the layer below: δ'[s][i] = σ'(z[s][i])·Σ_o W[i][o]·δ[s][o]. */
function backpropagate(
  layer: LinearLayer,
  params: Params,
  delta: Float64Array,
  batch: number,
  model: Pick<ModelSpec, 'activation'>,
  z: Float64Array,
  a: Float64Array,
): Float64Array {
  const { w, fanIn, fanOut } = layer;
  const below = new Float64Array(batch * fanIn);
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < fanIn; i++) {
      const wRow = w + i * fanOut;
      let sum = 0;
      for (let o = 0; o < fanOut; o++) sum += params[wRow + o] * delta[s * fanOut + o];
      const at = s * fanIn + i;
      below[at] = activationGrad(model.activation, z[at], a[at]) * sum;
    }
  }
  return below;
}

function checkSizes(layout: ParamLayout, params: Params, x: ArrayLike<number>, batch: number): void {
  if (params.length !== layout.size) {
    throw new RangeError(`params has ${params.length} entries, expected ${layout.size}`);
  }
  if (x.length < batch * layout.inputs) {
    throw new RangeError(`x has ${x.length} entries, expected ≥ ${batch} × ${layout.inputs}`);
  }
}
