import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FitPoint } from '../../src/fit/powerLaw.ts';
import { bootstrapScalar, fitScalar } from '../../src/fit/scalar.ts';
import { Rng } from '../../src/task/rng.ts';
import { assertRel } from '../helpers/assert.ts';

/** A sigmoidal emergence curve y = 1/(1 + e^{−(x − θ)/10}): θ plays the part of an emergence time. */
const sigmoid = (theta: number, p: FitPoint) => 1 / (1 + Math.exp(-(p.x - theta) / 10));

function curves(theta: number, runs: number, noise: number, seed: number): FitPoint[][] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: runs }, () => {
    const shift = noise * rng.normal();
    return Array.from({ length: 40 }, (_, i) => ({
      x: 5 * i,
      y: sigmoid(theta + shift, { x: 5 * i, y: 0 }),
    }));
  });
}

test('fitScalar recovers θ of an exact model to 1e-7 (a minimum determines x to ~√ε), on a log or a linear grid', () => {
  const [points] = curves(80, 1, 0, 1);
  for (const scale of ['log', 'linear'] as const) {
    const fit = fitScalar(sigmoid, points, { lo: 10, hi: 200, scale });
    assertRel(fit.theta, 80, 1e-7, `θ (${scale} grid)`);
    assert.ok(fit.bracketed && fit.loss < 1e-12, `loss ${fit.loss}`);
  }
});

test('fitScalar widens the bracket when the minimum lies beyond it (θ = 80 from [1000, 5000] and [1, 2])', () => {
  const [points] = curves(80, 1, 0, 1);
  for (const [lo, hi] of [
    [1000, 5000],
    [1, 2],
  ]) {
    const fit = fitScalar(sigmoid, points, { lo, hi });
    assert.ok(fit.bracketed, `bracketed from [${lo}, ${hi}]`);
    assertRel(fit.theta, 80, 1e-7, `θ from [${lo}, ${hi}]`);
  }
  const stuck = fitScalar(sigmoid, points, { lo: 1000, hi: 5000, maxExpansions: 0 });
  assert.equal(stuck.bracketed, false);
  assertRel(stuck.theta, 1000, 1e-14, 'θ at the bracket end');
});

test('fitScalar rejects a log grid with lo ≤ 0 and hi ≤ lo', () => {
  const [points] = curves(80, 1, 0, 1);
  assert.throws(() => fitScalar(sigmoid, points, { lo: 0, hi: 1 }), /^UsageError: lo must be a number > 0/);
  assert.throws(() => fitScalar(sigmoid, points, { lo: 2, hi: 1 }), /^UsageError: hi must be/);
});

test('bootstrapScalar: the interval over runs contains the truth and the fit, and shrinks with more runs', () => {
  const few = bootstrapScalar(sigmoid, curves(80, 5, 4, 2), { lo: 10, hi: 200, resamples: 200 });
  const many = bootstrapScalar(sigmoid, curves(80, 40, 4, 3), { lo: 10, hi: 200, resamples: 200 });
  for (const r of [few, many]) {
    assert.ok(r.interval.lo <= 80 && 80 <= r.interval.hi, JSON.stringify(r.interval));
    assert.ok(r.interval.lo <= r.fit.theta && r.fit.theta <= r.interval.hi);
    assert.equal(r.unbracketed, 0);
  }
  const width = (r: typeof few) => r.interval.hi - r.interval.lo;
  assert.ok(width(many) < width(few) / 1.5, `widths ${width(many)} vs ${width(few)}`);
});
