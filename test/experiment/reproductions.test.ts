import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import type { RunConfig } from '../../src/experiment/config.ts';
import { describeCost, estimateCost, measureSpeeds, type SpeedOf } from '../../src/experiment/cost.ts';
import { planRuns, reproductionPlan } from '../../src/experiment/reproductions.ts';
import { canonicalJson, runId } from '../../src/results/run-id.ts';
import { assertRel } from '../helpers/assert.ts';

const byResource = (figure: 'fig1' | 'fig11', scale: 'quick' | 'full') =>
  Object.fromEntries(reproductionPlan(figure, scale).panels.map((p) => [p.resource, p]));
const seedsOf = (configs: RunConfig[]) => [...new Set(configs.map((c) => c.seed))].sort((a, b) => a - b);
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('full plans are the paper’s runs (§5.5, App. K.1): presets, grids, seeds, lengths', () => {
  const fig1 = byResource('fig1', 'full');
  const time = fig1.time.runs.map((r) => r.config);
  assert.deepEqual(seedsOf(time), oneToN(10));
  assert.ok(time.every((c) => c.steps === 30_000 && c.evaluation.every === 50 && c.task.skills === 5));
  const data = fig1.data.runs.map((r) => r.config);
  const Ds = [...new Set(data.map((c) => c.data.D))];
  assert.deepEqual(Ds, [
    ...oneToN(20).map((i) => 500 * i),
    11_000,
    12_000,
    13_000,
    14_000,
    15_000,
    20_000,
    25_000,
    30_000,
    35_000,
  ]);
  assert.equal(data.length, 29 * 10);
  // 10⁵ epochs of ⌈D / batch⌉ steps, batch D // max(1, D // 2000): D = 10,000 → 5·10⁵ steps of 2000.
  const d10k = data.find((c) => c.data.D === 10_000)!;
  assert.deepEqual([d10k.data.batch, d10k.steps], [2000, 500_000]);
  const params = fig1.params.runs.map((r) => r.config);
  assert.deepEqual([...new Set(params.map((c) => c.model.width))], oneToN(20));
  assert.deepEqual(seedsOf(params), oneToN(50));
  assert.ok(
    params.every((c) => c.optimizer.name === 'adam' && c.optimizer.lr === 0.05 && c.model.initStd === 0.05),
  );
  assert.ok(params.every((c) => c.steps === 500_000));

  const fig11 = byResource('fig11', 'full');
  for (const panel of Object.values(fig11)) {
    assert.ok(
      panel.runs.every((r) => r.config.task.skills === 1),
      `${panel.resource}: one skill`,
    );
  }
  assert.ok(fig11.time.runs.every((r) => r.config.steps === 2450) && fig11.time.runs.length === 10);
  const d11 = fig11.data.runs.map((r) => r.config);
  assert.deepEqual(
    [...new Set(d11.map((c) => c.data.D))],
    oneToN(20).map((i) => 100 * i),
  );
  // Below D = 4000 the batch is the whole set: 30,000 epochs are 30,000 steps.
  assert.ok(d11.every((c) => c.data.batch === c.data.D && c.steps === 30_000));
  // Fig. 11(b), (c) are Fig. 1(b), (c) on one skill: the same network, optimiser and schedule.
  const d500 = fig1.data.runs.find((r) => r.config.data.D === 500)!.config;
  assert.ok(d11.every((c) => canonicalJson(c.optimizer) === canonicalJson(d500.optimizer)));
  assert.ok(d11.every((c) => canonicalJson(c.model) === canonicalJson(d500.model)));
  for (const { config: c } of fig11.params.runs) {
    const same = fig1.params.runs.find((r) => r.config.model.width === c.model.width)!.config;
    assert.equal(
      canonicalJson([c.optimizer, c.model, c.data, c.steps]),
      canonicalJson([same.optimizer, same.model, same.data, same.steps]),
    );
  }
  assert.deepEqual([...new Set(fig11.params.runs.map((r) => r.config.model.width))], oneToN(12));
  assert.equal(fig11.params.runs.length, 12 * 50);
});

test('every run is named by its config’s id, once; quick runs are full runs cut only in steps and evaluation', () => {
  for (const figure of ['fig1', 'fig11'] as const) {
    const full = reproductionPlan(figure, 'full');
    const quick = reproductionPlan(figure, 'quick');
    for (const plan of [full, quick]) {
      const runs = planRuns(plan);
      assert.ok(runs.every((r) => r.id === runId(r.config)));
      assert.equal(new Set(runs.map((r) => r.id)).size, runs.length, 'no id twice');
    }
    // A quick run at (seed, x) is the full run there with another length and evaluation period.
    const strip = (c: RunConfig) => ({ ...c, steps: 0, evaluation: { ...c.evaluation, every: 0 } });
    const fullRuns = new Map(planRuns(full).map((r) => [canonicalJson(strip(r.config)), r]));
    for (const r of planRuns(quick)) {
      assert.ok(
        fullRuns.has(canonicalJson(strip(r.config))),
        `${figure}: quick run ${r.id} is a full run cut`,
      );
    }
    assert.match(quick.cut!, /^quick scale: \(a\) .*; \(b\) .*; \(c\) /);
    assert.equal(full.cut, null);
  }
  assert.equal(
    reproductionPlan('fig11', 'quick').cut,
    'quick scale: (a) 4 of 10 seeds; (b) 8 of 20 D values, 3 of 10 seeds, 2500 steps (paper: 30,000 epochs); ' +
      '(c) 5 of 50 seeds, 4000 steps (paper: 5·10⁵ steps)',
  );
});

