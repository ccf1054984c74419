// The analysis of `michaud-scaling`: from the results store, each sweep's loss per run and its mean ± std over
// seeds; a power law a·x^−b fitted to the runs, its interval by resampling runs, and its out-of-sample score;
// beside the exponents of §4 (Table 4) and of Michaud et al.'s quanta model. docs/michaud-scaling.md.
import { quotedString } from '@duckdb/node-api';
import {
  bootstrapPowerLaw,
  type FitPoint,
  holdoutScore,
  type Interval,
  type PowerLawBootstrap,
} from '../fit/index.ts';
import { queryResults } from '../results/query.ts';
import { scalingExponents } from '../theory/prefactors.ts';
import { MICHAUD_SWEEPS, type MichaudScalingPlan, type MichaudSweep } from './michaud-scaling.ts';

/** The loss every panel shows. */
export const MICHAUD_LOSS =
  'mean cross-entropy in nats on the exact-frequency test set (⌊P_s(k)·n⌋ points of task k), Michaud et al.’s test loss';

/** A run's share of the last quarter of its steps: a run has converged if its loss fell by < 2 % there. */
export const CONVERGENCE = { lastShare: 0.25, gain: 0.02 };

/**
 * The fit starts at the first x where task 1 (the most frequent) is learned: its mean test loss over seeds is
 * at most 0.1 bits (Michaud et al.'s criterion for a learned subtask), in nats.
 */
export const LEARNED_TASK_LOSS = 0.1 * Math.LN2;

/** One reading of one run: the loss at x (width, D or step) and task 1's loss there. */
export interface RunValue {
  id: string;
  seed: number;
  x: number;
  y: number;
  /** Task 1's test loss at the reading (on its own test set). */
  taskLoss: number;
  /** The convergence rule (CONVERGENCE) for width and D runs; null for readings off a time curve. */
  converged: boolean | null;
}

/** Mean ± std (sample, n − 1) of the readings at one x over seeds. */
export interface MeanPoint {
  x: number;
  mean: number;
  std: number;
  n: number;
  /** Mean test loss of task 1. */
  taskLoss: number;
}

export interface ExponentFit {
  /** The fit a·x^−b to every run's readings with x ≥ fitFrom. */
  a: number;
  b: number;
  /** Percentile intervals from resampling runs (within each x for the width and D sweeps). */
  aInterval: Interval;
  bInterval: Interval;
  level: number;
  resamples: number;
  unconverged: number;
  /** Readings fitted. */
  points: number;
}

/** Fit below the largest x, prediction there. */
export interface HoldoutResult {
  heldOutX: number;
  /** b of the fit without the largest x. */
  b: number;
  predicted: number;
  /** The mean loss measured at heldOutX, and (predicted − measured)/measured. */
  measured: number;
  errorOfMean: number;
  /** Over the held-out runs' readings: √mean log(ŷ/y)² and mean |ŷ − y|/y. */
  rmsLogError: number;
  meanAbsRelativeError: number;
}

export interface SweepAnalysis {
  sweep: MichaudSweep;
  variable: 'N' | 'D' | 'T';
  /** How each run is read. */
  readout: string;
  values: RunValue[];
  means: MeanPoint[];
  /** The smallest x fitted (null: task 1 never learned, no fit). */
  fitFrom: number | null;
  fit: ExponentFit | null;
  holdout: HoldoutResult | null;
  /** The exponent of §4 for this resource at the task's α, and its formula. */
  theory: { exponent: number; formula: string };
  /** Planned runs without a completed run in the store. */
  missing: string[];
  /** Width and D runs that failed the convergence rule. */
  unconverged: string[];
}

export interface MichaudScalingAnalysis {
  alpha: number;
  loss: string;
  sweeps: Record<MichaudSweep, SweepAnalysis>;
  /**
   * The quanta model (Michaud et al. 2023) predicts the same three exponents; where it differs is that it ties
   * them together: α_D = α_N/(α_N + 1) from the measured α_N (their multi-epoch data law).
   */
  michaud: { dataFromWidth: { exponent: number; interval: Interval } | null; note: string };
}

export interface AnalysisOptions {
  /** Bootstrap resamples (default 1000) and interval level (default 0.95). */
  resamples?: number;
  level?: number;
}

