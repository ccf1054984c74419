import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type OptimizerSpecInput, parseOptimizerSpec } from '../../src/nn/config.ts';
import { createOptimizerState, learningRate, optimizerStep } from '../../src/nn/optimizer.ts';
import { assertAllClose } from '../helpers/assert.ts';

// Two updates of p0 = (1, −2, 0.5) with the fixed gradients g1 = (0.5, 1, −2), then g2 = (−1, 0.5, 4).
const p0 = [1, -2, 0.5];
const g1 = [0.5, 1, -2];
const g2 = [-1, 0.5, 4];

function twoSteps(input: OptimizerSpecInput, params: Float32Array | Float64Array = Float64Array.from(p0)) {
  const spec = parseOptimizerSpec(input);
  const state = createOptimizerState(3, spec);
  optimizerStep(params, g1, state, spec, 0);
  const p1 = Array.from(params);
  optimizerStep(params, g2, state, spec, 1);
  return { p1, p2: Array.from(params), state };
}

test('SGD, lr 0.1: p1 = p0 − 0.1·g1 = (0.95, −2.1, 0.7); p2 = p1 − 0.1·g2 = (1.05, −2.15, 0.3) (1e-15)', () => {
  const { p1, p2, state } = twoSteps({ name: 'sgd', lr: 0.1 });
  assertAllClose(p1, [0.95, -2.1, 0.7], 1e-15, 'p1');
  assertAllClose(p2, [1.05, -2.15, 0.3], 1e-15, 'p2');
  assert.equal(state.first.length, 0, 'no momentum buffer without momentum');
});

test('SGD, lr 0.1, momentum 0.9, weight decay 0.1 (L2 in the gradient, buffer = d on step 1) (1e-15)', () => {
  // d1 = g1 + 0.1·p0 = (0.6, 0.8, −1.95); b1 = d1; p1 = p0 − 0.1·b1 = (0.94, −2.08, 0.695).
  // d2 = g2 + 0.1·p1 = (−0.906, 0.292, 4.0695); b2 = 0.9·b1 + d2 = (−0.366, 1.012, 2.3145);
  // p2 = p1 − 0.1·b2 = (0.9766, −2.1812, 0.46355).
  const { p1, p2, state } = twoSteps({ name: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0.1 });
  assertAllClose(p1, [0.94, -2.08, 0.695], 1e-15, 'p1');
  assertAllClose(p2, [0.9766, -2.1812, 0.46355], 1e-15, 'p2');
  assertAllClose(Array.from(state.first), [-0.366, 1.012, 2.3145], 1e-15, 'momentum buffer');
});

// Adam, lr 0.1, β = (0.9, 0.999), ε = 1e-8. Step 1: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g², so
// p1 = p0 − 0.1·g/(|g| + ε): p1_0 = 1 − 0.05/(0.5 + 1e-8) = 0.9 + 2e-9, p1_1 = −2.1 + 1e-9, p1_2 = 0.6 − 5e-10.
// (ε inside the root, √(v̂ + ε) ≈ |g| + ε/(2|g|), would move p1_1 by 5e-10: the 1e-13 tolerance tells them apart.)
// Step 2: m = 0.09·g1 + 0.1·g2 = (−0.055, 0.14, 0.22), v = 0.000999·g1² + 0.001·g2² = (0.00124975, 0.001249,
// 0.019996), m̂ = m/0.19, v̂ = v/0.001999; p2 = p1 − 0.1·m̂/(√v̂ + ε)
// = (0.936610354240566, −2.19321796170184, 0.563389646912170) (40-digit decimal arithmetic).
test('Adam, lr 0.1: bias-corrected moments, ε added after the square root (1e-13)', () => {
  const { p1, p2, state } = twoSteps({ name: 'adam', lr: 0.1 });
  assertAllClose(p1, [0.9 + 2e-9, -2.1 + 1e-9, 0.6 - 5e-10], 1e-13, 'p1');
  assertAllClose(p2, [0.936610354240566, -2.19321796170184, 0.56338964691217], 1e-13, 'p2');
  assertAllClose(Array.from(state.first), [-0.055, 0.14, 0.22], 1e-15, 'm');
  assertAllClose(Array.from(state.second), [0.00124975, 0.001249, 0.019996], 1e-16, 'v');
});

