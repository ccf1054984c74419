// The network of App. G (Fig. 8): one hidden ReLU layer of width 3 on the 8 inputs of 3-bit parity, its weights
// tied to four numbers θ = (α, β, γ, c):
//   W = [[−α, α, −α], [−β, β, −β], [γ, −γ, γ]] (row q: neuron q's weights), b = [0, β, −γ], w = [−2α, β, γ],
//   output bias c.
// The general reference network (reference.ts) gives the loss and the gradient in every weight; the tie map's
// transpose sums them into ∂L/∂θ. Trained by full-batch gradient descent on PyTorch's MSELoss (mean of (f − y)²).

import { invalid } from '../errors.ts';
import type { ModeStrengths } from '../theory/modes.ts';
import type { ModelSpec } from './config.ts';
import { paramLayout } from './layout.ts';
import { forward, lossAndGrad } from './reference.ts';

const MODEL: Pick<ModelSpec, 'width' | 'depth' | 'loss' | 'activation'> = {
  width: 3,
  depth: 2,
  loss: 'mse',
  activation: 'relu',
};
const LAYOUT = paramLayout(3, MODEL);
const [HIDDEN, OUTPUT] = LAYOUT.layers;

/** Each hidden neuron: its θ index, the signs of its three input weights, its bias and output-weight factors. */
const NEURONS = [
  { theta: 0, inputs: [-1, 1, -1], bias: 0, out: -2 },
  { theta: 1, inputs: [-1, 1, -1], bias: 1, out: 1 },
  { theta: 2, inputs: [1, -1, 1], bias: -1, out: 1 },
] as const;

/** θ's index of the output bias c. */
const C = 3;

/** The 8 inputs x = 000, 001, …, 111 (x₁ the high bit), row-major 8 × 3. */
export const PARITY_INPUTS: Float64Array = Float64Array.from({ length: 24 }, (_, i) => {
  const [x, bit] = [Math.floor(i / 3), i % 3];
  return (x >> (2 - bit)) & 1;
});

/** y(x) = S·(−1)^{x₁+x₂+x₃} = S·[1, −1, −1, 1, −1, 1, 1, −1] (App. G). */
export function parityTargets(S: number): Float64Array {
  return Float64Array.from({ length: 8 }, (_, x) => (((x >> 2) ^ (x >> 1) ^ x) & 1 ? -S : S));
}

/** The network's weights in the reference layout from θ = (α, β, γ, c). */
export function tiedParams(theta: ArrayLike<number>): Float64Array {
  const params = new Float64Array(LAYOUT.size);
  NEURONS.forEach(({ theta: j, inputs, bias, out }, q) => {
    inputs.forEach((sign, i) => {
      params[HIDDEN.w + i * HIDDEN.fanOut + q] = sign * theta[j];
    });
    params[HIDDEN.b + q] = bias * theta[j];
    params[OUTPUT.w + q] = out * theta[j];
  });
  params[OUTPUT.b] = theta[C];
  return params;
}

/** The mean squared error over the 8 inputs and its gradient in θ (the tie map's transpose of the weights'). */
export function tiedLossAndGrad(theta: ArrayLike<number>, S: number): { loss: number; grad: Float64Array } {
  const { loss, grad: g } = lossAndGrad(LAYOUT, MODEL, tiedParams(theta), PARITY_INPUTS, parityTargets(S), 8);
  const grad = new Float64Array(4);
  NEURONS.forEach(({ theta: j, inputs, bias, out }, q) => {
    inputs.forEach((sign, i) => {
      grad[j] += sign * g[HIDDEN.w + i * HIDDEN.fanOut + q];
    });
    grad[j] += bias * g[HIDDEN.b + q] + out * g[OUTPUT.w + q];
  });
  grad[C] = g[OUTPUT.b];
  return { loss, grad };
}

/** Measured R^{(q)}/S = Σ_x y(x)·f^{(q)}(x)/(8S²), f^{(q)} = w_q·ReLU(W_q·x + b_q), and R/S from the output f. */
export function measuredModes(theta: ArrayLike<number>, S: number): ModeStrengths {
  const params = tiedParams(theta);
  const { outputs, post } = forward(LAYOUT, MODEL, params, PARITY_INPUTS, 8);
  const y = parityTargets(S);
  const modes = [0, 0, 0];
  let total = 0;
  for (let x = 0; x < 8; x++) {
    for (let q = 0; q < 3; q++) modes[q] += y[x] * params[OUTPUT.w + q] * post[0][3 * x + q];
    total += y[x] * outputs[x];
  }
  const norm = 8 * S * S;
  return { alpha: modes[0] / norm, beta: modes[1] / norm, gamma: modes[2] / norm, total: total / norm };
}

/** One measurement of a gradient-descent run: the step, the modes' strengths and the loss before that step. */
export interface ModesSample extends ModeStrengths {
  step: number;
  loss: number;
}

/**
 * Full-batch gradient descent θ ← θ − lr·∇L from θ₀ = (α, β, γ, c) for `steps` steps, measured every `every`
 * steps from step 0 (and at the last).
 */
export function trainModesNetwork(
  initial: ArrayLike<number>,
  { S, lr, steps, every }: { S: number; lr: number; steps: number; every: number },
): ModesSample[] {
  if (!(S > 0 && Number.isFinite(S))) throw invalid('S', 'a finite number > 0', S);
  if (!(lr > 0 && Number.isFinite(lr))) throw invalid('lr', 'a finite number > 0', lr);
  if (!(Number.isInteger(steps) && steps >= 0)) throw invalid('steps', 'an integer ≥ 0', steps);
  if (!(Number.isInteger(every) && every >= 1)) throw invalid('every', 'an integer ≥ 1', every);
  const theta = Float64Array.from(initial);
  const samples: ModesSample[] = [];
  for (let step = 0; step <= steps; step++) {
    const { loss, grad } = tiedLossAndGrad(theta, S);
    if (step % every === 0 || step === steps) samples.push({ step, ...measuredModes(theta, S), loss });
    for (let j = 0; j < 4; j++) theta[j] -= lr * grad[j];
  }
  return samples;
}
