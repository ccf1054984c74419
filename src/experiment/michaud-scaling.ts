// The runs behind `michaud-scaling`: Michaud et al.'s multitask sparse parity (the quanta model's setting, §1.2
// of the paper's comparison) swept in width (D → ∞), in data (a fixed set) and in steps (one long run per
// seed), to compare the network's loss exponents with α_N = α and α_D = α_T = α/(α+1) (§4, Table 4).
// docs/michaud-scaling.md gives the choices and the measured speeds behind the sizes.
import { type PlannedRun, planRun } from '../sweep/plan.ts';
import { parseRunConfig, type RunConfig } from './config.ts';
import { stepsPerEpoch } from './epochs.ts';
import { mergeRunConfig, preset } from './presets.ts';

export const MICHAUD_SCALES = ['quick', 'full'] as const;
export type MichaudScale = (typeof MICHAUD_SCALES)[number];

/** The three sweeps: loss against width N, training-set size D and steps T. */
export const MICHAUD_SWEEPS = ['width', 'data', 'time'] as const;
export type MichaudSweep = (typeof MICHAUD_SWEEPS)[number];

/** How one scale sizes the three sweeps. */
export interface MichaudScalingSettings {
  /** What the scale is, in one line. */
  description: string;
  /** Config fields over the `michaud` preset (task, batch, evaluation sets). */
  base: Record<string, unknown>;
  seeds: number[];
  /** Online data (D → ∞), one run per width and seed, read at its last evaluation. */
  width: { widths: number[]; steps: number; evaluations: number };
  /**
   * A fixed set of D samples per run, `epochs` passes over it (capped at `maxSteps`), read at its minimum test
   * loss over training (Michaud's early stopping).
   */
  data: { width: number; D: number[]; epochs: number; maxSteps: number; evaluations: number };
  /** Online data, one run per seed, read off its curve at `readings` log-spaced steps. */
  time: { width: number; steps: number; evaluations: number; readings: number };
  /** What this scale leaves out of Michaud's (empty at full scale), for the figure. */
  cuts: string[];
  /**
   * Measured CPU cost at a few widths of this scale's task and batch, in increasing width: seconds per
   * training step and per evaluation. docs/michaud-scaling.md has the commands.
   */
  speed: SpeedPoint[];
}

export interface SpeedPoint {
  width: number;
  secondsPerStep: number;
  secondsPerEvaluation: number;
}

/** Widths 2^linspace(log2 lo, log2 hi, n) rounded, distinct: Michaud's P-scaling grid. */
export function logWidths(lo: number, hi: number, n: number): number[] {
  return [...new Set(logSpaced(lo, hi, n).map(Math.round))];
}

/** Training-set sizes log-spaced over [lo, hi], rounded to 2 significant digits, distinct. */
export function logSizes(lo: number, hi: number, n: number): number[] {
  return [...new Set(logSpaced(lo, hi, n).map((D) => Number(D.toPrecision(2))))];
}

function logSpaced(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (n === 1 ? 0 : i / (n - 1)));
}

const evaluationSets = { perSkill: 100, testPoints: 30_000 };

/**
 * quick: Michaud's script defaults (100 tasks, n = 50, k = 3, α = 0.5, batch 10,000, AdamW 1e-3, width and
 * steps cut), sized for ≤ 10 minutes on 2 cores. full: the task, batch and grids of Michaud's Fig. 2 runs
 * (P-scaling-15, D-scaling-6: 500 tasks, n = 100, α = 0.4, batch 20,000) with 3 seeds.
 */
export const MICHAUD_SCALING: Record<MichaudScale, MichaudScalingSettings> = {
  quick: {
    description:
      "Michaud's sparse-parity-v4 defaults (100 tasks, n = 50, k = 3, α = 0.5, batch 10,000, AdamW lr 1e-3), 3 seeds",
    base: { evaluation: evaluationSets },
    seeds: [1, 2, 3],
    width: { widths: [6, 12, 24, 48, 96], steps: 6000, evaluations: 24 },
    data: {
      width: 128,
      D: [25_000, 50_000, 100_000, 200_000],
      epochs: 400,
      maxSteps: 25_000,
      evaluations: 40,
    },
    time: { width: 128, steps: 8000, evaluations: 80, readings: 16 },
    cuts: [
      'steps: 6,000 per width, 8,000 for the time runs (Michaud: 2·10⁵), so only the first 4–7 of 100 tasks are learned (loss < 0.1 bits)',
      'widths: 6–96, 5 values (Michaud: 10–500, 30 values); the width law is a staircase of 1–4 quanta',
      'D: 2.5·10⁴–2·10⁵, 4 values, 400 epochs (Michaud: 10⁴–5·10⁶, 30 values, 10⁶ steps)',
      'seeds: 3; test set 30,000 points, 100 per task for per-task accuracy',
    ],
    // CPU seconds, measured under a load average of ~12 (other jobs on the 2 cores): docs/michaud-scaling.md.
    speed: [
      { width: 8, secondsPerStep: 0.68e-3, secondsPerEvaluation: 0.04 },
      { width: 32, secondsPerStep: 0.87e-3, secondsPerEvaluation: 0.05 },
      { width: 128, secondsPerStep: 3.3e-3, secondsPerEvaluation: 0.05 },
    ],
  },
  full: {
    description:
      "Michaud's Fig. 2 runs (P-scaling-15, D-scaling-6): 500 tasks, n = 100, k = 3, α = 0.4, batch 20,000, 3 seeds",
    base: {
      task: { skills: 500, bits: 100, alpha: 0.4 },
      data: { batch: 20_000 },
      evaluation: { ...evaluationSets, testPoints: 100_000 },
    },
    seeds: [1, 2, 3],
    width: { widths: logWidths(10, 500, 30), steps: 200_000, evaluations: 200 },
    data: { width: 500, D: logSizes(1e4, 5e6, 30), epochs: 1000, maxSteps: 1_000_000, evaluations: 200 },
    time: { width: 500, steps: 200_000, evaluations: 400, readings: 30 },
    cuts: [],
    speed: [
      { width: 32, secondsPerStep: 1.59e-3, secondsPerEvaluation: 0.58 },
      { width: 128, secondsPerStep: 11.9e-3, secondsPerEvaluation: 0.71 },
      { width: 500, secondsPerStep: 92e-3, secondsPerEvaluation: 0.81 },
    ],
  },
};

