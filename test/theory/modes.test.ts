import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { tiedLossAndGrad } from '../../src/nn/modesNetwork.ts';
import { Rng } from '../../src/task/rng.ts';
import {
  type ModesConstants,
  modeStrengths,
  modesFlow,
  modesRate,
  modesState,
} from '../../src/theory/modes.ts';
import { assertClose, assertRel } from '../helpers/assert.ts';

// The App. G toy's flow (Eqs. 120–123) checked three ways: against the gradient of the tied network's loss
// computed by backpropagation, against a fixed-step RK4 integration, and at the exact solution.

const FIG8: ModesConstants = { S: 1, eta: 0.02 };
const SMALL = { alpha: 0.01, beta: 0.01, gamma: 0.01, c: 0 };

test('modesRate is the gradient flow of the tied network: dθ²/dT = −2θ·η·∂L/∂θ, dc/dT = −η·∂L/∂c (1e-12 relative)', () => {
  const rng = Rng.fromSeed(8);
  for (let trial = 0; trial < 20; trial++) {
    const S = 0.5 + 4.5 * rng.uniform();
    const eta = 0.001 + 0.1 * rng.uniform();
    // Positive α, β, γ keep the ReLU pattern the equations assume; c of either sign.
    const theta = [
      0.1 + 2 * rng.uniform(),
      0.1 + 2 * rng.uniform(),
      0.1 + 2 * rng.uniform(),
      4 * rng.uniform() - 2,
    ];
    const { grad } = tiedLossAndGrad(theta, S);
    const dy = new Float64Array(4);
    modesRate(modesState({ alpha: theta[0], beta: theta[1], gamma: theta[2], c: theta[3] }), dy, { S, eta });
    const want = [0, 1, 2].map((j) => -2 * theta[j] * eta * grad[j]).concat(-eta * grad[3]);
    want.forEach((w, j) => {
      assertRel(dy[j], w, 1e-12, `trial ${trial}, component ${j}`);
    });
  }
});

/** Classical RK4 with a fixed step h on Eqs. 120–123, sampled at the integer multiples of `every`. */
function rk4(
  constants: ModesConstants,
  y0: Float64Array,
  end: number,
  h: number,
  every: number,
): Float64Array[] {
  const f = (y: Float64Array) => {
    const dy = new Float64Array(4);
    modesRate(y, dy, constants);
    return dy;
  };
  const stepsPer = Math.round(every / h);
  const out = [Float64Array.from(y0)];
  let y = Float64Array.from(y0);
  for (let i = 1; i <= Math.round(end / h); i++) {
    const k1 = f(y);
    const k2 = f(y.map((v, j) => v + (h / 2) * k1[j]));
    const k3 = f(y.map((v, j) => v + (h / 2) * k2[j]));
    const k4 = f(y.map((v, j) => v + h * k3[j]));
    y = y.map((v, j) => v + (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]));
    if (i % stepsPer === 0) out.push(Float64Array.from(y));
  }
  return out;
}

test('modesFlow (Dormand–Prince) agrees with fixed-step RK4 (h = 0.05) over T = 0..1000 within 1e-7', () => {
  const times = Array.from({ length: 101 }, (_, i) => 10 * i);
  const flow = modesFlow(times, SMALL, FIG8);
  const route = rk4(FIG8, modesState(SMALL), 1000, 0.05, 10).map((y) => modeStrengths(y, FIG8.S));
  assert.equal(route.length, flow.length, 'same samples');
  let worst = 0;
  flow.forEach((p, i) => {
    for (const k of ['alpha', 'beta', 'gamma', 'total'] as const) {
      worst = Math.max(worst, Math.abs(p[k] - route[i][k]));
    }
  });
  assert.ok(worst < 1e-7, `max |ΔR/S| = ${worst}`);
  // The whole emergence happens inside the window: R/S from α²/(2S) = 5e-5 to within 1e-3 of 1.
  assertClose(flow[0].total, 5e-5, 1e-18, 'R(0)/S');
  assert.ok(flow[100].total > 0.999, `R(1000)/S = ${flow[100].total}`);
});

test('the exact solution α² = β² = γ² = 2S, c = −S is a fixed point with modes ½, ¼, ¼ summing to 1', () => {
  const S = 5;
  const y = Float64Array.of(2 * S, 2 * S, 2 * S, -S);
  const dy = new Float64Array(4);
  modesRate(y, dy, { S, eta: 0.3 });
  assert.deepEqual([...dy].map(Math.abs), [0, 0, 0, 0], 'exact');
  assert.deepEqual(modeStrengths(y, S), { alpha: 0.5, beta: 0.25, gamma: 0.25, total: 1 }, 'exact');
});

test('modesFlow: the flow converges to the exact solution from small weights, S = 5', () => {
  const S = 5;
  const [end] = modesFlow([0, 2000], SMALL, { S, eta: 0.02 }).slice(1);
  assertClose(end.alpha, 0.5, 1e-6, 'mode α');
  assertClose(end.beta, 0.25, 1e-6, 'mode β');
  assertClose(end.gamma, 0.25, 1e-6, 'mode γ');
});

test('modesFlow rejects a bad constant or initial weight with a UsageError naming it', () => {
  const cases: [Parameters<typeof modesFlow>, RegExp][] = [
    [[[0, 1], SMALL, { S: 0, eta: 0.1 }], /^S must be a finite number > 0 \(got 0\)$/],
    [[[0, 1], SMALL, { S: 1, eta: Number.NaN }], /^eta must be a finite number > 0/],
    [
      [[0, 1], { ...SMALL, gamma: -0.1 }, FIG8],
      /^gamma must be a finite number > 0 \(App\. G’s ReLU pattern\)/,
    ],
    [[[0, 1], { ...SMALL, c: Number.POSITIVE_INFINITY }, FIG8], /^c must be a finite number/],
    [[[1, 2], SMALL, FIG8], /^times\[0\] must be 0 \(got 1\)$/],
  ];
  for (const [args, message] of cases) {
    assert.throws(
      () => modesFlow(...args),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
    );
  }
});
