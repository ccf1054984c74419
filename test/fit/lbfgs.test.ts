import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lbfgs, type Objective } from '../../src/fit/lbfgs.ts';

/** The n-dimensional Rosenbrock function Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
const rosenbrock: Objective = (x, grad) => {
  grad.fill(0);
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const t = x[i + 1] - x[i] * x[i];
    f += 100 * t * t + (1 - x[i]) ** 2;
    grad[i] += -400 * t * x[i] - 2 * (1 - x[i]);
    grad[i + 1] += 200 * t;
  }
  return f;
};

test('lbfgs minimises Rosenbrock from (−1.2, 1) and in 10 dimensions (x to 1e-6, converged)', () => {
  for (const x0 of [[-1.2, 1], Array.from({ length: 10 }, (_, i) => (i % 2 ? 1 : -1.2))]) {
    const r = lbfgs(rosenbrock, x0);
    assert.ok(r.converged, `converged from ${x0.length}-d start`);
    for (const xi of r.x) assert.ok(Math.abs(xi - 1) < 1e-6, `x_i = ${xi} within 1e-6 of 1`);
    assert.ok(r.value < 1e-12, `f = ${r.value} < 1e-12`);
    assert.ok(r.iterations < 200, `${r.iterations} iterations < 200`);
  }
});

test('lbfgs on an ill-conditioned quadratic (condition 1e6) reaches the minimum to 1e-6', () => {
  const scales = [1, 1e2, 1e4, 1e6];
  const quadratic: Objective = (x, grad) => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      f += 0.5 * scales[i] * (x[i] - i) ** 2;
      grad[i] = scales[i] * (x[i] - i);
    }
    return f;
  };
  const r = lbfgs(quadratic, [10, 10, 10, 10], { gradTol: 1e-9 });
  assert.ok(r.converged);
  r.x.forEach((xi, i) => assert.ok(Math.abs(xi - i) < 1e-6, `x_${i} = ${xi} within 1e-6 of ${i}`));
});

test('lbfgs reports converged = false when stopped by maxIterations, and does not modify x0', () => {
  const x0 = [-1.2, 1];
  const r = lbfgs(rosenbrock, x0, { maxIterations: 3 });
  assert.equal(r.iterations, 3);
  assert.equal(r.converged, false);
  assert.deepEqual(x0, [-1.2, 1]);
});
