import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  analyseMichaudScaling,
  CONVERGENCE,
  LEARNED_TASK_LOSS,
  type MichaudScalingAnalysis,
  quantaDataExponent,
  readingSteps,
} from '../../src/experiment/michaud-analysis.ts';
import {
  estimateCoreHours,
  MICHAUD_SCALING,
  type MichaudScalingSettings,
  michaudScalingPlan,
  runSeconds,
} from '../../src/experiment/michaud-scaling.ts';
import { type CurvePoint, RUN_FILES, trainRun } from '../../src/experiment/run.ts';
import { fitPowerLaw } from '../../src/fit/index.ts';
import { runId } from '../../src/results/run-id.ts';
import { runDirectory } from '../../src/sweep/plan.ts';
import { assertClose, assertRel } from '../helpers/assert.ts';
import { syntheticLaw, syntheticSettings, writeSyntheticScaling } from '../helpers/michaud.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-michaud-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('the quick plan: three sweeps of resolved configs on Michaud’s task, fixed sets run 400 epochs', () => {
  const plan = michaudScalingPlan('quick');
  const { seeds, width, data } = MICHAUD_SCALING.quick;
  assert.equal(plan.sweeps.width.length, width.widths.length * seeds.length);
  assert.equal(plan.sweeps.data.length, data.D.length * seeds.length);
  assert.equal(plan.sweeps.time.length, seeds.length);
  for (const r of plan.runs) {
    assert.equal(r.id, runId(r.config));
    assert.deepEqual(
      { ...r.config.task, seed: r.config.seed > 0 },
      {
        ...r.config.task,
        skills: 100,
        bits: 50,
        m: 3,
        alpha: 0.5,
        masks: 'overlapping',
        labels: 'binary',
        seed: true,
      },
    );
    assert.equal(r.config.model.loss, 'ce');
    assert.equal(r.config.data.batch, 10_000);
  }
  // D = 25,000 in batches of 10,000: 3 steps an epoch (the last one short), 400 epochs.
  const smallest = plan.sweeps.data.find((r) => r.config.data.D === 25_000)!;
  assert.equal(smallest.config.data.regime, 'fixed');
  assert.equal(smallest.config.steps, 1200);
  assert.equal(smallest.config.evaluation.every, 30);
  assert.ok(plan.sweeps.width.every((r) => r.config.data.regime === 'online' && r.config.steps === 6000));
  assert.equal(new Set(plan.runs.map((r) => r.id)).size, plan.runs.length);
});

test('runSeconds: steps × cost per step (log–log in width, ∝ batch for a small fixed set) + evaluations', () => {
  const speed = [
    { width: 10, secondsPerStep: 0.001, secondsPerEvaluation: 0.5 },
    { width: 100, secondsPerStep: 0.004, secondsPerEvaluation: 0.5 },
    { width: 1000, secondsPerStep: 0.1, secondsPerEvaluation: 2 },
  ];
  const plan = michaudScalingPlan('quick');
  const online = plan.sweeps.time[0].config; // width 128, 8000 steps, every 100: 81 evaluations
  // Between widths 100 and 1000 the cost grows as width^log10(25), the evaluation as width^log10(4).
  const step128 = 0.004 * 1.28 ** Math.log10(25);
  const evaluation128 = 0.5 * 1.28 ** Math.log10(4);
  assertRel(runSeconds(speed, online), 8000 * step128 + 81 * evaluation128, 1e-12, 'online');
  const fixed = plan.sweeps.data.find((r) => r.config.data.D === 25_000)!.config;
  // A set larger than the batch: whole batches; 1200 steps, every 30: 41 evaluations.
  assertRel(runSeconds(speed, fixed), 1200 * step128 + 41 * evaluation128, 1e-12, 'fixed');
  const small = { ...fixed, data: { ...fixed.data, D: 2500 } };
  assertRel(runSeconds(speed, small), 1200 * step128 * 0.25 + 41 * evaluation128, 1e-12, 'D below the batch');
  const narrow = { ...online, model: { ...online.model, width: 4 } };
  assertRel(runSeconds(speed, narrow), 8000 * 0.001 + 81 * 0.5, 1e-12, 'below the measured widths');
  const wide = { ...online, model: { ...online.model, width: 2000 } };
  assertRel(
    runSeconds(speed, wide),
    8000 * 0.1 * 2 ** Math.log10(25) + 81 * 2 * 2 ** Math.log10(4),
    1e-12,
    'beyond',
  );
  const hours = estimateCoreHours(michaudScalingPlan('full'));
  assertRel(hours.total, hours.width + hours.data + hours.time, 1e-12, 'the sweeps share no run');
});

test('readingSteps: log-spaced from the first evaluation to the last, on evaluated steps, distinct', () => {
  assert.deepEqual(readingSteps(8000, 100, 4), [100, 400, 1900, 8000]); // 100·80^(2/3) = 1857
  assert.deepEqual(readingSteps(60, 10, 5), [10, 20, 40, 60]); // 10·6^(i/4): 10, 16, 24, 38, 60
});

