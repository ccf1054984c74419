import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import {
  measuredModes,
  PARITY_INPUTS,
  parityTargets,
  tiedLossAndGrad,
  tiedParams,
  trainModesNetwork,
} from '../../src/nn/modesNetwork.ts';
import { Rng } from '../../src/task/rng.ts';
import { modesFlow } from '../../src/theory/modes.ts';
import { assertClose } from '../helpers/assert.ts';

// The tied width-3 network of App. G, written out here by hand where it can be: the ReLU of each neuron on
// each input, the gradient by central differences, and its training against the flow of Eqs. 120–123.

/** f(x) = Σ_q w_q·ReLU(W_q·x + b_q) + c with App. G's tied W, b, w, written from the appendix directly. */
function handOutput(theta: number[], x: number[]): number {
  const [a, b, g, c] = theta;
  const relu = (z: number) => Math.max(0, z);
  const [x1, x2, x3] = x;
  return (
    -2 * a * relu(a * (-x1 + x2 - x3)) +
    b * relu(b * (-x1 + x2 - x3) + b) +
    g * relu(g * (x1 - x2 + x3) - g) +
    c
  );
}

const inputs = Array.from({ length: 8 }, (_, x) => [...PARITY_INPUTS.subarray(3 * x, 3 * x + 3)]);

test('the 8 inputs are 000..111 and the targets S·(−1)^{x₁+x₂+x₃} = S·[1, −1, −1, 1, −1, 1, 1, −1]', () => {
  assert.deepEqual(inputs, [
    [0, 0, 0],
    [0, 0, 1],
    [0, 1, 0],
    [0, 1, 1],
    [1, 0, 0],
    [1, 0, 1],
    [1, 1, 0],
    [1, 1, 1],
  ]);
  assert.deepEqual([...parityTargets(2)], [2, -2, -2, 2, -2, 2, 2, -2], 'exact');
});

test('α = β = γ = √(2S), c = −S represents the parity exactly: loss 0, modes ½, ¼, ¼ (App. G)', () => {
  const S = 5;
  const theta = [Math.sqrt(2 * S), Math.sqrt(2 * S), Math.sqrt(2 * S), -S];
  const { loss, grad } = tiedLossAndGrad(theta, S);
  assert.ok(loss < 1e-28, `loss ${loss}`);
  for (const g of grad) assertClose(g, 0, 1e-13, 'gradient at the solution');
  const modes = measuredModes(theta, S);
  for (const [k, want] of [
    ['alpha', 0.5],
    ['beta', 0.25],
    ['gamma', 0.25],
    ['total', 1],
  ] as const) {
    assertClose(modes[k], want, 1e-14, k);
  }
});

test('tiedParams puts the tied weights where the reference network reads them: outputs equal the hand formula', () => {
  const rng = Rng.fromSeed(3);
  for (let trial = 0; trial < 10; trial++) {
    const theta = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const S = 1 + rng.uniform();
    const y = parityTargets(S);
    // mean of (f − y)² over the 8 inputs, from the hand formula
    const want = inputs.reduce((sum, x, i) => sum + (handOutput(theta, x) - y[i]) ** 2, 0) / 8;
    assertClose(tiedLossAndGrad(theta, S).loss, want, 1e-12, `trial ${trial}: loss`);
  }
  assert.equal(tiedParams([1, 2, 3, 4]).length, 16, '3·3 + 3 + 3 + 1 weights');
});

