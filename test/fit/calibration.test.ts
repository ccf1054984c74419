import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunConfig, type RunConfig } from '../../src/experiment/config.ts';
import { predictedStep, runTheory } from '../../src/experiment/prediction.ts';
import { mergeConfig, preset } from '../../src/experiment/presets.ts';
import { calibrate } from '../../src/fit/calibration.ts';
import type { CalibrationRun } from '../../src/fit/resources.ts';
import { Rng } from '../../src/task/rng.ts';
import { skillProbs } from '../../src/task/task.ts';
import { crossingTime } from '../../src/theory/emergence.ts';
import { dataShotStrength, extendedTimeStrength, paramShotStrength } from '../../src/theory/extended.ts';

// Synthetic runs drawn from the model itself with a known constant: calibrate must give it back, its interval
// must cover it, and the interval must come from resampling seeds (whole runs), not points.

const FAST = { resamples: 200 };

function config(name: string, fields: Record<string, unknown>): RunConfig {
  return parseRunConfig(mergeConfig(preset(name), fields));
}

/** A time run whose R_k/S follows Eq. 14 with B² = `B2`, plus Gaussian noise of std `noise`, every `every` steps. */
function timeRun(
  seed: number,
  skills: number,
  B2: number,
  noise: number,
  rng: Rng,
  steps = 2450,
  every = 50,
): CalibrationRun {
  const c = config('fig11a', { seed, steps, task: { skills } });
  const { eta, S, r0, probs } = runTheory(c);
  const curve = Array.from({ length: steps / every + 1 }, (_, i) => ({
    step: every * i,
    R: Array.from(
      probs,
      (q) => extendedTimeStrength(every * i, q, { eta, S, r0, rateScale: B2 }) + noise * rng.normal(),
    ),
  }));
  return { id: `t${skills}-${seed}`, config: c, curve };
}

/** A run that ends at `R` (one value per skill). */
function finalRun(id: string, c: RunConfig, R: number[]): CalibrationRun {
  return { id, config: c, curve: [{ step: c.steps, R }] };
}

test('time: B² of runs drawn from Eq. 14 is recovered and its interval covers it', () => {
  const rng = Rng.fromSeed(7);
  const truth = 0.06;
  // Each seed's rate scattered by 10 %, as seeds of a network scatter, plus 0.02 noise per point.
  const runs = Array.from({ length: 10 }, (_, s) =>
    timeRun(s + 1, 1, truth * Math.exp(0.1 * rng.normal()), 0.02, rng),
  );
  const c = calibrate(runs, 'time', FAST);
  assert.equal(c.constant, 'B2');
  assert.equal(c.paper, 1 / 22);
  assert.ok(Math.abs(c.fit.value / truth - 1) < 0.1, `B² = ${c.fit.value}, truth ${truth}`);
  assert.ok(c.fit.interval!.lo <= truth && truth <= c.fit.interval!.hi, JSON.stringify(c.fit.interval));
  assert.deepEqual([c.fit.runs, c.fit.seeds, c.fit.points], [10, 10, 500]);
  assert.equal(c.prediction, null);
  assert.match(c.notes.join(), /calibrated only/);
});

test('the interval resamples seeds (whole runs), not points: as wide as the seeds scatter, however little each curve is noisy', () => {
  const rng = Rng.fromSeed(3);
  const truth = 1 / 22;
  const rates = Array.from({ length: 8 }, () => truth * Math.exp(0.2 * rng.normal()));
  const runs = rates.map((B2, s) => timeRun(s + 1, 1, B2, 1e-4, rng, 2450, 5));
  const c = calibrate(runs, 'time', FAST);
  // The seeds' rates scatter by sd; their mean's standard error is sd/√8, and resampling runs gives a 95 %
  // interval about 4 standard errors wide. Resampling the 3928 nearly noiseless points (about 50 per run in the
  // rise, the rest flat at 0 or 1) treats the seeds' scatter as point noise and gives one about 6 times
  // narrower (measured: 0.0018 against 0.011), below the bound.
  const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
  const sd = Math.sqrt(rates.reduce((s, r) => s + (r - mean) ** 2, 0) / (rates.length - 1));
  const width = c.fit.interval!.hi - c.fit.interval!.lo;
  assert.ok(
    width > 2 * (sd / Math.sqrt(rates.length)),
    `width ${width}, sd/√n ${sd / Math.sqrt(rates.length)}`,
  );
});

