import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scalingExponents } from '../../src/theory/prefactors.ts';
import { bordelonExponents, relatedModels } from '../../src/theory/related.ts';

const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) < 1e-15;

test("relatedModels(α) lists Nam, Michaud, Hutter, Bordelon; Nam's row is Table 4", () => {
  const rows = relatedModels(0.6);
  assert.deepEqual(
    rows.map((r) => r.model.split(' ')[0]),
    ['Nam', 'Michaud', 'Hutter', 'Bordelon'],
  );
  assert.deepEqual(rows[0].exponents, scalingExponents(0.6));
});

test("bordelonExponents(α+1, α+1) reproduces Nam's time, parameter and compute exponents (1e-15)", () => {
  for (const alpha of [0.1, 0.3, 0.6, 0.9, 1.5]) {
    const b = bordelonExponents(alpha + 1, alpha + 1);
    const nam = scalingExponents(alpha);
    assert.ok(close(b.time, nam.time), `α = ${alpha}: time (a−1)/b = α/(α+1)`);
    assert.ok(close(b.params, nam.params), `α = ${alpha}: params min(a−1, 2b) = α`);
    assert.ok(close(b.compute, nam.compute), `α = ${alpha}: compute (a−1)/(b+1) = α/(α+2)`);
    // Their data exponent is the parameter one, not the one-shot learner's α/(α+1).
    assert.ok(close(b.data, alpha) && !close(b.data, nam.data), `α = ${alpha}: data exponent differs`);
  }
});

test('bordelonExponents uses min(a−1, 2b) when the target is smoother than twice the spectrum', () => {
  const b = bordelonExponents(6, 2);
  assert.deepEqual(b, { time: 2.5, data: 4, params: 4, compute: (4 * 5) / (2 * 4 + 5) });
});

test('Michaud and Hutter agree with Nam wherever they give an exponent', () => {
  for (const alpha of [0.3, 0.9]) {
    const [nam, ...others] = relatedModels(alpha);
    for (const row of others.slice(0, 2)) {
      for (const law of ['time', 'data', 'params', 'compute'] as const) {
        const e = row.exponents[law];
        if (e !== null)
          assert.ok(close(e, nam.exponents[law] as number), `${row.model} ${law} at α = ${alpha}`);
      }
    }
  }
});
