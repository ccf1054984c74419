import assert from 'node:assert/strict';
import { test } from 'node:test';
import { saxeModeStrength } from '../../src/theory/saxe.ts';
import { simulateFlow } from '../../src/theory/simulate.ts';

/** The mode values λ of the paper's Fig. 5(c). */
const LAMBDAS = [1, 0.5, 0.25];

test('Eq. 25 matches the integrated flow of a mode, d(ab)/dt from da/dt = η·b(λ − ab) (1e-9 relative)', () => {
  const times = Float64Array.from({ length: 101 }, (_, i) => i);
  for (const lambda of LAMBDAS) {
    const sim = simulateFlow({ rates: Float64Array.of(1), S: lambda, r0: 1e-3, eta: 0.1 }, times);
    sim.forEach((R, i) => {
      const want = saxeModeStrength(times[i], lambda, 1e-3, 0.1);
      assert.ok(Math.abs(R[0] / want - 1) < 1e-9, `λ = ${lambda}, t = ${times[i]}: ${R[0]} vs ${want}`);
    });
  }
});

test('Eq. 25 is ½ at t = ln(λ/(a0·b0) − 1)/(2ηλ) and a0·b0/λ at t = 0 (1e-12)', () => {
  for (const lambda of LAMBDAS) {
    const t = Math.log(lambda / 1e-3 - 1) / (2 * 0.1 * lambda);
    assert.ok(Math.abs(saxeModeStrength(t, lambda, 1e-3, 0.1) - 0.5) < 1e-12, `λ = ${lambda}`);
  }
  assert.equal(saxeModeStrength(0, 0.5, 1e-3, 1), 1e-3 / 0.5, 'starts at a0·b0/λ');
});