const SWEEP = {
  width: { variable: 'N', law: 'params', formula: 'α_N = α', x: '$.model.width', readout: 'last' },
  data: { variable: 'D', law: 'data', formula: 'α_D = α/(α+1)', x: '$.data.D', readout: 'min' },
  time: { variable: 'T', law: 'time', formula: 'α_T = α/(α+1)', x: null, readout: 'readings' },
} as const;

const READOUT = {
  last: 'the test loss at the last evaluation',
  min: 'the minimum test loss over training (Michaud’s early stopping)',
  readings: 'the test loss at log-spaced evaluated steps of each run',
};

/** Analyses the plan's runs in the store at `dir` (ingesting them first). */
export async function analyseMichaudScaling(
  dir: string,
  plan: MichaudScalingPlan,
  options: AnalysisOptions = {},
): Promise<MichaudScalingAnalysis> {
  const alpha = plan.runs[0].config.task.alpha;
  const entries = [];
  for (const sweep of MICHAUD_SWEEPS)
    entries.push([sweep, await analyseSweep(dir, plan, sweep, alpha, options)]);
  const sweeps = Object.fromEntries(entries) as Record<MichaudSweep, SweepAnalysis>;
  const width = sweeps.width.fit;
  return {
    alpha,
    loss: MICHAUD_LOSS,
    sweeps,
    michaud: {
      dataFromWidth: width && {
        exponent: quantaDataExponent(width.b),
        interval: { lo: quantaDataExponent(width.bInterval.lo), hi: quantaDataExponent(width.bInterval.hi) },
      },
      note:
        'The quanta model gives α_N = α, α_D = α_S = α/(α+1), as the multilinear model does; it also predicts ' +
        'α_D = α_N/(α_N+1) from the measured α_N (here from the width fit).',
    },
  };
}

/** Michaud et al.'s data exponent from a parameter exponent: α_D = α_N/(α_N + 1). */
export function quantaDataExponent(paramsExponent: number): number {
  return paramsExponent / (paramsExponent + 1);
}

/** The steps a time run is read at: `readings` log-spaced from `every` to `steps`, snapped to evaluated steps. */
export function readingSteps(steps: number, every: number, readings: number): number[] {
  const at = Array.from({ length: readings }, (_, i) => every * (steps / every) ** (i / (readings - 1)));
  return [...new Set(at.map((s) => Math.min(steps, Math.round(s / every) * every)))];
}

async function analyseSweep(
  dir: string,
  plan: MichaudScalingPlan,
  sweep: MichaudSweep,
  alpha: number,
  options: AnalysisOptions,
): Promise<SweepAnalysis> {
  const spec = SWEEP[sweep];
  const planned = plan.sweeps[sweep];
  const { rows } = await queryResults(dir, sweepSql(sweep, plan));
  const values: RunValue[] = [];
  const means = new Map<number, MeanPoint>();
  for (const row of rows) {
    const [id, seed, x, y, taskLoss, converged, mean, std, n, meanTaskLoss] = row as [
      string,
      number,
      number,
      number,
      number,
      boolean | null,
      number,
      number | null,
      number,
      number,
    ];
    values.push({ id, seed, x, y, taskLoss, converged });
    means.set(x, { x, mean, std: std ?? 0, n, taskLoss: meanTaskLoss });
  }
  const meanPoints = [...means.values()];
  const fitFrom = meanPoints.find((p) => p.taskLoss <= LEARNED_TASK_LOSS)?.x ?? null;
  const fitted = fitFrom === null ? [] : values.filter((v) => v.x >= fitFrom);
  const done = new Set(values.map((v) => v.id));
  return {
    sweep,
    variable: spec.variable,
    readout: READOUT[spec.readout],
    values,
    means: meanPoints,
    fitFrom,
    ...fitSweep(fitted, sweep === 'time', options),
    theory: { exponent: scalingExponents(alpha)[spec.law], formula: spec.formula },
    missing: planned.filter((r) => !done.has(r.id)).map((r) => r.id),
    unconverged: values.filter((v) => v.converged === false).map((v) => v.id),
  };
}

