import assert from 'node:assert/strict';
import { test } from 'node:test';
import { solveOde } from '../../src/theory/ode.ts';

/** y′ = c·y^power, the scalar test equations. */
function power(c: number, p: number) {
  return (_t: number, y: Float64Array, dy: Float64Array) => {
    dy[0] = c * y[0] ** p;
  };
}

test('solveOde: y′ = −y gives e^{−t} at the requested times (1e-9 relative at rtol 1e-11)', () => {
  const times = [0, 0.1, 1, 5, 20];
  const ys = solveOde(power(-1, 1), [1], times, { rtol: 1e-11, atol: 1e-300 });
  times.forEach((t, i) => {
    const rel = Math.abs(ys[i][0] / Math.exp(-t) - 1);
    assert.ok(rel < 1e-9, `t = ${t}: got ${ys[i][0]}, rel err ${rel} ≥ 1e-9`);
  });
});

test('solveOde: the harmonic oscillator is back at (1, 0) after 10 periods (1e-8 absolute)', () => {
  const T = 20 * Math.PI;
  const [, y] = solveOde(
    (_t, y, dy) => {
      dy[0] = y[1];
      dy[1] = -y[0];
    },
    [1, 0],
    [0, T],
  );
  assert.ok(Math.abs(y[0] - Math.cos(T)) < 1e-8 && Math.abs(y[1] + Math.sin(T)) < 1e-8, `y(20π) = ${y}`);
});

test('solveOde: the global error shrinks like the tolerance (rtol 1e-6 → 1e-9: error drops ≥ 100×)', () => {
  const exact = 1 / (1 + 99 * Math.exp(-10));
  const logistic = (_t: number, y: Float64Array, dy: Float64Array) => {
    dy[0] = y[0] * (1 - y[0]);
  };
  const err = (rtol: number) =>
    Math.abs(solveOde(logistic, [0.01], [0, 10], { rtol, atol: 1e-16 })[1][0] - exact);
  assert.ok(err(1e-9) * 100 < err(1e-6), `errors ${err(1e-6)} → ${err(1e-9)}`);
});

test('solveOde rejects decreasing times and stops at the step budget', () => {
  assert.throws(() => solveOde(power(1, 1), [1], [0, 2, 1]), /non-decreasing/);
  assert.throws(() => solveOde(power(1, 2), [1], [0, 2], { maxSteps: 500 }), /more than 500 steps/);
});