test('a figure or scale that does not exist is one UsageError naming it', () => {
  assert.throws(
    () => reproductionPlan('fig2' as never, 'quick'),
    (e: Error) => e instanceof UsageError && /^figure must be fig1 or fig11 \(got "fig2"\)$/.test(e.message),
  );
  assert.throws(
    () => reproductionPlan('fig1', 'medium' as never),
    (e: Error) => e instanceof UsageError && /^scale must be quick or full/.test(e.message),
  );
});

// Step and evaluation costs of the kernels as measured (docs/reproductions.md): 6.2 ms per step at width
// 1000, batch 4000; 35 ms per evaluation of 5 × 20,000 + 30,000 samples at width 1000.
const measured: SpeedOf = (c) => ({
  stepsPerSecond: 1 / (1.5e-9 * c.data.batch * c.model.width + 2e-4),
  evaluationSeconds:
    2.7e-10 * (c.task.skills * c.evaluation.perSkill + c.evaluation.testPoints) * c.model.width,
});

test('estimateCost: steps / rate + evaluations × seconds, per core; quick fits its budget with room for load', () => {
  const [a, b] = byResource('fig11', 'quick').time.runs;
  const cost = estimateCost([a, b], () => ({ stepsPerSecond: 100, evaluationSeconds: 0.5 }));
  // 2450 steps every 50: 50 evaluations (steps 0, 50, …, 2450) per run.
  assert.deepEqual([cost.runs, cost.steps, cost.evaluations], [2, 4900, 100]);
  assertRel(cost.coreHours, (4900 / 100 + 100 * 0.5) / 3600, 1e-12, 'core-hours');
  const two = estimateCost([{ ...a, config: { ...a.config, threads: 2 } }], () => ({
    stepsPerSecond: 100,
    evaluationSeconds: 0,
  }));
  assertRel(two.coreHours, (2 * 2450) / 100 / 3600, 1e-12, 'a two-thread run takes two cores');

  assert.equal(
    describeCost({ runs: 1300, steps: 639_300_000, evaluations: 0, coreHours: 588.55 }, 2),
    '1300 runs, 6.39·10⁸ steps: ≈ 589 core-hours, ≈ 294 h on 2 cores',
  );
  assert.equal(
    describeCost({ runs: 4, steps: 9800, evaluations: 0, coreHours: 0.08 }, 1),
    '4 runs, 9800 steps: ≈ 0.08 core-hours, ≈ 0.08 h on 1 core',
  );
  // Half of two cores' budget: Fig. 11 ≤ 5 min, Fig. 1 with its Fig. 11 calibration ≤ 10 min.
  const fig11 = estimateCost(planRuns(reproductionPlan('fig11', 'quick')), measured).coreHours * 3600;
  const fig1 = estimateCost(planRuns(reproductionPlan('fig1', 'quick')), measured).coreHours * 3600;
  assert.ok(fig11 <= 300, `Fig. 11 quick: ${fig11.toFixed(0)} core-s ≤ 300`);
  assert.ok(fig11 + fig1 <= 600, `Fig. 1 quick with Fig. 11: ${(fig11 + fig1).toFixed(0)} core-s ≤ 600`);
});

test('measureSpeeds: one benchmark per run shape, looked up by width, batch and optimiser, not by seed or D', async () => {
  const small = (seed: number, width: number, D?: number) => ({
    ...byResource('fig11', 'quick').data.runs[0],
    config: {
      ...byResource('fig11', 'quick').data.runs[0].config,
      seed,
      model: { ...byResource('fig11', 'quick').data.runs[0].config.model, width },
      data: { regime: 'fixed' as const, D: D ?? 64, batch: 64 },
      evaluation: { every: 10, perSkill: 100, testPoints: 0 },
    },
  });
  const runs = [small(1, 8), small(2, 8, 128), small(1, 64)];
  const speedOf = await measureSpeeds(runs, 20);
  const [narrow, same, wide] = runs.map((r) => speedOf(r.config));
  assert.equal(same, narrow, 'seed and D do not change the shape');
  assert.notEqual(wide, narrow);
  for (const s of [narrow, wide]) assert.ok(s.stepsPerSecond > 0 && s.evaluationSeconds > 0);
  assert.throws(
    () => speedOf({ ...runs[0].config, model: { ...runs[0].config.model, width: 9 } }),
    /no speed measured/,
  );
});
