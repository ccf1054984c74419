// Calibration of the extended model (§5, Fig. 11 → Fig. 1): the one constant of a resource (B², D_c or N_c)
// fitted by least squares on R_k/S of the single-skill runs, with a percentile interval from resampling seeds
// (whole runs, never points); then the multi-skill runs predicted with it and scored per skill by t₅₀ and the
// RMS error of R_k/S.
// docs/calibration.md describes the models, the loss, the interval, t₅₀ and the dead-run rule.
import { UsageError } from '../errors.ts';
import type { Resource } from '../experiment/reproductions.ts';
import { crossingTime } from '../theory/emergence.ts';
import type { Interval } from './bootstrap.ts';
import { type CalibrationRun, RESOURCE_MODELS, type ResourceModel, type ResourcePoint } from './resources.ts';
import { bootstrapScalar, fitScalar } from './scalar.ts';

/** t₅₀ is where R_k/S first reaches this level. */
export const T50_LEVEL = 0.5;

/**
 * Below this many seeds a percentile bootstrap is rough: n seeds give at most C(2n − 1, n) distinct resamples
 * (3 for 2 seeds, 35 for 4), and its intervals run narrow (docs/fits.md).
 */
const FEW_SEEDS = 5;

export interface CalibrationOptions {
  /** Bootstrap resamples. Default 1000. */
  resamples?: number;
  /** Coverage of the interval. Default 0.95. */
  level?: number;
  /** Seed of the resampling. Default 1. */
  seed?: number;
  /** Keep parameter runs in which every ReLU died in the default fit and the scores. Default false. */
  keepDead?: boolean;
}

export interface ConstantFit {
  /** The least-squares constant. */
  value: number;
  /** Percentile interval from resampling seeds; null with one seed. */
  interval: Interval | null;
  /** The minimum lies inside the search bracket. */
  bracketed: boolean;
  /** Resamples whose minimum was not bracketed. */
  unbracketed: number;
  /** Σ (model − R_k/S)² at the minimum. */
  loss: number;
  runs: number;
  seeds: number;
  points: number;
}

/** Runs at one x (D or width) and how many of them ended with every ReLU dead. */
export interface DeadCount {
  x: number;
  runs: number;
  dead: number;
}

export interface SkillAgreement {
  k: number;
  /** The model's t₅₀ with the fitted constant. */
  predicted: number;
  /** Measured t₅₀ over replicates (runs for time, seeds for data and params) that reached R_k/S = ½. */
  measured: { mean: number | null; std: number | null; reached: number; of: number };
  /** √(mean over the skill's points of (model − R_k/S)²). */
  rms: number;
}

export interface Prediction {
  /** n_s of the predicted runs. */
  skills: number;
  runs: number;
  seeds: number;
  table: SkillAgreement[];
}

export interface Calibration {
  resource: Resource;
  constant: ResourceModel['constant'];
  paper: number;
  unit: ResourceModel['unit'];
  level: number;
  resamples: number;
  /** The default fit: without dead runs (params), unless keepDead. */
  fit: ConstantFit;
  /**
   * Params only: the fit with the other treatment of dead runs (with them by default, without under keepDead);
   * null when that leaves no run.
   */
  alternative: ConstantFit | null;
  /** Params only: runs and dead runs per width, n_s = 1 and predicted. */
  dead: { calibration: DeadCount[]; prediction: DeadCount[] } | null;
  /** null when there are no multi-skill runs: calibrated only. */
  prediction: Prediction | null;
  notes: string[];
}

/**
 * Fits `resource`'s constant to the n_s = 1 runs and predicts the n_s > 1 runs. Throws a UsageError when there
 * is no n_s = 1 run, when a run's settings are outside the model, or when runs differ in anything but seed,
 * n_s, length, evaluation and the resource's swept field.
 */
