import assert from 'node:assert/strict';
import { test } from 'node:test';
import { holdoutScore } from '../../src/fit/holdout.ts';
import { powerLaw } from '../../src/fit/powerLaw.ts';
import { logspace, syntheticRuns } from '../helpers/scaling.ts';

const xs = logspace(1, 5, 9);

test('holdoutScore on an exact power law predicts the held-out scale to 1e-6', () => {
  const [points] = syntheticRuns({ a: 3, b: 0.6, xs, runs: 1, noise: 0, seed: 1 });
  const s = holdoutScore(points);
  assert.equal(s.predictions.length, 1);
  assert.equal(s.predictions[0].x, xs[8]);
  assert.ok(s.rmsLogError < 1e-6 && s.meanAbsRelativeError < 1e-6, JSON.stringify(s.predictions));
});

test('holdoutScore holds out every run at the largest heldOut scales and fits only below them', () => {
  const runs = syntheticRuns({ a: 3, b: 0.6, c: 0.05, xs, runs: 3, noise: 0.02, seed: 2 });
  const s = holdoutScore(runs.flat(), { offset: true, heldOut: 2 });
  assert.deepEqual(
    s.predictions.map((p) => p.x),
    [xs[7], xs[8], xs[7], xs[8], xs[7], xs[8]],
  );
  for (const p of s.predictions) {
    assert.equal(p.predicted, powerLaw(s.fit, p.x));
    assert.ok(Math.abs(p.logError - Math.log(p.predicted / p.y)) < 1e-15);
  }
  assert.ok(s.rmsLogError < 0.1, `with the right model the error is at the noise level: ${s.rmsLogError}`);
});

test('holdoutScore exposes a wrong model: without an offset the extrapolation undershoots a law with one', () => {
  const [points] = syntheticRuns({ a: 3, b: 0.6, c: 0.05, xs, runs: 1, noise: 0.005, seed: 3 });
  const right = holdoutScore(points, { offset: true });
  const wrong = holdoutScore(points, { offset: false });
  assert.ok(
    wrong.predictions[0].relativeError < -0.1,
    `relative error ${wrong.predictions[0].relativeError}`,
  );
  assert.ok(right.rmsLogError < wrong.rmsLogError / 10, `${right.rmsLogError} vs ${wrong.rmsLogError}`);
});

test('holdoutScore rejects heldOut outside [1, distinct x − 1]', () => {
  const [points] = syntheticRuns({ a: 3, b: 0.6, xs, runs: 1, noise: 0, seed: 1 });
  assert.throws(
    () => holdoutScore(points, { heldOut: 9 }),
    /^UsageError: heldOut must be an integer in \[1, 8\]/,
  );
  assert.throws(() => holdoutScore(points, { heldOut: 0 }), /heldOut must be/);
});
