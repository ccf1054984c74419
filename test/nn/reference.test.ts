import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Activation, LossName } from '../../src/nn/config.ts';
import { initParams } from '../../src/nn/init.ts';
import { paramLayout } from '../../src/nn/layout.ts';
import { lossAndOutputGrad } from '../../src/nn/loss.ts';
import { forward, lossAndGrad } from '../../src/nn/reference.ts';
import { Rng } from '../../src/task/rng.ts';

// Inputs 2 → 2 ReLU units → 1, weights chosen by hand; W1 is input-major, so row i is input i's fan-out:
// W1 = [[1, −1], [2, 0.5]], b1 = [0.5, −0.25], W2 = [3, −2], b2 = 0.1.
const handLayout = paramLayout(2, { width: 2, depth: 2, loss: 'mse' });
const handParams = Float64Array.of(1, -1, 2, 0.5, 0.5, -0.25, 3, -2, 0.1);

test('forward on a hand-built ReLU net: x = (1,1) → z = (3.5, −0.75) → f = 10.6; x = (0,1) → f = 7.1 (exact to 1e-14)', () => {
  const pass = forward(handLayout, { activation: 'relu' }, handParams, [1, 1, 0, 1], 2);
  // z = b1 + x0·W1[0] + x1·W1[1]: (0.5 + 1 + 2, −0.25 − 1 + 0.5) and (0.5 + 2, −0.25 + 0.5).
  assert.deepEqual(Array.from(pass.pre[0]), [3.5, -0.75, 2.5, 0.25]);
  assert.deepEqual(Array.from(pass.post[0]), [3.5, 0, 2.5, 0.25]);
  // f = 0.1 + 3·a0 − 2·a1: 0.1 + 10.5 = 10.6 and 0.1 + 7.5 − 0.5 = 7.1.
  assert.ok(
    Math.abs(pass.outputs[0] - 10.6) < 1e-14 && Math.abs(pass.outputs[1] - 7.1) < 1e-14,
    `${pass.outputs}`,
  );
});

test('losses on the hand net with y = (10, 7): mse = (0.6² + 0.1²)/2 = 0.185 (no ½), mse-half = 0.0925 (1e-15)', () => {
  const handLoss = (loss: LossName) =>
    lossAndGrad(handLayout, { activation: 'relu', loss }, handParams, [1, 1, 0, 1], [10, 7], 2);
  const mse = handLoss('mse');
  const half = handLoss('mse-half');
  assert.ok(Math.abs(mse.loss - 0.185) < 1e-15, `mse ${mse.loss}`);
  assert.ok(Math.abs(half.loss - 0.0925) < 1e-15, `mse-half ${half.loss}`);
  // ∂L/∂b2 = mean of 2(f − y) = 0.7 for mse, mean of (f − y) = 0.35 for mse-half.
  assert.ok(Math.abs(mse.grad[8] - 0.7) < 1e-14 && Math.abs(half.grad[8] - 0.35) < 1e-14, 'db2 within 1e-14');
});

const activations: Activation[] = ['relu', 'tanh', 'sigmoid'];
const losses: LossName[] = ['mse', 'mse-half', 'ce'];

/**
 * A tiny problem (4 inputs, width 3, batch 5) whose ReLU pre-activations all keep ≥ 1e-4 from the kink
 * (a ±1e-6 step cannot flip a mask) and whose hidden units are each active on some sample (no all-zero
 * gradient blocks), reseeding until both hold.
 */
function tinyProblem(depth: number, activation: Activation, loss: LossName) {
  const inputs = 4;
  const width = 3;
  const batch = 5;
  const layout = paramLayout(inputs, { width, depth, loss });
  for (let seed = 1; ; seed++) {
    const rng = Rng.fromSeed(seed);
    const params = initParams(layout, { init: 'normal', initStd: 0.8 }, rng, new Float64Array(layout.size));
    const x = Float64Array.from({ length: batch * inputs }, () => rng.normal());
    const y = Float64Array.from({ length: batch }, () => (rng.uniform() < 0.5 ? -1.5 : 1.5));
    const { pre } = forward(layout, { activation }, params, x, batch);
    const clearOfKink = pre.every((z) => z.every((v) => Math.abs(v) > 1e-4));
    const alive = activation !== 'relu' || pre.every((z) => everyUnitActive(z, width, batch));
    if (clearOfKink && alive) return { layout, params, x, y, batch };
  }
}

function everyUnitActive(z: Float64Array, width: number, batch: number): boolean {
  for (let u = 0; u < width; u++) {
    let active = false;
    for (let s = 0; s < batch; s++) active ||= z[s * width + u] > 0;
    if (!active) return false;
  }
  return true;
}