export function calibrate(
  runs: readonly CalibrationRun[],
  resource: Resource,
  options: CalibrationOptions = {},
): Calibration {
  const model = RESOURCE_MODELS[resource];
  const { resamples = 1000, level = 0.95, seed = 1, keepDead = false } = options;
  for (const run of runs) {
    try {
      model.check(run.config);
    } catch (e) {
      if (e instanceof UsageError) throw new UsageError(`run ${run.id}: ${e.message}`);
      throw e;
    }
  }
  checkOneSetting(runs, model);
  const notes: string[] = [];
  const evaluated = runs.filter((r) => r.curve.length > 0);
  if (evaluated.length < runs.length)
    notes.push(`${runs.length - evaluated.length} runs without evaluations left out`);
  const single = evaluated.filter((r) => r.config.task.skills === 1);
  const multi = evaluated.filter((r) => r.config.task.skills > 1);
  if (single.length === 0) {
    throw new UsageError(`no n_s = 1 runs (task.skills = 1) to fit ${model.constant} on`);
  }
  const bootstrap = { resamples, level, seed };
  const countsDead = resource === 'params';
  const alive = (set: readonly CalibrationRun[]) =>
    countsDead && !keepDead ? set.filter((r) => !isDead(r)) : set;
  const fitted = alive(single);
  if (fitted.length === 0)
    throw new UsageError(`every n_s = 1 run ended with every ReLU dead: no ${model.constant} to fit`);
  const fit = fitConstant(model, fitted, bootstrap, notes);
  const other = countsDead ? (keepDead ? single.filter((r) => !isDead(r)) : single) : [];
  const alternative = other.length > 0 ? fitConstant(model, other, bootstrap, []) : null;
  const predicted = alive(multi);
  if (multi.length === 0) notes.push('no n_s > 1 runs: calibrated only, nothing predicted');
  else if (predicted.length === 0)
    notes.push('every n_s > 1 run ended with every ReLU dead: nothing predicted');
  const prediction = predicted.length > 0 ? predict(model, fit.value, predicted) : null;
  return {
    resource,
    constant: model.constant,
    paper: model.paper,
    unit: model.unit,
    level,
    resamples,
    fit,
    alternative,
    dead: countsDead
      ? { calibration: deadCounts(model, single), prediction: deadCounts(model, multi) }
      : null,
    prediction,
    notes,
  };
}

/** Every skill ends at R_k/S = 0 up to rounding: a constant output, every ReLU dead. */
export function isDead(run: CalibrationRun): boolean {
  return run.curve.at(-1)?.R.every((r) => r === 0) ?? false;
}

function fitConstant(
  model: ResourceModel,
  runs: readonly CalibrationRun[],
  { resamples, level, seed }: { resamples: number; level: number; seed: number },
  notes: string[],
): ConstantFit {
  // The bootstrap's unit is a seed: all points of its runs (one run for time; its sweep over D or width for
  // data and params), which share the seed's masks and are correlated.
  const bySeed = new Map<string, ResourcePoint[]>();
  for (const run of runs) {
    const key = seedKey(run.config);
    bySeed.set(key, [...(bySeed.get(key) ?? []), ...model.points(run)]);
  }
  const units = [...bySeed.values()];
  const summary = { runs: runs.length, seeds: units.length, points: units.reduce((n, u) => n + u.length, 0) };
  if (units.length < 2) {
    notes.push(`${model.constant}: one seed, so no interval (the bootstrap resamples seeds)`);
    const fit = fitScalar(model.predict, units.flat(), model.bracket);
    return {
      value: fit.theta,
      interval: null,
      bracketed: fit.bracketed,
      unbracketed: 0,
      loss: fit.loss,
      ...summary,
    };
  }
  if (units.length < FEW_SEEDS) {
    notes.push(
      `${model.constant}: ${units.length} seeds, so the resamples take few distinct values and the interval is rough and narrow`,
    );
  }
  const boot = bootstrapScalar(model.predict, units, { ...model.bracket, resamples, level, seed });
  if (!boot.fit.bracketed)
    notes.push(`${model.constant} is still at an end of its search bracket: not determined`);
  return {
    value: boot.fit.theta,
    interval: boot.interval,
    bracketed: boot.fit.bracketed,
    unbracketed: boot.unbracketed,
    loss: boot.fit.loss,
    ...summary,
  };
}

