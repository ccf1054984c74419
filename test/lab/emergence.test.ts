import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { predictedStep, runTheory } from '../../src/experiment/prediction.ts';
import { mergeRunConfig, preset } from '../../src/experiment/presets.ts';
import type { PanelPlan } from '../../src/experiment/reproductions.ts';
import { reproduceTimeEmergence, timePanels } from '../../src/lab/emergence.ts';
import { runSweep } from '../../src/sweep/local.ts';
import { planRun } from '../../src/sweep/plan.ts';
import { FITTED } from '../../src/theory/extended.ts';

// The main job's pipeline (sweep → store → calibration → figure) on networks small enough for a test: B² fitted
// on n_s = 1 runs (width 512, batches of 500, 1500 steps), five-skill-like prediction on n_s = 2 runs (width
// 512 too, 3500 steps), the paper's SGD lr 0.02 and init 0.01. The end-to-end emergence test measured, for these
// settings, steps at R/S = ½ within 0.92–1.19 of Eq. 14 with B² = 1/22; the calibration test B² = 0.89 × 1/22.
const root = mkdtempSync(join(tmpdir(), 'emergence-lab-'));
after(() => rmSync(root, { recursive: true, force: true }));

const panel = (skills: number, width: number, steps: number, seeds: number[]): PanelPlan => ({
  resource: 'time',
  preset: 'fig11a',
  set: { task: { skills }, model: { width }, data: { batch: 500 }, steps },
  field: null,
  grid: [],
  seeds,
  runs: seeds.map((seed) =>
    planRun(
      parseRunConfig(
        mergeRunConfig(preset('fig11a'), {
          task: { skills },
          model: { width },
          data: { batch: 500 },
          steps,
          evaluation: { every: 25, perSkill: 2000, testPoints: 0 },
          seed,
          kernels: 'simd',
        }),
      ),
    ),
  ),
  cut: `test scale, ${seeds.length} seeds`,
});
const panels = { calibration: panel(1, 512, 1500, [1, 2, 3]), prediction: panel(2, 512, 3500, [1, 2]) };
const out = join(root, 'lab');
const options = { out, run: (runs: Parameters<typeof runSweep>[0]) => runSweep(runs, { out, jobs: 2 }) };

test('time emergence end to end: B² fitted on n_s = 1 (interval), n_s = 2 predicted per skill, drawn; a rerun trains nothing', async () => {
  const first = await reproduceTimeEmergence(panels, options, join(out, 'figures'));
  assert.ok(first.written && first.calibration, 'the figure and the calibration');
  assert.deepEqual(
    first.sweep.runs.map((r) => [r.status, r.skipped]),
    Array(5).fill(['completed', false]),
  );
  const { fit, prediction } = first.calibration;
  const ratio = fit.value / FITTED.rateScale;
  assert.ok(ratio > 1 / 1.3 && ratio < 1.3, `fitted B² = ${fit.value} is ${ratio} × 1/22`);
  assert.ok(
    fit.interval && fit.interval.lo <= fit.value && fit.value <= fit.interval.hi,
    'interval holds it',
  );
  assert.equal(fit.runs, 3);
  assert.equal(prediction?.skills, 2);
  for (const row of prediction!.table) {
    assert.equal(row.measured.reached, 2, `skill ${row.k} reached ½ in both seeds`);
    const r = row.measured.mean! / row.predicted;
    assert.ok(
      r > 1 / 1.3 && r < 1.3,
      `skill ${row.k}: t₅₀ measured ${row.measured.mean}, predicted ${row.predicted}`,
    );
  }
  const json = JSON.parse(readFileSync(first.written.json, 'utf8'));
  assert.equal(json.params.constants.fitted.B2.value, fit.value);
  assert.deepEqual(
    json.data.runs.map((r: { id: string }) => r.id),
    [...panels.calibration.runs, ...panels.prediction.runs].map((r) => r.id),
  );
  // Panel (a)'s drawn model is Eq. 14 with the fitted B²: its solid curve crosses ½ where Eq. 14 says.
  const t50 = predictedStep(runTheory(panels.calibration.runs[0].config, { B2: fit.value }), 1, 0.5);
  const solid = json.data.panels[0].series.find((s: { name: string }) => s.name === 'k = 1');
  const below = solid.points.filter((p: { x: number }) => p.x <= t50).at(-1);
  const above = solid.points.find((p: { x: number }) => p.x > t50);
  assert.ok(below.y <= 0.5 && above.y >= 0.5, `the drawn model crosses ½ at ${t50}`);

  const summed = [...panels.calibration.runs, ...panels.prediction.runs].reduce((sum, { id }) => {
    const { seconds } = JSON.parse(readFileSync(join(out, 'runs', id, 'summary.json'), 'utf8'));
    return sum + seconds;
  }, 0);
  assert.ok(
    Math.abs(first.trainingSeconds - summed) <= 1e-9 * summed,
    `${first.trainingSeconds} = Σ ${summed}`,
  );

  const again = await reproduceTimeEmergence(panels, options, join(out, 'figures'));
  assert.equal(
    again.trainingSeconds,
    first.trainingSeconds,
    'the training time of the runs, not of the call',
  );
  assert.ok(
    again.sweep.runs.every((r) => r.skipped),
    'the second invocation trains nothing',
  );
  assert.equal(readFileSync(again.written!.json, 'utf8'), readFileSync(first.written.json, 'utf8'));
});

test("the main job's plan: Fig. 11(a) and Fig. 1(a) at quick scale, saying what quick cut", () => {
  const { calibration, prediction } = timePanels('quick');
  assert.ok(calibration.runs.every((r) => r.config.task.skills === 1 && r.config.steps === 2450));
  assert.ok(prediction.runs.every((r) => r.config.task.skills === 5));
  assert.match(`${calibration.cut} ${prediction.cut}`, /seeds/);
});