// Tiny real runs: Michaud's preset on 3 tasks of 2 bits out of 10, batches of 128 (seconds in all).
const tiny: MichaudScalingSettings = {
  ...MICHAUD_SCALING.quick,
  base: {
    task: { skills: 3, bits: 10, m: 2 },
    optimizer: { lr: 0.02 },
    data: { batch: 128 },
    evaluation: { perSkill: 50, testPoints: 600 },
    kernels: 'simd',
  },
  seeds: [1, 2, 3],
  width: { widths: [4, 16], steps: 60, evaluations: 6 },
  data: { width: 16, D: [200, 400], epochs: 15, maxSteps: 1000, evaluations: 5 },
  time: { width: 16, steps: 240, evaluations: 12, readings: 5 },
};

const curve = (id: string): CurvePoint[] =>
  readFileSync(join(runDirectory(tinyDir, id), RUN_FILES.curve), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

const tinyDir = join(root, 'tiny');
const tinyPlan = michaudScalingPlan('quick', tiny);
let analysis: MichaudScalingAnalysis;

before(async () => {
  for (const r of tinyPlan.runs) await trainRun(r.config, { out: runDirectory(tinyDir, r.id) });
  analysis = await analyseMichaudScaling(tinyDir, tinyPlan, { resamples: 50 });
});

/** By hand: per run the reading, per x the mean, sample std and task 1's mean loss. */
function byHand(readings: { id: string; seed: number; x: number; p: CurvePoint }[]) {
  const xs = [...new Set(readings.map((r) => r.x))].sort((a, b) => a - b);
  return {
    values: readings.map((r) => ({
      id: r.id,
      seed: r.seed,
      x: r.x,
      y: r.p.loss!,
      taskLoss: r.p.skillLoss[0],
    })),
    means: xs.map((x) => {
      const at = readings.filter((r) => r.x === x);
      const ys = at.map((r) => r.p.loss!);
      const mean = ys.reduce((s, y) => s + y, 0) / ys.length;
      const std = Math.sqrt(ys.reduce((s, y) => s + (y - mean) ** 2, 0) / (ys.length - 1));
      const taskLoss = at.reduce((s, r) => s + r.p.skillLoss[0], 0) / at.length;
      return { x, mean, std, n: ys.length, taskLoss };
    }),
  };
}

function assertSweep(got: MichaudScalingAnalysis['sweeps']['width'], want: ReturnType<typeof byHand>) {
  const order = <T extends { x: number; seed: number }>(v: T[]) =>
    [...v].sort((a, b) => a.x - b.x || a.seed - b.seed);
  const values = order(want.values);
  assert.equal(got.values.length, values.length);
  got.values.forEach((v, i) => {
    assert.equal(v.id, values[i].id);
    assert.equal(v.x, values[i].x);
    assertClose(v.y, values[i].y, 1e-12, `y of ${v.id}`);
    assertClose(v.taskLoss, values[i].taskLoss, 1e-12, `task 1's loss in ${v.id}`);
  });
  assert.equal(got.means.length, want.means.length);
  got.means.forEach((m, i) => {
    const w = want.means[i];
    assert.equal(m.x, w.x);
    assert.equal(m.n, w.n);
    assertClose(m.mean, w.mean, 1e-12, `mean at ${w.x}`);
    assertClose(m.std, w.std, 1e-12, `std at ${w.x}`);
    assertClose(m.taskLoss, w.taskLoss, 1e-12, `task 1's loss at ${w.x}`);
  });
  const fitFrom = want.means.find((m) => m.taskLoss <= LEARNED_TASK_LOSS)?.x ?? null;
  assert.equal(got.fitFrom, fitFrom);
  const fitted = fitFrom === null ? [] : values.filter((v) => v.x >= fitFrom);
  assert.equal(
    got.fit !== null,
    new Set(fitted.map((v) => v.x)).size >= 2,
    'a fit where ≥ 2 scales are fitted',
  );
  if (got.fit) {
    const points = fitted.map(({ x, y }) => ({ x, y }));
    assertClose(got.fit.b, fitPowerLaw(points).b, 1e-9, 'fitted b on the runs from fitFrom');
    assert.equal(got.fit.points, points.length);
  }
}

/** The convergence rule by hand: the loss fell by < 2 % over the last quarter of the steps. */
function convergedByHand(points: CurvePoint[], steps: number): boolean {
  const cut = (1 - CONVERGENCE.lastShare) * steps;
  const min = (ps: CurvePoint[]) => Math.min(...ps.map((p) => p.loss!));
  return (
    min(points.filter((p) => p.step > cut)) >=
    (1 - CONVERGENCE.gain) * min(points.filter((p) => p.step <= cut))
  );
}

test('width sweep: the last evaluation’s test loss per run, mean ± std per width, as computed by hand', () => {
  const readings = tinyPlan.sweeps.width.map((r) => ({
    id: r.id,
    seed: r.config.seed,
    x: r.config.model.width,
    p: curve(r.id).at(-1)!,
  }));
  assertSweep(analysis.sweeps.width, byHand(readings));
  for (const v of analysis.sweeps.width.values) {
    assert.equal(v.converged, convergedByHand(curve(v.id), tiny.width.steps), `converged ${v.id}`);
  }
  assert.deepEqual(analysis.sweeps.width.missing, []);
});

test('data sweep: the minimum test loss over training per run (and task 1’s loss there)', () => {
  const readings = tinyPlan.sweeps.data.map((r) => {
    const points = curve(r.id);
    const best = points.reduce((a, b) => (b.loss! < a.loss! ? b : a));
    return { id: r.id, seed: r.config.seed, x: r.config.data.D!, p: best };
  });
  assertSweep(analysis.sweeps.data, byHand(readings));
  for (const v of analysis.sweeps.data.values) {
    const run = tinyPlan.sweeps.data.find((r) => r.id === v.id)!;
    assert.equal(v.converged, convergedByHand(curve(v.id), run.config.steps), `converged ${v.id}`);
  }
});

test('time sweep: each run read at the log-spaced steps; the fit starts where task 1 is learned', () => {
  const at = readingSteps(240, 20, 5);
  const readings = tinyPlan.sweeps.time.flatMap((r) =>
    curve(r.id)
      .filter((p) => at.includes(p.step))
      .map((p) => ({ id: r.id, seed: r.config.seed, x: p.step, p })),
  );
  assertSweep(analysis.sweeps.time, byHand(readings));
  assert.ok(analysis.sweeps.time.fitFrom !== null, 'task 1 is learned within 240 steps');
  assert.ok(analysis.sweeps.time.fit, 'and the fit has ≥ 2 steps to go on');
  assert.equal(analysis.alpha, 0.5);
  assert.equal(analysis.sweeps.time.theory.exponent, 0.5 / 1.5);
  assert.equal(analysis.sweeps.width.theory.exponent, 0.5);
});

test('a run missing from the store is reported, and the others are analysed', async () => {
  const dir = join(root, 'partial');
  const keep = tinyPlan.sweeps.width.slice(1);
  for (const r of keep) await trainRun(r.config, { out: runDirectory(dir, r.id) });
  const partial = await analyseMichaudScaling(dir, tinyPlan, { resamples: 20 });
  assert.deepEqual(partial.sweeps.width.missing, [tinyPlan.sweeps.width[0].id]);
  assert.equal(partial.sweeps.width.values.length, keep.length);
});

test('the fit recovers known exponents from synthetic per-seed runs through the store', async () => {
  const dir = join(root, 'synthetic');
  const plan = writeSyntheticScaling(dir, syntheticSettings, syntheticLaw);
  const result = await analyseMichaudScaling(dir, plan, { resamples: 200 });
  for (const sweep of ['width', 'data', 'time'] as const) {
    const s = result.sweeps[sweep];
    const want = syntheticLaw.b[sweep];
    assert.ok(s.fit, `${sweep}: fitted`);
    assertClose(s.fit.b, want, 0.01, `${sweep}: b`);
    assert.ok(
      s.fit.bInterval.lo <= want && want <= s.fit.bInterval.hi,
      `${sweep}: the interval holds ${want}`,
    );
    assert.ok(s.fit.bInterval.hi - s.fit.bInterval.lo > 0, `${sweep}: the seeds' scatter gives an interval`);
    assert.ok(
      s.holdout && s.holdout.meanAbsRelativeError < 0.05,
      `${sweep}: the held-out scale is predicted`,
    );
    assert.equal(s.fitFrom, s.means[0].x);
    assert.equal(s.fit.points, s.values.length, `${sweep}: every reading is fitted`);
  }
  const widthRuns = result.sweeps.width.values.filter((v) => v.x === 8);
  assert.equal(widthRuns.length, 5);
  assertRel(result.sweeps.width.means[0].mean, 2 * 8 ** -0.5 * (1 + 1 / 1001), 1e-9, 'mean at N = 8');
  // The width runs end 0.1 % above the law after falling from 2×: converged; so are the D runs.
  assert.deepEqual(result.sweeps.width.unconverged, []);
  const chained = result.michaud.dataFromWidth!;
  assertClose(chained.exponent, quantaDataExponent(result.sweeps.width.fit!.b), 1e-15, 'α_N/(α_N+1)');
  assertClose(quantaDataExponent(0.5), 1 / 3, 1e-15, 'α_D from α_N = 0.5');
});

test('width and D runs are resampled within their scale: seeds that agree give a zero-width interval', async () => {
  // Every seed the same, the widths and sizes 5 % off the law alternately: only resamples that drop or repeat
  // a scale could move b.
  const dir = join(root, 'strata');
  const law = {
    ...syntheticLaw,
    seedFactor: () => 1,
    scaleFactor: (x: number) => (Math.log2(x) % 2 < 1 ? 1.05 : 0.95),
  };
  const plan = writeSyntheticScaling(dir, syntheticSettings, law);
  const result = await analyseMichaudScaling(dir, plan, { resamples: 100 });
  for (const sweep of ['width', 'data'] as const) {
    const { b, bInterval } = result.sweeps[sweep].fit!;
    assertClose(bInterval.lo, b, 1e-9, `${sweep}: lower end`);
    assertClose(bInterval.hi, b, 1e-9, `${sweep}: upper end`);
  }
});
