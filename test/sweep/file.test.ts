import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { mergeRunConfig, preset } from '../../src/experiment/presets.ts';
import { runId } from '../../src/results/run-id.ts';
import { expandSweep } from '../../src/sweep/expand.ts';
import { parseSweepFile, readSweepFile } from '../../src/sweep/file.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-sweep-file-'));
after(() => rmSync(root, { recursive: true, force: true }));

const plan = (input: unknown) => expandSweep(parseSweepFile(input), root);

/** The UsageError that planning `input` throws. */
function planError(input: unknown): string {
  try {
    plan(input);
  } catch (e) {
    assert.ok(e instanceof UsageError, `a UsageError, not ${(e as Error).stack}`);
    assert.doesNotMatch(e.message, /\n/, 'one line');
    return e.message;
  }
  assert.fail(`no error for ${JSON.stringify(input)}`);
}

const fig11a = { preset: 'fig11a', set: { steps: 40 } };

test('each bad sweep file gives one line naming the field path and what it allows', () => {
  const cases: [unknown, RegExp][] = [
    [{ ...fig11a, grid: { width: [16, 'x'] } }, /^grid\.width\[1\] must be a number \(got "x"\)$/],
    [
      { ...fig11a, grid: { width: [16, 0] } },
      /^grid\.width\[1\] must be an integer from 1 to \d+ \(got 0\)$/,
    ],
    [{ ...fig11a, grid: { width: [] } }, /^grid\.width must be a non-empty list \(got \[\]\)$/],
    [{ ...fig11a, grid: { width: 16 } }, /^grid\.width must be a non-empty list \(got 16\)$/],
    [
      { ...fig11a, grid: { widht: [16] } },
      /^unknown field grid\.widht: grid takes .*\bwidth\b.*\binit-std\b/,
    ],
    [{ ...fig11a, set: { seed: 1 } }, /^unknown field set\.seed \(give seeds\): set takes /],
    [{ ...fig11a, set: { threads: 2 } }, /^unknown field set\.threads \(the sweep chooses threads\)/],
    [{ ...fig11a, set: { lr: '0.1' } }, /^set\.lr must be a number \(got "0\.1"\)$/],
    [{ ...fig11a, set: { lr: -1 } }, /^set\.lr must be a finite number > 0 \(got -1\)$/],
    [
      { ...fig11a, set: { activation: 'gelu' } },
      /^set\.activation must be one of relu, tanh, sigmoid \(got "gelu"\)$/,
    ],
    [{ ...fig11a, seeds: [] }, /^seeds must be a non-empty list of integers ≥ 0 \(got \[\]\)$/],
    [{ ...fig11a, seeds: [1, -2] }, /^seeds\[1\] must be an integer ≥ 0 \(got -2\)$/],
    [
      { ...fig11a, grids: {} },
      /^unknown field grids: a sweep file takes preset, config, set, grid, seeds, pack$/,
    ],
    [
      { ...fig11a, seeds: { data: 1, init: [] } },
      /^seeds\.init must be a non-empty list of integers ≥ 0 \(got \[\]\)$/,
    ],
    [{ ...fig11a, seeds: { init: [1] } }, /^seeds/],
    [{ ...fig11a, pack: 'yes' }, /^pack must be true or false \(got "yes"\)$/],
    [{ preset: 'fig12' }, /^preset must be one of fig1a, .*fig11a.* \(got "fig12"\)$/],
    [{ preset: 11 }, /^preset must be a preset name \(got 11\)$/],
    [
      { ...fig11a, config: 'missing.json' },
      /^config must name a readable JSON file \(got ".*missing\.json"\)$/,
    ],
    [{ ...fig11a, config: 3 }, /^config must be a run config object or the path of a JSON file \(got 3\)$/],
    [[fig11a], /^the sweep file must be a JSON object \(got \[/],
  ];
  for (const [input, message] of cases) assert.match(planError(input), message, JSON.stringify(input));
});

test('a sweep file that is missing or not JSON gives one line naming it', () => {
  assert.throws(
    () => readSweepFile(join(root, 'none.json')),
    /^UsageError: FILE must name a readable JSON file/,
  );
  writeFileSync(join(root, 'bad.json'), '{"preset": ');
  assert.throws(
    () => readSweepFile(join(root, 'bad.json')),
    /^UsageError: FILE .*bad\.json is not valid JSON/,
  );
});

test('the grid is crossed with the seeds, each run resolved as `emergence train` resolves its flags', () => {
  const runs = plan({
    preset: 'fig11a',
    set: { steps: 40, batch: 64, init: 0.05 },
    grid: { width: [16, 24, 32], lr: [0.01, 0.02] },
    seeds: [1, 2],
  });
  assert.equal(runs.length, 3 * 2 * 2);
  assert.equal(new Set(runs.map((r) => r.id)).size, 12, 'distinct ids');
  const run = runs.find((r) => r.values.width === 24 && r.values.lr === 0.02 && r.values.seed === 2);
  assert.ok(run);
  // `--init 0.05` means normal init with σ = 0.05, as on the command line.
  const expected = parseRunConfig(
    mergeRunConfig(preset('fig11a'), {
      steps: 40,
      data: { batch: 64 },
      model: { width: 24, init: 'normal', initStd: 0.05 },
      optimizer: { lr: 0.02 },
      seed: 2,
    }),
  );
  assert.deepEqual(run.config, expected);
  assert.equal(run.id, runId(expected));
  // The first grid key varies slowest, the seeds fastest.
  assert.deepEqual(
    runs.slice(0, 3).map((r) => r.values),
    [
      { width: 16, lr: 0.01, seed: 1 },
      { width: 16, lr: 0.01, seed: 2 },
      { width: 16, lr: 0.02, seed: 1 },
    ],
  );
});

test('split seeds: every data seed with every init seed, the init seed alone in initSeed; a plain list keeps its meaning', () => {
  const runs = plan({ ...fig11a, grid: { width: [2, 3] }, seeds: { data: 7, init: [0, 1] } });
  assert.deepEqual(
    runs.map((r) => [r.config.model.width, r.config.seed, r.config.initSeed]),
    [
      [2, 7, 0],
      [2, 7, 1],
      [3, 7, 0],
      [3, 7, 1],
    ],
  );
  assert.deepEqual(runs[1].values, { width: 2, seed: 7, initSeed: 1 });
  const plain = plan({ ...fig11a, seeds: [4] });
  assert.equal(plain[0].config.initSeed, undefined);
  assert.equal(plain[0].config.seed, 4);
});

test('run ids do not depend on the order of keys; points that resolve alike are one run', () => {
  const a = plan({
    preset: 'fig11a',
    set: { steps: 40, batch: 64 },
    grid: { width: [16, 24], lr: [0.01] },
    seeds: [3],
  });
  const b = plan({
    seeds: [3],
    grid: { lr: [0.01], width: [16, 24] },
    set: { batch: 64, steps: 40 },
    preset: 'fig11a',
  });
  assert.deepEqual(a.map((r) => r.id).sort(), b.map((r) => r.id).sort());
  // width 16 twice, and `steps` given in set and again (equal) in the grid: 2 runs, not 4.
  const dup = plan({ ...fig11a, grid: { width: [16, 16, 24], steps: [40] }, seeds: [1, 1] });
  assert.equal(dup.length, 2);
  assert.deepEqual(
    dup.map((r) => r.config.model.width),
    [16, 24],
  );
});

test('a config file is read relative to the sweep file, and the grid overrides set, which overrides it', () => {
  writeFileSync(
    join(root, 'base.json'),
    JSON.stringify({ model: { width: 7 }, optimizer: { lr: 0.3 }, steps: 9 }),
  );
  const [run] = plan({ preset: 'fig11a', config: 'base.json', set: { lr: 0.1 }, grid: { steps: [5] } });
  assert.equal(run.config.model.width, 7);
  assert.equal(run.config.optimizer.lr, 0.1);
  assert.equal(run.config.steps, 5);
  assert.equal(run.config.task.skills, 1, 'the rest from the preset');
});

test('an error that only a combination makes names the grid point', () => {
  // D without a regime means the fixed regime (as --D does), where `epochs` are allowed; alone they are not.
  // (one step per epoch: the batch of 4000 takes all 100 samples).
  assert.equal(plan({ ...fig11a, set: { D: 100 }, grid: { epochs: [2] } })[0].config.steps, 2);
  assert.match(
    planError({ ...fig11a, grid: { epochs: [2] } }),
    /^grid\.epochs\[0\] needs a fixed training set/,
  );
  assert.equal(
    planError({ ...fig11a, grid: { width: [16], regime: ['online', 'fixed'] } }),
    'the run at grid.width[0], grid.regime[1]: data.D must be set (an integer ≥ 1) for the fixed regime',
  );
});
