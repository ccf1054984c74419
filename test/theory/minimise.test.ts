import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brentMinimise, gridBrentMinimise, integerMinimise } from '../../src/theory/minimise.ts';

test('brentMinimise finds the minimum of cos on [2, 5] at π and of a quartic (x to 1e-8)', () => {
  const m = brentMinimise(Math.cos, 2, 5);
  assert.ok(Math.abs(m.x - Math.PI) < 1e-8, `x = ${m.x} within 1e-8 of π`);
  assert.ok(Math.abs(m.value + 1) < 1e-15, 'cos(π) = −1 within 1e-15');
  const q = brentMinimise((x) => (x - 0.3) ** 4 + 2, -10, 10);
  // A quartic is flat at its minimum, so x is only determined to ~ε^{1/4}.
  assert.ok(Math.abs(q.x - 0.3) < 1e-3, `quartic x = ${q.x} within 1e-3 of 0.3`);
});

test('gridBrentMinimise brackets a minimum far from the middle and returns grid-end minima as is', () => {
  const m = gridBrentMinimise((x) => Math.exp(x) - 2 * x, -20, 10, { points: 61 });
  assert.ok(Math.abs(m.x - Math.LN2) < 1e-8, `x = ${m.x} within 1e-8 of ln 2`);
  const edge = gridBrentMinimise((x) => x, 0, 1);
  assert.equal(edge.x, 0, 'increasing function: minimum at the left end');
});

test('integerMinimise(f, lo, hi) equals brute force on unimodal integer functions', () => {
  for (const centre of [1, 2, 37.4, 500.5, 998, 1000]) {
    for (const power of [1, 2, 0.5]) {
      const f = (n: number) => Math.abs(n - centre) ** power + 1e-3 * n;
      let best = 1;
      for (let n = 2; n <= 1000; n++) if (f(n) < f(best)) best = n;
      const m = integerMinimise(f, 1, 1000);
      assert.equal(m.x, best, `centre ${centre}, power ${power}: brute-force argmin`);
      assert.equal(m.value, f(best), 'value at the argmin');
    }
  }
});