for (const depth of [2, 3]) {
  for (const activation of activations) {
    for (const loss of losses) {
      test(`lossAndGrad equals central finite differences (h 1e-6): depth ${depth}, ${activation}, ${loss}; relative error < 1e-6`, () => {
        const { layout, params, x, y, batch } = tinyProblem(depth, activation, loss);
        const model = { activation, loss };
        const { grad } = lossAndGrad(layout, model, params, x, y, batch);
        const scale = grad.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
        assert.ok(scale > 1e-3, `gradient not degenerate (max |g| ${scale})`);
        const h = 1e-6;
        for (let i = 0; i < layout.size; i++) {
          const p = params.slice();
          p[i] = params[i] + h;
          const up = lossAndGrad(layout, model, p, x, y, batch).loss;
          p[i] = params[i] - h;
          const down = lossAndGrad(layout, model, p, x, y, batch).loss;
          const fd = (up - down) / (2 * h);
          // Relative to |g|, floored at 1e-3·max|g|: the difference quotient's rounding error is ≈ ε·|L|/h
          // ≈ 2e-10·|L| in absolute terms, too coarse for 1e-6 relative on components ≪ max|g|.
          const err = Math.abs(fd - grad[i]) / Math.max(Math.abs(grad[i]), 1e-3 * scale);
          assert.ok(
            err < 1e-6,
            `param ${i}: backprop ${grad[i]}, finite difference ${fd}, rel err ${err} ≥ 1e-6`,
          );
        }
      });
    }
  }
}

test('the batch loss and gradient are the means of the per-sample ones (depth 3, tanh, ce; 1e-15 relative)', () => {
  const { layout, params, x, y, batch } = tinyProblem(3, 'tanh', 'ce');
  const model = { activation: 'tanh', loss: 'ce' } as const;
  const whole = lossAndGrad(layout, model, params, x, y, batch);
  let loss = 0;
  const grad = new Float64Array(layout.size);
  for (let s = 0; s < batch; s++) {
    const one = lossAndGrad(layout, model, params, x.subarray(s * 4, s * 4 + 4), y.subarray(s, s + 1), 1);
    loss += one.loss / batch;
    one.grad.forEach((g, i) => {
      grad[i] += g / batch;
    });
  }
  assert.ok(Math.abs(whole.loss - loss) <= 1e-15 * loss, `loss ${whole.loss} vs ${loss}`);
  grad.forEach((g, i) =>
    assert.ok(Math.abs(whole.grad[i] - g) <= 1e-14 * Math.max(1e-3, Math.abs(g)), `grad ${i}`),
  );
});

test('ce: −log softmax is log(1 + e^{z_other − z_c}); logits ±1000 neither overflow nor lose the gradient', () => {
  // pm labels: y = +1 (even → class 0) and y = −1 (odd → class 1); binary labels: y is the class.
  const dOut = new Float64Array(4);
  const loss = lossAndOutputGrad('ce', [0, Math.log(3), 1000, -1000], [1, 1], 2, 'pm', dOut);
  // Sample 0, class 0: log(1 + 3) = log 4. Sample 1, class 0, d = −2000: log1p(e^−2000) = 0.
  assert.ok(Math.abs(loss - Math.log(4) / 2) < 1e-15, `loss ${loss} vs ln4/2 within 1e-15`);
  // ∂/∂z = (softmax − onehot)/n: sample 0 (−3/4, 3/4)/2, sample 1 (−e^−2000, +e^−2000)/2 = (−0, 0).
  const want = [-0.375, 0.375, 0, 0];
  dOut.forEach((v, i) =>
    assert.ok(Math.abs(v - want[i]) < 1e-15, `dOut[${i}] ${v} vs ${want[i]} within 1e-15`),
  );
  const wrong = lossAndOutputGrad('ce', [1000, -1000], [-1], 1, 'pm', dOut);
  assert.equal(wrong, 2000, 'a confident wrong answer costs its margin, exactly');
  assert.deepEqual(Array.from(dOut.subarray(0, 2)), [1, -1]);
  assert.equal(lossAndOutputGrad('ce', [1000, -1000], [1], 1, 'binary'), 2000, 'binary label 1 is odd');
  assert.equal(lossAndOutputGrad('ce', [1000, -1000], [1], 1, 'pm'), 0, 'pm label +1 is even');
});

test('sizes that do not match the layout are RangeErrors', () => {
  const model = { activation: 'relu', loss: 'mse' } as const;
  assert.throws(() => forward(handLayout, model, new Float64Array(8), [1, 1], 1), RangeError);
  assert.throws(() => forward(handLayout, model, handParams, [1], 1), RangeError);
  assert.throws(() => lossAndGrad(handLayout, model, handParams, [1, 1, 0, 1], [1], 2), RangeError);
});
