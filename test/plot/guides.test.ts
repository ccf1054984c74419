import assert from 'node:assert/strict';
import { test } from 'node:test';
import { powerLawGuide, powerLawLabel, significant } from '../../src/plot/guides.ts';

test('powerLawLabel(a, p, v) prints 3 significant digits and a 3-decimal exponent with a unicode minus', () => {
  assert.equal(powerLawLabel(1.2, -0.375, 'T'), '1.20·T^−0.375', 'exact');
  assert.equal(powerLawLabel(0.4239, -0.3, 'N'), '0.424·N^−0.300', 'exact');
  assert.equal(powerLawLabel(0.5, -0.3 / 1.3, 'T'), '0.500·T^−0.231', 'exact (α = 0.3)');
});

test('significant(x) replaces e-notation by ×10ⁿ', () => {
  assert.equal(significant(12345), '1.23×10⁴', 'exact');
  assert.equal(significant(0.000123456), '0.000123', 'exact');
  assert.equal(significant(-2.5), '−2.50', 'exact');
});

test('powerLawGuide(...) is a dotted two-point series on A·x^p', () => {
  const g = powerLawGuide({ prefactor: 2, exponent: -0.5, variable: 'D', domain: [1, 100] });
  assert.equal(g.dash, 'dotted', 'exact');
  assert.equal(g.name, '2.00·D^−0.500', 'exact');
  assert.deepEqual(
    g.points,
    [
      { x: 1, y: 2 },
      { x: 100, y: 0.2 },
    ],
    'exact: 2·100^−½ = 0.2',
  );
});
