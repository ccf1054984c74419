import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bootstrapPowerLaw, bootstrapRuns, percentileInterval } from '../../src/fit/bootstrap.ts';
import { fitPowerLaw } from '../../src/fit/powerLaw.ts';
import { logspace, syntheticRuns } from '../helpers/scaling.ts';

test('percentileInterval uses R-7 quantiles: [1..5] at level 0.5 is [2, 4], at 0.8 is [1.4, 4.6]', () => {
  assert.deepEqual(percentileInterval([5, 3, 1, 4, 2], 0.5), { lo: 2, hi: 4 });
  const i = percentileInterval([1, 2, 3, 4, 5], 0.8);
  assert.ok(Math.abs(i.lo - 1.4) < 1e-12 && Math.abs(i.hi - 4.6) < 1e-12, JSON.stringify(i));
  assert.throws(() => percentileInterval([1, 2], 1), /^UsageError: level must be in \(0, 1\)/);
});

test('bootstrapRuns draws whole runs with replacement, the same for the same seed, within each stratum', () => {
  const runs = ['a1', 'a2', 'a3', 'b1', 'b2'];
  const draws = bootstrapRuns(runs, (s) => s.join(), { resamples: 50, seed: 9 });
  assert.deepEqual(
    bootstrapRuns(runs, (s) => s.join(), { resamples: 50, seed: 9 }),
    draws,
    'same seed',
  );
  assert.notDeepEqual(
    bootstrapRuns(runs, (s) => s.join(), { resamples: 50, seed: 10 }),
    draws,
    'other seed',
  );
  assert.ok(
    draws.some((d) => new Set(d.split(',')).size < 5),
    'some resample repeats a run',
  );
  const stratified = bootstrapRuns(runs, (s) => s, { resamples: 200, seed: 1, stratum: (r) => r[0] });
  for (const s of stratified) {
    assert.equal(s.filter((r) => r[0] === 'a').length, 3, `three a-runs in ${s}`);
    assert.equal(s.filter((r) => r[0] === 'b').length, 2, `two b-runs in ${s}`);
  }
  assert.throws(
    () => bootstrapRuns(['x'], (s) => s),
    /^UsageError: runs \(stratum 0\) must be at least 2 runs/,
  );
});

const LAW = { a: 3, b: 0.6, xs: logspace(1, 4, 5), runs: 20, noise: 0.01, runSpread: 0.05 };

test('bootstrapPowerLaw: 90 % intervals over runs cover the true b in 80–97 % of 100 synthetic experiments', () => {
  let covered = 0;
  const experiments = 100;
  for (let seed = 1; seed <= experiments; seed++) {
    const runs = syntheticRuns({ ...LAW, seed });
    // refine: 1 is exact here: without an offset the loss is convex in (log a, b).
    const { b } = bootstrapPowerLaw(runs, { refine: 1, resamples: 100, level: 0.9, seed });
    if (b.lo <= LAW.b && LAW.b <= b.hi) covered++;
  }
  const rate = covered / experiments;
  assert.ok(rate >= 0.8 && rate <= 0.97, `coverage ${rate}`);
});

test('on correlated runs the interval from resampling runs is over twice as wide as from resampling points', () => {
  // Twenty points per run: the more points share a run's tilt, the more a point bootstrap understates it.
  const runs = syntheticRuns({ ...LAW, xs: logspace(1, 4, 20), seed: 1 });
  const byRuns = bootstrapPowerLaw(runs, { refine: 1, resamples: 300 }).b;
  const byPoints = percentileInterval(
    bootstrapRuns(runs.flat(), (sample) => fitPowerLaw(sample, { refine: 1 }).b, { resamples: 300 }),
  );
  const ratio = (byRuns.hi - byRuns.lo) / (byPoints.hi - byPoints.lo);
  assert.ok(ratio > 2, `width ratio runs/points = ${ratio}`);
});

test('bootstrapPowerLaw returns the fit to all runs and intervals around it', () => {
  const runs = syntheticRuns({ ...LAW, c: 0.05, seed: 3 });
  const r = bootstrapPowerLaw(runs, { offset: true, resamples: 30 });
  assert.deepEqual(r.fit, fitPowerLaw(runs.flat(), { offset: true }));
  for (const key of ['a', 'b', 'c'] as const) {
    assert.ok(
      r[key].lo <= r.fit[key] && r.fit[key] <= r[key].hi,
      `${key} = ${r.fit[key]} in ${JSON.stringify(r[key])}`,
    );
  }
  assert.equal(r.unconverged, 0);
});