test('Adam with weight decay 0.1 adds 0.1·p to the gradient before the moments (L2, PyTorch Adam) (1e-13)', () => {
  // g1' = g1 + 0.1·p0 = (0.6, 0.8, −1.95): p1 = p0 − 0.1·g1'/(|g1'| + ε) = (0.9 + 1e-9/0.6, −2.1 + 1e-9/0.8,
  // 0.6 − 1e-9/1.95).
  // g2' = g2 + 0.1·p1 ≈ (−0.91, 0.29, 4.06); then as for Adam: p2 = (0.925263519445606, −2.18836227616528,
  // 0.561914018160551) (40-digit decimal arithmetic).
  const { p1, p2 } = twoSteps({ name: 'adam', lr: 0.1, weightDecay: 0.1 });
  assertAllClose(p1, [0.9 + 1e-9 / 0.6, -2.1 + 1e-9 / 0.8, 0.6 - 1e-9 / 1.95], 1e-13, 'p1');
  assertAllClose(p2, [0.925263519445606, -2.18836227616528, 0.561914018160551], 1e-13, 'p2');
});

test('AdamW, lr 0.1, wd 0.1: p ← 0.99·p, then the plain Adam step on the raw gradient (1e-13)', () => {
  // p1 = 0.99·p0 − (Adam step 1) = (0.99 − 0.1 + 2e-9, −1.98 − 0.1 + 1e-9, 0.495 + 0.1 − 5e-10).
  // p2 = 0.99·p1 − (Adam step 2, the same m̂, v̂ as plain Adam since the gradients are the same)
  // = (0.917710354220566, −2.15241796171184, 0.55243964691717).
  const { p1, p2 } = twoSteps({ name: 'adamw', lr: 0.1, weightDecay: 0.1 });
  assertAllClose(p1, [0.89 + 2e-9, -2.08 + 1e-9, 0.595 - 5e-10], 1e-13, 'p1');
  assertAllClose(p2, [0.917710354220566, -2.15241796171184, 0.55243964691717], 1e-13, 'p2');
  const adam = twoSteps({ name: 'adam', lr: 0.1 });
  assertAllClose(
    p2,
    adam.p2.map((v, i) => v - (adam.p1[i] - p1[i]) - 0.01 * p1[i]),
    1e-12,
    'AdamW − Adam step 2',
  );
});

test('learningRate: step-halving {start 2, every 3} gives lr at steps 0–1, lr/2 at 2–4, lr/4 at 5–7, lr/8 at 8', () => {
  const spec = parseOptimizerSpec({ lr: 1, schedule: { type: 'step-halving', start: 2, every: 3 } });
  assert.deepEqual(
    Array.from({ length: 9 }, (_, s) => learningRate(spec, s)),
    [1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125],
  );
  assert.equal(learningRate(parseOptimizerSpec({ lr: 0.3 }), 1e9), 0.3, 'constant');
  // The authors' data runs: halved after the first epoch (start = steps per epoch), then every 10⁴ epochs.
  const data = parseOptimizerSpec({ lr: 0.05, schedule: { type: 'step-halving', start: 5, every: 50_000 } });
  assert.deepEqual(
    [4, 5, 50_004, 50_005].map((s) => learningRate(data, s)),
    [0.05, 0.025, 0.025, 0.0125],
  );
});

test('SGD with the schedule halving at step 1: p2 = p1 − 0.05·g2 = (1, −2.125, 0.5) (1e-15)', () => {
  const { p2 } = twoSteps({ lr: 0.1, schedule: { type: 'step-halving', start: 1, every: 1 } });
  assertAllClose(p2, [0.95 + 0.05, -2.1 - 0.025, 0.7 - 0.2], 1e-15, 'p2');
});

test('float32 parameters take the float64 update rounded to float32', () => {
  const { p2 } = twoSteps({ name: 'adam', lr: 0.1 }, Float32Array.from(p0));
  assertAllClose(
    p2,
    [0.936610354240566, -2.19321796170184, 0.56338964691217],
    2 ** -22,
    'p2 (f32 ulp 2^-22)',
  );
});

test('mismatched gradient or state sizes are RangeErrors', () => {
  const spec = parseOptimizerSpec({ name: 'adam', lr: 1 });
  const sgd = parseOptimizerSpec({ lr: 1 });
  assert.throws(
    () => optimizerStep(new Float64Array(3), [1, 2], createOptimizerState(3, spec), spec, 0),
    RangeError,
  );
  assert.throws(
    () => optimizerStep(new Float64Array(3), [1, 2, 3], createOptimizerState(3, sgd), spec, 0),
    RangeError,
  );
});