/** A scale's runs, by sweep, as resolved configs with their ids. */
export interface MichaudScalingPlan {
  scale: MichaudScale;
  settings: MichaudScalingSettings;
  sweeps: Record<MichaudSweep, PlannedRun[]>;
  /** Every run once (a config shared by two sweeps is one run). */
  runs: PlannedRun[];
}

/** The planned runs of `scale` (or of `settings`, e.g. a test's tiny version of them). */
export function michaudScalingPlan(
  scale: MichaudScale,
  settings: MichaudScalingSettings = MICHAUD_SCALING[scale],
): MichaudScalingPlan {
  const base = mergeRunConfig(preset('michaud'), settings.base, { preset: `michaud-scaling-${scale}` });
  const resolve = (fields: Record<string, unknown>, steps: number, evaluations: number) =>
    settings.seeds.map((seed) =>
      planRun(
        parseRunConfig(
          mergeRunConfig(base, fields, {
            seed,
            steps,
            evaluation: { every: Math.max(1, Math.round(steps / evaluations)) },
          }),
        ),
      ),
    );
  const { width, data, time } = settings;
  const batch = parseRunConfig(base).data.batch;
  const sweeps: Record<MichaudSweep, PlannedRun[]> = {
    width: width.widths.flatMap((w) => resolve({ model: { width: w } }, width.steps, width.evaluations)),
    data: data.D.flatMap((D) =>
      resolve(
        { model: { width: data.width }, data: { regime: 'fixed', D } },
        Math.min(data.maxSteps, data.epochs * stepsPerEpoch(D, batch)),
        data.evaluations,
      ),
    ),
    time: resolve({ model: { width: time.width } }, time.steps, time.evaluations),
  };
  const runs = [...new Map(MICHAUD_SWEEPS.flatMap((s) => sweeps[s]).map((r) => [r.id, r])).values()];
  return { scale, settings, sweeps, runs };
}

/** Estimated cost of a plan from the measured speeds: core-hours per sweep and in all. */
export function estimateCoreHours(plan: MichaudScalingPlan): Record<MichaudSweep | 'total', number> {
  const cost = (config: RunConfig) => runSeconds(plan.settings.speed, config) / 3600;
  const bySweep = Object.fromEntries(
    MICHAUD_SWEEPS.map((s) => [s, plan.sweeps[s].reduce((sum, r) => sum + cost(r.config), 0)]),
  ) as Record<MichaudSweep, number>;
  return { ...bySweep, total: plan.runs.reduce((sum, r) => sum + cost(r.config), 0) };
}

/**
 * CPU seconds a run takes: steps × seconds per step (in proportion to the batch when a fixed set is smaller
 * than it) plus evaluations × seconds each, both interpolated in width between the measured ones.
 */
export function runSeconds(speed: readonly SpeedPoint[], config: RunConfig): number {
  const { batch, D } = config.data;
  const batchShare = D === undefined ? 1 : Math.min(batch, D) / batch;
  const evaluations = Math.floor(config.steps / config.evaluation.every) + 1;
  const at = (key: 'secondsPerStep' | 'secondsPerEvaluation') => costAt(speed, config.model.width, key);
  return config.steps * at('secondsPerStep') * batchShare + evaluations * at('secondsPerEvaluation');
}

/**
 * A measured cost at `width`: linear in log–log between the measured widths (cost grows faster than width
 * once the weights leave the cache), the nearest segment's slope beyond the largest, the smallest's value below.
 */
function costAt(speed: readonly SpeedPoint[], width: number, key: 'secondsPerStep' | 'secondsPerEvaluation') {
  if (speed.length === 1 || width <= speed[0].width) return speed[0][key];
  const above = speed.findIndex((p) => p.width >= width);
  const [p, q] = above < 0 ? speed.slice(-2) : [speed[above - 1], speed[above]];
  const slope = Math.log(q[key] / p[key]) / Math.log(q.width / p.width);
  return p[key] * (width / p.width) ** slope;
}
