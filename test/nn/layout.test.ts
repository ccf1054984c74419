import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initParams } from '../../src/nn/init.ts';
import { paramLayout } from '../../src/nn/layout.ts';
import { Rng } from '../../src/task/rng.ts';

test('paramLayout(37, paper network) packs W1 [37 × 1000], b1, W2 [1000 × 1], b2: 39,001 parameters', () => {
  const layout = paramLayout(37, { width: 1000, depth: 2, loss: 'mse' });
  assert.equal(layout.outputs, 1);
  assert.equal(layout.size, 37 * 1000 + 1000 + 1000 + 1);
  assert.deepEqual(layout.layers, [
    { w: 0, b: 37_000, fanIn: 37, fanOut: 1000 },
    { w: 38_000, b: 39_000, fanIn: 1000, fanOut: 1 },
  ]);
});

test('paramLayout with ce has 2 logits; depth 4 has 3 hidden layers; layers tile [0, size)', () => {
  const layout = paramLayout(150, { width: 100, depth: 4, loss: 'ce' });
  assert.equal(layout.outputs, 2);
  assert.deepEqual(
    layout.layers.map((l) => [l.fanIn, l.fanOut]),
    [
      [150, 100],
      [100, 100],
      [100, 100],
      [100, 2],
    ],
  );
  let at = 0;
  for (const { w, b, fanIn, fanOut } of layout.layers) {
    assert.equal(w, at);
    assert.equal(b, w + fanIn * fanOut);
    at = b + fanOut;
  }
  assert.equal(layout.size, at);
});

/** Mean and (n − 1) variance of v[from, to). */
function moments(v: Float32Array, from: number, to: number): { mean: number; variance: number; n: number } {
  const n = to - from;
  let sum = 0;
  for (let i = from; i < to; i++) sum += v[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (v[i] - mean) ** 2;
  return { mean, variance: ss / (n - 1), n };
}

test("init 'normal': every weight and bias ~ N(0, σ²), mean and variance within 5 standard errors", () => {
  const layout = paramLayout(37, { width: 1000, depth: 3, loss: 'mse' });
  for (const sigma of [0.01, 0.05]) {
    const params = initParams(layout, { init: 'normal', initStd: sigma }, Rng.fromSeed(7));
    for (const { w, b, fanOut } of layout.layers) {
      // Biases too (the authors' FCN draws them from the same normal); the tiny output bias is skipped.
      const ranges: [number, number][] = [[w, b]];
      if (fanOut > 1) ranges.push([b, b + fanOut]);
      for (const [from, to] of ranges) {
        const { mean, variance, n } = moments(params, from, to);
        const seMean = sigma / Math.sqrt(n);
        const seVar = sigma ** 2 * Math.sqrt(2 / (n - 1));
        assert.ok(
          Math.abs(mean) < 5 * seMean,
          `σ ${sigma}, [${from}, ${to}) mean ${mean} vs 5 SE ${5 * seMean}`,
        );
        assert.ok(
          Math.abs(variance - sigma ** 2) < 5 * seVar,
          `σ ${sigma}, [${from}, ${to}) variance ${variance} vs σ² ${sigma ** 2} ± 5 SE ${5 * seVar}`,
        );
      }
    }
  }
});

test("init 'pytorch': W and b ~ U(−1/√fanIn, 1/√fanIn): inside the bound, near it, variance bound²/3 within 5 SE", () => {
  const layout = paramLayout(150, { width: 400, depth: 3, loss: 'ce' });
  const params = initParams(layout, { init: 'pytorch', initStd: 0.01 }, Rng.fromSeed(3));
  for (const { w, b, fanIn, fanOut } of layout.layers) {
    const bound = 1 / Math.sqrt(fanIn);
    let max = 0;
    for (let i = w; i < b + fanOut; i++) max = Math.max(max, Math.abs(params[i]));
    assert.ok(max <= bound, `fanIn ${fanIn}: max |p| ${max} ≤ bound ${bound}`);
    const n = fanIn * fanOut;
    assert.ok(
      max > bound * (1 - 20 / n),
      `fanIn ${fanIn}: max |p| ${max} reaches the bound ${bound} within 20/n`,
    );
    const { mean, variance } = moments(params, w, b);
    // U(−a, a): variance a²/3, and Var(x²) = a⁴/5 − a⁴/9 = 4a⁴/45.
    const seVar = Math.sqrt((4 * bound ** 4) / 45 / n);
    assert.ok(Math.abs(mean) < (5 * bound) / Math.sqrt(3 * n), `fanIn ${fanIn}: mean ${mean} within 5 SE`);
    assert.ok(
      Math.abs(variance - bound ** 2 / 3) < 5 * seVar,
      `fanIn ${fanIn}: variance ${variance} within 5 SE`,
    );
  }
});

test('initParams is a pure function of the seed; float64 output holds the same draws', () => {
  const layout = paramLayout(7, { width: 5, depth: 2, loss: 'mse' });
  const spec = { init: 'normal', initStd: 0.1 } as const;
  const a = initParams(layout, spec, Rng.fromSeed(11));
  const b = initParams(layout, spec, Rng.fromSeed(11));
  const c = initParams(layout, spec, Rng.fromSeed(12));
  const d = initParams(layout, spec, Rng.fromSeed(11), new Float64Array(layout.size));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.deepEqual(Float32Array.from(d), a);
  assert.throws(() => initParams(layout, spec, Rng.fromSeed(1), new Float32Array(3)), RangeError);
});