/** The model's t₅₀ and RMS error per skill against the runs, t₅₀ measured per replicate. */
function predict(model: ResourceModel, theta: number, runs: readonly CalibrationRun[]): Prediction {
  const skills = runs[0].config.task.skills;
  const points = runs.map((r) => model.points(r));
  // A replicate is one measured curve R_k/S against x: a run's evaluations (time), or a seed's runs over D or
  // width (data, params).
  const replicates = new Map<string | number, ResourcePoint[]>();
  runs.forEach((run, i) => {
    const key = model.x(run.config) === null ? run.id : seedKey(run.config);
    replicates.set(key, [...(replicates.get(key) ?? []), ...points[i]]);
  });
  const table = Array.from({ length: skills }, (_, i): SkillAgreement => {
    const k = i + 1;
    const mine = points.flat().filter((p) => p.k === k);
    const t50s = [...replicates.values()].map((rep) => {
      const curve = rep.filter((p) => p.k === k).sort((a, b) => a.x - b.x);
      return crossingTime(
        curve.map((p) => p.x),
        curve.map((p) => p.y),
        T50_LEVEL,
      );
    });
    const reached = t50s.filter((t) => !Number.isNaN(t));
    return {
      k,
      predicted: model.reaches(theta, runs[0].config, k, T50_LEVEL),
      measured: { ...meanStd(reached), reached: reached.length, of: t50s.length },
      rms: Math.sqrt(mine.reduce((s, p) => s + (model.predict(theta, p) - p.y) ** 2, 0) / mine.length),
    };
  });
  return { skills, runs: runs.length, seeds: new Set(runs.map((r) => seedKey(r.config))).size, table };
}

/** Mean and sample standard deviation; null where undefined (no values; one value for the std). */
export function meanStd(values: readonly number[]): { mean: number | null; std: number | null } {
  if (values.length === 0) return { mean: null, std: null };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  if (values.length === 1) return { mean, std: null };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, std: Math.sqrt(variance) };
}

function deadCounts(model: ResourceModel, runs: readonly CalibrationRun[]): DeadCount[] {
  const byX = new Map<number, DeadCount>();
  for (const run of runs) {
    const x = model.x(run.config) ?? 0;
    const count = byX.get(x) ?? { x, runs: 0, dead: 0 };
    count.runs++;
    if (isDead(run)) count.dead++;
    byX.set(x, count);
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}

/**
 * A run's replicate: its seed, and its init seed where a sweep split them (runs of one data seed and different
 * init seeds are independent replicates of the initialisation).
 */
function seedKey(config: CalibrationRun['config']): string {
  return `${config.seed}/${config.initSeed ?? config.seed}`;
}

/** Config fields any calibration lets vary: they do not change the model's prediction at a point. */
const FREE = [
  'preset',
  'seed',
  'initSeed',
  'task.skills',
  'steps',
  'evaluation',
  'threads',
  'split',
  'kernels',
];

/** Runs must share one setting apart from FREE and the resource's swept fields; names the first field that differs. */
function checkOneSetting(runs: readonly CalibrationRun[], model: ResourceModel): void {
  const free = [...FREE, ...model.swept];
  const values = new Map<string, Set<string>>();
  for (const run of runs) {
    for (const [path, value] of leaves(run.config)) {
      if (free.some((f) => path === f || path.startsWith(`${f}.`))) continue;
      values.set(path, (values.get(path) ?? new Set()).add(JSON.stringify(value)));
    }
  }
  for (const [path, seen] of values) {
    if (seen.size > 1) {
      throw new UsageError(
        `the runs differ in ${path} (${[...seen].join(', ')}): calibrate needs one setting, varying only ${free.join(', ')}`,
      );
    }
  }
  const skills = new Set(runs.filter((r) => r.config.task.skills > 1).map((r) => r.config.task.skills));
  if (skills.size > 1) {
    throw new UsageError(
      `the runs to predict differ in task.skills (${[...skills].join(', ')}): give one n_s > 1`,
    );
  }
}

/** [dotted path, value] of every leaf of a plain object. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[path, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}
