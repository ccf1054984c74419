import assert from 'node:assert/strict';
import { test } from 'node:test';
import gamma from '@stdlib/math-base-special-gamma';
import { upperGamma } from '../../src/theory/special.ts';
import { assertRel } from '../helpers/assert.ts';

test('upperGamma(s, x): Γ(s, 0) = Γ(s), Γ(1, x) = e^{-x}, Γ(2, x) = (1 + x)e^{-x} (1e-13 relative)', () => {
  for (const s of [0.1, 0.375, 0.5, 1.7]) assertRel(upperGamma(s, 0), gamma(s), 1e-13, `Γ(${s}, 0)`);
  for (const x of [0.01, 1, 30, 500]) {
    assertRel(upperGamma(1, x), Math.exp(-x), 1e-13, `Γ(1, ${x})`);
    assertRel(upperGamma(2, x), (1 + x) * Math.exp(-x), 1e-13, `Γ(2, ${x})`);
  }
});

test('upperGamma obeys Γ(s+1, x) = s·Γ(s, x) + x^s e^{-x} for the Thm 5 exponents s = α/(α+1) (1e-12)', () => {
  for (const alpha of [0.1, 0.3, 0.6, 0.9]) {
    const s = alpha / (alpha + 1);
    for (const x of [1e-6, 0.3, 2, 40]) {
      const want = s * upperGamma(s, x) + x ** s * Math.exp(-x);
      assertRel(upperGamma(s + 1, x), want, 1e-12, `s = ${s}, x = ${x}`);
    }
  }
});

test('upperGamma(s, x) is NaN for s ≤ 0 or x < 0', () => {
  assert.ok(Number.isNaN(upperGamma(0, 1)), 's = 0');
  assert.ok(Number.isNaN(upperGamma(0.5, -1)), 'x < 0');
});
