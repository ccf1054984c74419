import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseRunConfig, type RunConfig } from '../../src/experiment/config.ts';
import { mergeRunConfig, preset } from '../../src/experiment/presets.ts';
import { type CurvePoint, RUN_FILES, trainRun } from '../../src/experiment/run.ts';
import { aggregatePanels, finalBands, timeBands } from '../../src/results/aggregate.ts';
import { runId } from '../../src/results/run-id.ts';
import { runDirectory } from '../../src/sweep/plan.ts';
import { assertClose } from '../helpers/assert.ts';

// Real runs, a few seconds in all: three seeds of Fig. 11(a)'s setting (100 steps, width 32, batch 128) and
// two widths × two seeds of Fig. 1(c)'s on two skills (lr 0.01: at 0.05 most of these tiny runs die), written by trainRun into DIR/runs/<id>. The expected
// numbers are computed here from the curve.jsonl files themselves, not through the store.

const root = mkdtempSync(join(tmpdir(), 'emergence-aggregate-'));
after(() => rmSync(root, { recursive: true, force: true }));
const paramsSetting = { task: { skills: 2 }, optimizer: { lr: 0.01 }, steps: 200 };
const small = { evaluation: { every: 50, perSkill: 500, testPoints: 0 }, data: { batch: 128 } };

function config(name: string, over: Record<string, unknown>): RunConfig {
  return parseRunConfig(mergeRunConfig(preset(name), small, over));
}

async function train(dir: string, c: RunConfig): Promise<string> {
  const id = runId(c);
  await trainRun(c, { out: runDirectory(dir, id) });
  return id;
}

function curve(dir: string, id: string): CurvePoint[] {
  return readFileSync(join(runDirectory(dir, id), RUN_FILES.curve), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as CurvePoint);
}

/** Mean and sample std (n − 1) written out. */
function meanStd(xs: number[]): { mean: number; std: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { mean, std: Math.sqrt(ss / (xs.length - 1)) };
}

const timeDir = join(root, 'time');
const paramsDir = join(root, 'params');
let timeIds: string[] = [];
let otherWidth = '';
const params: { id: string; width: number; seed: number }[] = [];
let deadId = '';
let nearlyDeadId = '';

/** A copy of run `from` as another seed, its last evaluation's R replaced by `R`: a run that ended so. */
function endedWith(dir: string, from: { id: string; width: number }, seed: number, R: number[]): string {
  const c = config('fig1c', { ...paramsSetting, model: { width: from.width }, seed });
  const id = runId(c);
  const out = runDirectory(dir, id);
  cpSync(runDirectory(dir, from.id), out, { recursive: true });
  writeFileSync(join(out, RUN_FILES.config), `${JSON.stringify(c, null, 2)}\n`);
  const points = curve(dir, from.id);
  points[points.length - 1] = { ...points.at(-1)!, R };
  writeFileSync(join(out, RUN_FILES.curve), points.map((p) => `${JSON.stringify(p)}\n`).join(''));
  // The summary must be newer than the curve, or the store reads the run as still running.
  const summary = readFileSync(join(out, RUN_FILES.summary), 'utf8');
  writeFileSync(join(out, RUN_FILES.summary), summary);
  return id;
}

before(async () => {
  for (const seed of [1, 2, 3]) {
    timeIds.push(await train(timeDir, config('fig11a', { model: { width: 32 }, steps: 100, seed })));
  }
  // Another width in the same store: a group of its own, and not among the ids asked for below.
  otherWidth = await train(timeDir, config('fig11a', { model: { width: 16 }, steps: 100, seed: 1 }));
  timeIds = timeIds.sort();
  for (const width of [3, 8]) {
    for (const seed of [1, 2]) {
      const c = config('fig1c', { ...paramsSetting, model: { width }, seed });
      params.push({ id: await train(paramsDir, c), width, seed });
    }
  }
  deadId = endedWith(paramsDir, params[0], 3, [0, 0]);
  nearlyDeadId = endedWith(paramsDir, params[0], 4, [0, 1e-12]);
});

test('timeBands: mean and sample std over seeds of R_k/S at every step, computed from the runs’ curves', async () => {
  const groups = await timeBands(timeDir, timeIds);
  assert.equal(groups.length, 1, 'three seeds of one config: one group');
  assert.deepEqual(groups[0].runIds, timeIds);
  const curves = timeIds.map((id) => curve(timeDir, id));
  const steps = curves[0].map((p) => p.step);
  assert.deepEqual(
    groups[0].stats.map((s) => s.x),
    steps,
    'one stat per evaluated step (one skill)',
  );
  for (const [i, stat] of groups[0].stats.entries()) {
    const { mean, std } = meanStd(curves.map((c) => c[i].R[0]));
    assert.equal(stat.skill, 1);
    assert.equal(stat.runs, 3);
    assertClose(stat.mean, mean, 1e-15, `mean at step ${stat.x}`);
    assertClose(stat.std!, std, 1e-12, `std at step ${stat.x}`);
  }
  // The runs learn something in 100 steps, and differ: a std of 0 everywhere would test nothing.
  assert.ok(groups[0].stats.at(-1)!.std! > 1e-6, 'seeds differ at the end');
});

