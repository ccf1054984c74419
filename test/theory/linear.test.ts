import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linearSkillStrength } from '../../src/theory/linear.ts';
import { skillStrength } from '../../src/theory/multilinear.ts';

// The ODE route (simulateLinearFlow against Eq. 125) is in simulate.test.ts.

test('Eq. 125: w/S = 1 − 1/e at T = 1/(η·q), 0 at T = 0, → 1 (1e-15)', () => {
  assert.equal(linearSkillStrength(0, 0.3, 2), 0);
  assert.ok(Math.abs(linearSkillStrength(1 / (2 * 0.3), 0.3, 2) - (1 - Math.exp(-1))) < 1e-15);
  assert.equal(linearSkillStrength(Infinity, 0.3, 2), 1);
  const tiny = linearSkillStrength(1e-12, 1, 1);
  assert.ok(Math.abs(tiny / 1e-12 - 1) < 1e-11, `no cancellation at small T (expm1): ${tiny}`);
});

test('Fig. 10 (S = 1, R(0) = 0.01): at T = 1/(η·q) the linear model is at 1 − 1/e, the multilinear one still below 0.07', () => {
  for (const q of [0.5, 0.2, 0.1]) {
    const T = 1 / q;
    const linear = linearSkillStrength(T, q, 1);
    // Eq. 11: 1/(1 + 99·e^{−2}) = 0.0695 whatever q, since u = η·q·S·T = 1.
    const multi = skillStrength(q * T, 1, 0.01);
    assert.ok(
      Math.abs(linear - (1 - Math.exp(-1))) < 1e-15 && multi < 0.07,
      `q = ${q}: ${linear} vs ${multi}`,
    );
  }
});