test('time: the n_s = 5 runs are predicted with the fitted B², t₅₀ and RMS per skill', () => {
  const rng = Rng.fromSeed(11);
  const truth = 0.05;
  const single = Array.from({ length: 6 }, (_, s) => timeRun(s + 1, 1, truth, 0.01, rng));
  const multi = Array.from({ length: 4 }, (_, s) => timeRun(s + 1, 5, truth, 0.01, rng, 20_000));
  const c = calibrate([...single, ...multi], 'time', FAST);
  const p = c.prediction!;
  assert.deepEqual([p.skills, p.runs, p.seeds, p.table.length], [5, 4, 4, 5]);
  const theory = runTheory(multi[0].config, { B2: c.fit.value });
  for (const row of p.table) {
    assert.equal(row.predicted, predictedStep(theory, row.k, 0.5));
    // Skill 5 reaches ½ after 14,000 steps at B² = 1/20 and the runs end at 20,000: every skill is reached.
    assert.equal(row.measured.of, 4);
    assert.equal(row.measured.reached, 4);
    // Interpolated between evaluations 50 steps apart on the model's own curve: within a few per cent.
    const exact = predictedStep(runTheory(multi[0].config, { B2: truth }), row.k, 0.5);
    assert.ok(
      Math.abs(row.measured.mean! / exact - 1) < 0.03,
      `k ${row.k}: ${row.measured.mean} vs ${exact}`,
    );
    assert.ok(row.rms > 0.005 && row.rms < 0.03, `k ${row.k}: RMS ${row.rms} for noise 0.01`);
    // Mean ± sample std (n − 1) over the runs' own crossings of ½.
    const crossings = multi.map((r) =>
      crossingTime(
        r.curve.map((e) => e.step),
        r.curve.map((e) => e.R[row.k - 1]),
        0.5,
      ),
    );
    const mean = crossings.reduce((a, t) => a + t, 0) / 4;
    const std = Math.sqrt(crossings.reduce((a, t) => a + (t - mean) ** 2, 0) / 3);
    assert.ok(Math.abs(row.measured.mean! - mean) < 1e-9 && Math.abs(row.measured.std! - std) < 1e-9);
  }
});

test('data: D_c of final strengths drawn from Eq. 17 is recovered; n_s = 5 t₅₀ is 0.75·D_c/P_s(k)', () => {
  const rng = Rng.fromSeed(5);
  const truth = 650;
  const runs: CalibrationRun[] = [];
  for (let D = 100; D <= 2000; D += 100) {
    for (const seed of [1, 2, 3]) {
      const R = dataShotStrength(D, truth * Math.exp(0.05 * rng.normal())) + 0.02 * rng.normal();
      runs.push(finalRun(`d1-${D}-${seed}`, config('fig11b', { seed, data: { D } }), [R]));
    }
  }
  const probs = skillProbs(config('fig1b', {}).task);
  for (const D of [500, 1000, 2000, 4000, 8000, 16_000]) {
    for (const seed of [1, 2]) {
      const R = Array.from(probs, (q) => dataShotStrength(D * q, truth));
      runs.push(finalRun(`d5-${D}-${seed}`, config('fig1b', { seed, data: { D } }), R));
    }
  }
  const c = calibrate(runs, 'data', FAST);
  assert.equal(c.constant, 'Dc');
  assert.ok(Math.abs(c.fit.value / truth - 1) < 0.05, `D_c = ${c.fit.value}`);
  assert.ok(c.fit.interval!.lo <= truth && truth <= c.fit.interval!.hi, JSON.stringify(c.fit.interval));
  assert.equal(c.fit.runs, 60);
  assert.match(c.notes.join(), /Dc: 3 seeds, so the resamples take few distinct values/);
  const p = c.prediction!;
  assert.equal(p.seeds, 2);
  for (const row of p.table) {
    assert.ok(Math.abs(row.predicted - (0.75 * c.fit.value) / probs[row.k - 1]) < 1e-9 * row.predicted);
  }
  // Skill 1 reaches ½ at 0.75·650/0.593 = 823, between the sweep's D = 500 and 1000.
  const first = p.table[0].measured;
  assert.ok(first.reached === 2 && first.mean! > 500 && first.mean! < 1000, JSON.stringify(first));
  assert.equal(first.std, 0);
});