test('timeBands: runs differing in more than the seed are separate groups; ids not asked for are left out', async () => {
  const groups = await timeBands(timeDir, [...timeIds, otherWidth]);
  assert.equal(groups.length, 2);
  assert.deepEqual(groups.map((g) => g.runIds.length).sort(), [1, 3]);
  const single = groups.find((g) => g.runIds.length === 1)!;
  assert.equal(single.stats[0].std, null, 'one run: no std');
  const only = await timeBands(timeDir, timeIds.slice(0, 2));
  assert.equal(only[0].stats.at(-1)!.runs, 2);
});

test('finalBands: final R_k/S per width, mean ± std over seeds, dead runs counted and left out of alive', async () => {
  const finals = (id: string) => curve(paramsDir, id).at(-1)!.R;
  const isDead = (R: number[]) => R.every((r) => r === 0);
  const ids = [...params.map((p) => p.id), deadId, nearlyDeadId];
  const groups = await finalBands(paramsDir, ids, 'model.width');
  assert.deepEqual(
    groups.map((g) => g.x),
    [3, 8],
  );
  for (const [g, width] of [
    [groups[0], 3],
    [groups[1], 8],
  ] as const) {
    const runs = [
      ...params.filter((p) => p.width === width).map((p) => p.id),
      ...(width === 3 ? [deadId, nearlyDeadId] : []),
    ];
    const R = runs.map(finals);
    assert.deepEqual(g.runIds, [...runs].sort());
    const dead = R.filter(isDead).length;
    assert.equal(g.dead, dead, `width ${width}: runs with R = 0 exactly for every skill`);
    for (const skill of [1, 2]) {
      const all = meanStd(R.map((r) => r[skill - 1]));
      const alive = meanStd(R.filter((r) => !isDead(r)).map((r) => r[skill - 1]));
      const a = g.all.find((s) => s.skill === skill)!;
      const b = g.alive.find((s) => s.skill === skill)!;
      assert.equal(a.runs, R.length);
      assert.equal(b.runs, R.length - dead);
      assertClose(a.mean, all.mean, 1e-15, `width ${width}, skill ${skill}: mean over all runs`);
      assertClose(a.std!, all.std, 1e-12, `width ${width}, skill ${skill}: std over all runs`);
      assertClose(b.mean, alive.mean, 1e-15, `width ${width}, skill ${skill}: mean without the dead runs`);
      assertClose(b.std!, alive.std, 1e-12, `width ${width}, skill ${skill}: std without the dead runs`);
    }
  }
  // The fixture holds what the rule must tell apart: a run ended at R = [0, 0] (dead), one at [0, 1e-12]
  // (not dead) and trained runs that kept a unit alive.
  assert.equal(groups[0].dead, 1, 'width 3: only the planted dead run');
  assert.ok(
    params.every((p) => !isDead(finals(p.id))),
    'the trained runs are alive',
  );
});

test('finalBands: the x of each group is the swept field read from its config', async () => {
  const groups = await finalBands(timeDir, timeIds, 'model.width');
  assert.deepEqual(
    groups.map((g) => [g.x, g.runIds.length]),
    [[32, 3]],
  );
});

test('aggregatePanels: a plan’s panels aggregated by resource and swept field, as timeBands and finalBands give them', async () => {
  const ids = (xs: string[]) => xs.map((id) => ({ id }));
  const panels = [
    { resource: 'time' as const, field: null, runs: ids(timeIds) },
    { resource: 'data' as const, field: 'data.D', runs: [] },
    { resource: 'params' as const, field: 'model.width', runs: ids(params.map((p) => p.id)) },
  ];
  const got = await aggregatePanels(timeDir, panels);
  assert.deepEqual(got.time, (await timeBands(timeDir, timeIds))[0]);
  assert.deepEqual(got.data, []);
  assert.deepEqual(got.params, [], 'the parameter runs are in another store');
  const inParams = await aggregatePanels(paramsDir, panels);
  assert.deepEqual(
    inParams.params,
    await finalBands(
      paramsDir,
      params.map((p) => p.id),
      'model.width',
    ),
  );
  assert.deepEqual(inParams.time, { runIds: [], stats: [] }, 'no time runs there yet');
});