/** One row per reading: id, seed, x, y, task 1's loss, converged, and mean, std, n, task 1's mean loss at its x. */
function sweepSql(sweep: MichaudSweep, plan: MichaudScalingPlan): string {
  const runs = plan.sweeps[sweep];
  const ids = runs.map((r) => quotedString(r.id)).join(', ');
  const { lastShare, gain } = CONVERGENCE;
  const member = `member AS (
  SELECT id, seed, CAST(config->>'$.steps' AS DOUBLE) AS steps${
    SWEEP[sweep].x ? `, CAST(config->>'${SWEEP[sweep].x}' AS DOUBLE) AS x` : ''
  }
  FROM runs WHERE status = 'completed' AND id IN (${ids}))`;
  let perRun: string;
  if (sweep === 'time') {
    const { steps, evaluation } = runs[0].config;
    const at = readingSteps(steps, evaluation.every, plan.settings.time.readings);
    perRun = `per_run AS (
  SELECT m.id, m.seed, CAST(c.step AS DOUBLE) AS x, c.test_loss AS y, c.skill_loss AS task_loss,
    CAST(NULL AS BOOLEAN) AS converged
  FROM member m JOIN curves c ON c.run_id = m.id AND c.skill = 1 WHERE c.step IN (${at.join(', ')}))`;
  } else {
    const [y, taskLoss] =
      SWEEP[sweep].readout === 'last'
        ? ['arg_max(c.test_loss, c.step)', 'arg_max(c.skill_loss, c.step)']
        : ['min(c.test_loss)', 'arg_min(c.skill_loss, c.test_loss)'];
    const cut = `${1 - lastShare} * m.steps`;
    perRun = `per_run AS (
  SELECT m.id, m.seed, m.x, ${y} AS y, ${taskLoss} AS task_loss,
    min(c.test_loss) FILTER (WHERE c.step > ${cut}) >= ${1 - gain} * min(c.test_loss) FILTER (WHERE c.step <= ${cut})
      AS converged
  FROM member m JOIN curves c ON c.run_id = m.id AND c.skill = 1
  GROUP BY m.id, m.seed, m.x)`;
  }
  return `WITH ${member},
${perRun}
SELECT id, seed, x, y, task_loss, converged,
  avg(y) OVER w AS mean, stddev_samp(y) OVER w AS std, count(*) OVER w AS n, avg(task_loss) OVER w AS mean_task_loss
FROM per_run
WINDOW w AS (PARTITION BY x)
ORDER BY x, seed`;
}

/**
 * The power law over runs: each width or D run is one reading, resampled within its x (every resample keeps
 * every scale); each time run is a curve of readings, resampled whole.
 */
function fitSweep(
  values: RunValue[],
  curves: boolean,
  { resamples = 1000, level = 0.95 }: AnalysisOptions,
): { fit: ExponentFit | null; holdout: HoldoutResult | null } {
  const byRun = new Map<string, FitPoint[]>();
  for (const v of values) byRun.set(v.id, [...(byRun.get(v.id) ?? []), { x: v.x, y: v.y }]);
  let runs = [...byRun.values()];
  if (!curves) {
    // A scale with one run cannot be resampled within itself: it is left out of the fit.
    const perX = new Map<number, number>();
    for (const [p] of runs) perX.set(p.x, (perX.get(p.x) ?? 0) + 1);
    runs = runs.filter(([p]) => (perX.get(p.x) ?? 0) >= 2);
  }
  const scales = new Set(runs.flat().map((p) => p.x));
  if (scales.size < 2 || runs.length < 2) return { fit: null, holdout: null };
  const boot: PowerLawBootstrap = bootstrapPowerLaw(runs, {
    resamples,
    level,
    ...(curves ? {} : { stratum: (run: FitPoint[]) => run[0].x }),
  });
  const points = runs.flat();
  const fit: ExponentFit = {
    a: boot.fit.a,
    b: boot.fit.b,
    aInterval: boot.a,
    bInterval: boot.b,
    level,
    resamples,
    unconverged: boot.unconverged,
    points: points.length,
  };
  if (scales.size < 3) return { fit, holdout: null };
  const score = holdoutScore(points);
  const heldOutX = Math.max(...scales);
  const atLargest = points.filter((p) => p.x === heldOutX);
  const measured = atLargest.reduce((s, p) => s + p.y, 0) / atLargest.length;
  const predicted = score.predictions[0].predicted;
  return {
    fit,
    holdout: {
      heldOutX,
      b: score.fit.b,
      predicted,
      measured,
      errorOfMean: (predicted - measured) / measured,
      rmsLogError: score.rmsLogError,
      meanAbsRelativeError: score.meanAbsRelativeError,
    },
  };
}
