import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipfProbs } from '../../src/task/zipf.ts';
import { computeFrontier } from '../../src/theory/compute.ts';
import { emergenceTime, saturationTime } from '../../src/theory/emergence.ts';
import { skillStrengths, totalLoss } from '../../src/theory/loss.ts';
import { scalingPrefactors } from '../../src/theory/prefactors.ts';
import { runCli } from '../helpers/cli.ts';

function json(args: string[]) {
  const r = runCli(['theory', ...args, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('emergence theory prefactors --json: exponents and prefactors as scalingPrefactors gives them (exact)', () => {
  const out = json(['prefactors', '--alpha', '0.6']);
  assert.deepEqual(out, scalingPrefactors(0.6, { S: 1, r0: 0.01, eta: 1 }));
  assert.deepEqual(Object.keys(out.prefactors), ['time', 'data', 'params', 'compute']);
});

test('emergence theory curve --resource time --per-skill: Eq. 12 and Eq. 11 at each T, N cut (exact)', () => {
  const out = json(
    ['curve', '--resource', 'time', '--alpha', '0.6', '--skills', '20', '--N', '12'].concat([
      '--S',
      '5',
      '--at',
      '0.5,3,40',
      '--per-skill',
    ]),
  );
  const model = { probs: zipfProbs(20, 0.6), S: 5, r0: 0.01, eta: 1, N: 12 };
  assert.deepEqual(
    out.points,
    [0.5, 3, 40].map((T) => ({ x: T, loss: totalLoss(T, model), R: Array.from(skillStrengths(T, model)) })),
  );
});

test('emergence theory curve --resource compute adds the optimal N and T (exact against computeFrontier)', () => {
  const out = json(['curve', '--resource', 'compute', '--alpha', '0.9', '--skills', '300', '--at', '1e4']);
  const best = computeFrontier(1e4, { alpha: 0.9, skills: 300 });
  assert.deepEqual(out.points, [{ x: 1e4, loss: best.loss, N: best.N, T: best.T }]);
});

test('emergence theory emergence --json: Eq. 40 for every skill with the rate scale (exact)', () => {
  const out = json(['emergence', '--alpha', '0.6', '--skills', '5', '--S', '5', '--rate-scale', '0.25']);
  const rates = { S: 5, r0: 0.01, eta: 1, rateScale: 0.25 };
  assert.deepEqual(
    out.skills,
    Array.from(zipfProbs(5, 0.6), (p, i) => ({
      k: i + 1,
      p,
      tauE: emergenceTime(p, 0.05, rates),
      tauS: saturationTime(p, 0.05, rates),
    })),
  );
});

test('bad theory input exits 2 with one line naming the flag', () => {
  for (const [args, message] of [
    [
      ['curve', '--resource', 'time', '--alpha', '0.6', '--skills', '5', '--r0', '2', '--at', '1'],
      /^error: r0 must be < S = 1 \(got 2\)\n$/,
    ],
    [
      ['emergence', '--alpha', '0.6', '--skills', '5', '--epsilon', '0.5'],
      /^error: epsilon must be in \(0, ½\) \(got 0.5\)\n$/,
    ],
  ] as const) {
    const r = runCli(['theory', ...args]);
    assert.equal(r.code, 2, `exit code for ${args.join(' ')}`);
    assert.match(r.stderr, message);
  }
});