test('∂L/∂θ by backpropagation and the tie map matches central differences (1e-7 relative, 20 random θ)', () => {
  const rng = Rng.fromSeed(11);
  const h = 1e-6;
  let checked = 0;
  for (let trial = 0; checked < 20; trial++) {
    const theta = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const S = 0.5 + 2 * rng.uniform();
    // Skip a θ with a pre-activation within 1e-3 of a kink other than the exact zeros that stay zero.
    const pre = inputs.flatMap(([x1, x2, x3]) => [
      theta[0] * (-x1 + x2 - x3),
      theta[1] * (-x1 + x2 - x3 + 1),
      theta[2] * (x1 - x2 + x3 - 1),
    ]);
    if (pre.some((z) => z !== 0 && Math.abs(z) < 1e-3)) continue;
    const { grad } = tiedLossAndGrad(theta, S);
    for (let j = 0; j < 4; j++) {
      const up = theta.map((v, i) => (i === j ? v + h : v));
      const down = theta.map((v, i) => (i === j ? v - h : v));
      const numeric = (tiedLossAndGrad(up, S).loss - tiedLossAndGrad(down, S).loss) / (2 * h);
      const scale = Math.max(1, Math.abs(numeric));
      assert.ok(
        Math.abs(grad[j] - numeric) <= 1e-7 * scale,
        `trial ${trial}, θ_${j}: backprop ${grad[j]}, central difference ${numeric}`,
      );
    }
    checked++;
  }
});

/** max over samples and the four curves of |R/S network − R/S ODE| for a run of 20/lr steps at S = 1. */
function gapToFlow(lr: number): number {
  const steps = Math.round(20 / lr);
  const net = trainModesNetwork([0.01, 0.01, 0.01, 0], { S: 1, lr, steps, every: steps / 200 });
  const ode = modesFlow(
    net.map((s) => s.step),
    { alpha: 0.01, beta: 0.01, gamma: 0.01, c: 0 },
    { S: 1, eta: lr },
  );
  let worst = 0;
  net.forEach((s, i) => {
    for (const k of ['alpha', 'beta', 'gamma', 'total'] as const)
      worst = Math.max(worst, Math.abs(s[k] - ode[i][k]));
  });
  return worst;
}

test('gradient descent follows the flow of Eqs. 120–123: max |ΔR/S| ≤ 0.01 at lr 0.02, ~4× less at lr 0.005', () => {
  const coarse = gapToFlow(0.02); // measured 0.0083 (the total, near its steepest rise)
  const fine = gapToFlow(0.005); // measured 0.0021
  assert.ok(coarse <= 0.01, `lr 0.02: max |ΔR/S| = ${coarse}`);
  // Gradient descent is Euler's method on the flow: the gap is first order in the step.
  const ratio = coarse / fine;
  assert.ok(ratio > 3.5 && ratio < 4.5, `gap ratio ${ratio} for a 4× smaller step`);
});

test('trainModesNetwork samples every `every` steps from 0 and at the last, with the loss before the step', () => {
  const samples = trainModesNetwork([0.5, 0.5, 0.5, 0], { S: 1, lr: 0.01, steps: 7, every: 3 });
  assert.deepEqual(
    samples.map((s) => s.step),
    [0, 3, 6, 7],
    'exact',
  );
  assertClose(samples[0].loss, tiedLossAndGrad([0.5, 0.5, 0.5, 0], 1).loss, 0, 'loss at step 0');
  assert.ok(samples[3].loss < samples[0].loss, 'the loss falls');
});

test('trainModesNetwork rejects a bad setting with a UsageError naming it', () => {
  const ok = { S: 1, lr: 0.01, steps: 10, every: 2 };
  const cases: [Partial<typeof ok>, string][] = [
    [{ S: -1 }, 'S must be a finite number > 0 (got -1)'],
    [{ lr: 0 }, 'lr must be a finite number > 0 (got 0)'],
    [{ steps: 1.5 }, 'steps must be an integer ≥ 0 (got 1.5)'],
    [{ every: 0 }, 'every must be an integer ≥ 1 (got 0)'],
  ];
  for (const [bad, message] of cases) {
    assert.throws(
      () => trainModesNetwork([0.1, 0.1, 0.1, 0], { ...ok, ...bad }),
      (e: unknown) => e instanceof UsageError && e.message === message,
    );
  }
});
