import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { preset } from '../../src/experiment/presets.ts';
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

test('emergence theory emergence --json: Eq. 40 at ε, ½, 1 − ε for every skill with B² (exact)', () => {
  const out = json([
    'emergence',
    '--alpha',
    '0.6',
    '--skills',
    '5',
    '--S',
    '5',
    '--B2',
    '0.25',
    '--epsilon',
    '0.1',
  ]);
  const rates = { S: 5, r0: 0.01, eta: 1, rateScale: 0.25 };
  assert.deepEqual(out.constants, { eta: 1, S: 5, r0: 0.01, B2: 0.25 });
  assert.equal(out.unit, 'T');
  assert.deepEqual(out.levels, [0.1, 0.5, 0.9]);
  assert.deepEqual(
    out.skills,
    Array.from(zipfProbs(5, 0.6), (p, i) => ({
      k: i + 1,
      p,
      at: {
        '0.1': emergenceTime(p, 0.1, rates),
        '0.5': emergenceTime(p, 0.5, rates),
        '0.9': emergenceTime(p, 0.9, rates),
      },
    })),
  );
  // τ_s(ε) (Eq. 40) is the time from ε to 1 − ε.
  const { at } = out.skills[2];
  assert.ok(Math.abs((at['0.9'] - at['0.1']) / saturationTime(zipfProbs(5, 0.6)[2], 0.1, rates) - 1) < 1e-12);
});

test('emergence theory emergence --preset fig1a: the steps of the authors’ time plot, η = 2·lr, R_k(0) = σ²/3.6', () => {
  const out = json(['emergence', '--preset', 'fig1a']);
  assert.deepEqual(out.constants, { eta: 0.04, S: 5, r0: 0.01 ** 2 / 3.6, B2: 1 / 22 });
  assert.equal(out.unit, 'step');
  // The authors' plotting code evaluated at n_s = 5, α = 0.6, S = 5, lr = 0.02, init = 0.01 (§5.1).
  const want = {
    '0.05': [850, 2576, 4928, 7808, 11159],
    '0.5': [1123, 3404, 6513, 10319, 14747],
    '0.95': [1396, 4232, 8097, 12830, 18336],
  };
  for (const [level, steps] of Object.entries(want)) {
    assert.deepEqual(
      out.skills.map((s: { at: Record<string, number> }) => Math.round(s.at[level])),
      steps,
      `R/S = ${level}`,
    );
  }
});

test('emergence theory emergence --from-config: mse-half at twice the lr is the same η, so the same steps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'theory-config-'));
  try {
    const file = join(dir, 'run.json');
    writeFileSync(
      file,
      JSON.stringify({
        ...preset('fig1a'),
        model: { loss: 'mse-half', initStd: 0.01 },
        optimizer: { lr: 0.04 },
      }),
    );
    const fromFile = json(['emergence', '--from-config', file, '--B2', '0.1']);
    const fromPreset = json(['emergence', '--preset', 'fig1a', '--B2', '0.1']);
    assert.deepEqual(fromFile, fromPreset);
    const levels = json(['emergence', '--preset', 'fig1a', '--epsilon', '0.07']);
    assert.deepEqual(levels.levels, [0.07, 0.5, 0.93]);
    assert.deepEqual(Object.keys(levels.skills[0].at), ['0.07', '0.5', '0.93']);
    const halved = json(['emergence', '--preset', 'fig1a', '--r0', String(0.01 ** 2 / 7.2)]);
    assert.ok(halved.skills[0].at['0.5'] > json(['emergence', '--preset', 'fig1a']).skills[0].at['0.5']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
    [
      ['emergence', '--preset', 'fig1c'],
      /^error: optimizer.name must be "sgd" \(got "adam"\) to predict emergence/,
    ],
    [['emergence', '--preset', 'fig1a', '--skills', '3'], /^error: --skills cannot be given with --preset/],
    [
      ['emergence', '--skills', '3'],
      /^error: give --alpha and --skills, or a run with --preset or --from-config\n$/,
    ],
    [
      ['emergence', '--from-config', '/nonexistent.json'],
      /^error: --from-config must name a readable JSON file/,
    ],
  ] as const) {
    const r = runCli(['theory', ...args]);
    assert.equal(r.code, 2, `exit code for ${args.join(' ')}`);
    assert.match(r.stderr, message);
  }
});