test('params: N_c from Eq. 21, dead runs counted per width and left out of the default fit', () => {
  const rng = Rng.fromSeed(9);
  const truth = 3;
  const runs: CalibrationRun[] = [];
  for (let width = 1; width <= 12; width++) {
    for (const seed of [1, 2, 3, 4]) {
      // Seed 4 dies at widths 1–3: every ReLU dead, R = 0 exactly.
      const dead = seed === 4 && width <= 3;
      const R = dead ? 0 : paramShotStrength(1, width, truth) + 0.01 * rng.normal();
      runs.push(finalRun(`p1-${width}-${seed}`, config('fig11c', { seed, model: { width } }), [R]));
    }
  }
  for (const width of [2, 4, 6, 8, 10, 12, 16, 20]) {
    for (const seed of [1, 2]) {
      const R = Array.from({ length: 5 }, (_, i) => paramShotStrength(i + 1, width, truth));
      runs.push(finalRun(`p5-${width}-${seed}`, config('fig1c', { seed, model: { width } }), R));
    }
  }
  const c = calibrate(runs, 'params', FAST);
  assert.equal(c.constant, 'Nc');
  assert.ok(Math.abs(c.fit.value / truth - 1) < 0.05, `N_c = ${c.fit.value}`);
  assert.equal(c.fit.runs, 45);
  // With the dead runs the small widths look weaker: N_c comes out larger.
  assert.equal(c.alternative!.runs, 48);
  assert.ok(c.alternative!.value > c.fit.value * 1.05, `with dead ${c.alternative!.value}`);
  assert.deepEqual(
    c.dead!.calibration.filter((d) => d.dead > 0),
    [1, 2, 3].map((x) => ({ x, runs: 4, dead: 1 })),
  );
  assert.ok(c.dead!.prediction.every((d) => d.dead === 0 && d.runs === 2));
  // t₅₀ of skill k at width (k − ½)·N_c: 1.5, 4.5, 7.5, 10.5, 13.5; measured by interpolation in width.
  const p = c.prediction!;
  for (const row of p.table) assert.ok(Math.abs(row.predicted - (row.k - 0.5) * c.fit.value) < 1e-9);
  assert.equal(p.table[2].measured.reached, 2);
  assert.ok(Math.abs(p.table[2].measured.mean! - 7.5) < 0.5, JSON.stringify(p.table[2]));
  assert.ok(p.table.every((r) => r.rms < 0.05));
  const kept = calibrate(runs, 'params', { ...FAST, keepDead: true });
  assert.equal(kept.fit.value, c.alternative!.value);
  assert.equal(kept.alternative!.value, c.fit.value);
  // Predicted runs that all died: counted, nothing predicted.
  const single = runs.filter((r) => r.config.task.skills === 1);
  const died = finalRun('p5-dead', config('fig1c', { seed: 1, model: { width: 2 } }), [0, 0, 0, 0, 0]);
  const none = calibrate([...single, died], 'params', FAST);
  assert.equal(none.prediction, null);
  assert.deepEqual(none.dead!.prediction, [{ x: 2, runs: 1, dead: 1 }]);
  assert.match(none.notes.join(), /every n_s > 1 run ended with every ReLU dead: nothing predicted/);
});

test('bad input: no n_s = 1 runs, settings outside the model, mixed settings, one n_s to predict', () => {
  const rng = Rng.fromSeed(1);
  const five = [timeRun(1, 5, 0.05, 0, rng, 500)];
  assert.throws(() => calibrate(five, 'time'), /no n_s = 1 runs \(task\.skills = 1\) to fit B2 on/);
  const adam = { ...timeRun(1, 1, 0.05, 0, rng), config: config('fig11c', { model: { width: 1000 } }) };
  assert.throws(
    () => calibrate([adam], 'time'),
    /run t1-1: optimizer\.name must be "sgd" \(got "adam"\).*Adam/,
  );
  const lr = {
    ...timeRun(2, 1, 0.05, 0, rng),
    config: config('fig11a', { seed: 2, optimizer: { lr: 0.05 } }),
  };
  assert.throws(
    () => calibrate([timeRun(1, 1, 0.05, 0, rng), lr], 'time'),
    /the runs differ in optimizer\.lr \(0\.02, 0\.05\)/,
  );
  assert.throws(
    () => calibrate([timeRun(1, 1, 0.05, 0, rng)], 'data'),
    /data\.regime must be "fixed" \(got "online"\)/,
  );
  const fixed = finalRun('f', config('fig11b', {}), [0.5]);
  assert.throws(() => calibrate([fixed], 'params'), /data\.regime must be "online" \(got "fixed"\)/);
  const three = timeRun(3, 3, 0.05, 0, rng, 500);
  assert.throws(
    () => calibrate([timeRun(1, 1, 0.05, 0, rng), three, ...five], 'time'),
    /the runs to predict differ in task\.skills \(3, 5\)|the runs to predict differ in task\.skills \(5, 3\)/,
  );
});

test('params from split seeds (one data seed, init seeds 0–3): each init seed is a replicate', () => {
  const runs: CalibrationRun[] = [];
  for (let width = 1; width <= 12; width++) {
    for (const initSeed of [0, 1, 2, 3]) {
      const R = paramShotStrength(1, width, 3) + 0.01 * initSeed;
      runs.push(
        finalRun(`p1-${width}-${initSeed}`, config('fig11c', { seed: 1, initSeed, model: { width } }), [R]),
      );
    }
  }
  for (const width of [2, 6, 10, 16]) {
    const R = Array.from({ length: 5 }, (_, i) => paramShotStrength(i + 1, width, 3));
    runs.push(finalRun(`p5-${width}`, config('fig1c', { seed: 1, initSeed: 0, model: { width } }), R));
  }
  const c = calibrate(runs, 'params', FAST);
  assert.deepEqual([c.fit.runs, c.fit.seeds], [48, 4]);
  assert.ok(c.fit.interval !== null, 'four replicates give an interval');
});
