import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { huber } from '../../src/fit/huber.ts';
import { fitPowerLaw, powerLaw, powerLawLoss } from '../../src/fit/powerLaw.ts';
import { Rng } from '../../src/task/rng.ts';
import { assertRel } from '../helpers/assert.ts';
import { logspace, syntheticRuns } from '../helpers/scaling.ts';

test('powerLawLoss equals the sum written out (1e-12) and its gradient equals central finite differences (rel 1e-6), with and without offset, repeated x', () => {
  const rng = Rng.fromSeed(3);
  // Two runs at the same x, in interleaved order: the loss groups points by x.
  const xs = logspace(0, 4, 25);
  const logX = Float64Array.from([...xs, ...xs.reverse()], Math.log);
  // Residuals of both Huber regimes: δ = 0.05 against log-noise of 0.1.
  const logY = logX.map((lx) => Math.log(2 * Math.exp(-0.7 * lx) + 0.01) + 0.1 * rng.normal());
  const loss = powerLawLoss(logX, logY, 0.05);
  for (const theta of [
    Float64Array.of(0.5, 0.6),
    Float64Array.of(0.5, 0.6, -4.2),
    Float64Array.of(1, 0.9, -3),
  ]) {
    const grad = new Float64Array(theta.length);
    const value = loss(theta, grad);
    const fit = { a: Math.exp(theta[0]), b: theta[1], c: theta.length === 3 ? Math.exp(theta[2]) : 0 };
    const direct = logX.reduce(
      (sum, lx, i) => sum + huber(Math.log(powerLaw(fit, Math.exp(lx))) - logY[i], 0.05),
      0,
    );
    assertRel(value, direct, 1e-12, 'loss against the sum written out');
    const scratch = new Float64Array(theta.length);
    for (let k = 0; k < theta.length; k++) {
      const h = 1e-6;
      const plus = theta.slice();
      const minus = theta.slice();
      plus[k] += h;
      minus[k] -= h;
      const fd = (loss(plus, scratch) - loss(minus, scratch)) / (2 * h);
      assertRel(grad[k], fd, 1e-6, `∂loss/∂θ_${k} at θ = ${Array.from(theta)}`);
    }
  }
});

test('fitPowerLaw recovers a, b (and c) from seeded noisy data: b to 0.02, a and c to 10 %', () => {
  const xs = logspace(1, 5, 30);
  for (const [a, b, c] of [
    [3, 0.6, 0],
    [50, 0.35, 0],
    [3, 0.6, 0.05],
    [20, 1.1, 0.2],
  ]) {
    const offset = c > 0;
    const [points] = syntheticRuns({ a, b, c, xs, runs: 1, noise: 0.01, seed: 7 });
    const fit = fitPowerLaw(points, { offset });
    assert.ok(fit.converged, `converged for a=${a}, b=${b}, c=${c}`);
    assert.ok(Math.abs(fit.b - b) < 0.02, `b = ${fit.b}, want ${b}`);
    assertRel(fit.a, a, 0.1, `a (b = ${b})`);
    if (offset) assertRel(fit.c, c, 0.1, `c (b = ${b})`);
    else assert.equal(fit.c, 0);
  }
});

test('fitPowerLaw does not depend on the units of x and y (start grid scaled to the data)', () => {
  const [points] = syntheticRuns({
    a: 3,
    b: 0.6,
    c: 0.05,
    xs: logspace(1, 5, 30),
    runs: 1,
    noise: 0.01,
    seed: 2,
  });
  const fit = fitPowerLaw(points, { offset: true });
  const scaled = fitPowerLaw(
    points.map(({ x, y }) => ({ x: 1e6 * x, y: 1e-4 * y })),
    { offset: true },
  );
  assertRel(scaled.b, fit.b, 1e-6, 'b');
  assertRel(scaled.c, 1e-4 * fit.c, 1e-5, 'c in the new units');
  assertRel(scaled.loss, fit.loss, 1e-8, 'loss');
});

test('fitPowerLaw: the loss is a sum (doubling every point doubles it, the fit is unchanged)', () => {
  const [points] = syntheticRuns({ a: 3, b: 0.6, xs: logspace(1, 4, 15), runs: 1, noise: 0.05, seed: 4 });
  const once = fitPowerLaw(points);
  const twice = fitPowerLaw([...points, ...points]);
  assertRel(twice.loss, 2 * once.loss, 1e-9, 'loss of the doubled data');
  assertRel(twice.b, once.b, 1e-6, 'b');
});

test('fitPowerLaw with Huber δ = 1e-3 ignores 10 % outliers (b to 0.02) where least squares (δ = 10) does not', () => {
  const [points] = syntheticRuns({ a: 3, b: 0.6, xs: logspace(1, 5, 40), runs: 1, noise: 0.02, seed: 5 });
  // The four largest-x points ten times too high (e.g. runs that diverged late).
  const corrupted = points.map((p, i) => (i >= 36 ? { x: p.x, y: 10 * p.y } : p));
  const robust = fitPowerLaw(corrupted);
  const squares = fitPowerLaw(corrupted, { delta: 10 });
  assert.ok(Math.abs(robust.b - 0.6) < 0.02, `Huber b = ${robust.b}`);
  assert.ok(Math.abs(squares.b - 0.6) > 0.04, `least-squares b = ${squares.b} pulled by the outliers`);
});

test('powerLaw(fit, x) is a·x^−b + c', () => {
  assert.equal(powerLaw({ a: 2, b: 0.5, c: 1 }, 4), 2);
});

test('fitPowerLaw rejects bad input with one line naming the field', () => {
  const good = [
    { x: 1, y: 1 },
    { x: 2, y: 0.5 },
    { x: 4, y: 0.3 },
  ];
  assert.throws(() => fitPowerLaw([...good, { x: 0, y: 1 }]), {
    name: 'UsageError',
    message: /^points\[3\]\.x must be/,
  });
  assert.throws(
    () => fitPowerLaw([...good, { x: 8, y: -1 }]),
    /^UsageError: points\[3\]\.y must be a finite number > 0 \(got -1\)$/,
  );
  assert.throws(() => fitPowerLaw(good.slice(0, 2), { offset: true }), UsageError);
  assert.throws(() => fitPowerLaw(good, { delta: 0 }), /delta must be/);
  assert.doesNotThrow(() => fitPowerLaw(good.slice(0, 2)));
});
