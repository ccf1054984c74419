// The extended model of one resource as calibration sees it (§5, Fig. 11): which runs it describes, the
// points (x, skill k, measured R_k/S) a run gives, the model's R_k/S at a point for a value of the constant,
// and where the model puts R_k/S = level. Time: Eq. 14 with B² free, every evaluation of a run; data: Eq. 17
// with D_c free, the final R_k/S of a run on D samples; parameters: Eq. 21 with N_c free, the final R_k/S at
// width N. docs/calibration.md.
import { invalid, UsageError } from '../errors.ts';
import type { RunConfig } from '../experiment/config.ts';
import { predictedStep, runTheory } from '../experiment/prediction.ts';
import type { Resource } from '../experiment/reproductions.ts';
import { skillProbs } from '../task/task.ts';
import { dataShotStrength, FITTED, paramShotStrength } from '../theory/extended.ts';
import { skillStrength } from '../theory/multilinear.ts';
import type { FitPoint } from './powerLaw.ts';

/** A run as calibration reads it: its config and its evaluations in step order (R_k/S, skill k at k − 1). */
export interface CalibrationRun {
  id: string;
  config: RunConfig;
  curve: readonly { step: number; R: readonly number[] }[];
}

/** One measured R_k/S: x is the step (time), D (data) or the width (params); y is R_k/S. */
export interface ResourcePoint extends FitPoint {
  /** Skill k, 1-based. */
  k: number;
  /** P_s(k). */
  q: number;
  /** Time only: the run's S, R_k(0) and η·P_s(k)·S, the rate of Eq. 14 per unit B² (twice it in the exponent). */
  theory?: { S: number; r0: number; rate: number };
}

export interface ResourceModel {
  /** The constant's name, as the paper writes it. */
  constant: 'B2' | 'Dc' | 'Nc';
  /** The paper's value (Fig. 11). */
  paper: number;
  /** What x counts. */
  unit: 'step' | 'D' | 'width';
  /** Config fields (dotted paths) a calibration may vary between runs besides seed, skills and run length. */
  swept: readonly string[];
  /** The bracket the least-squares search starts from (it widens as needed). */
  bracket: { lo: number; hi: number };
  /** Throws a UsageError naming the field when the model does not describe runs of this config. */
  check(config: RunConfig): void;
  /** The run's x (D or width; null for time, whose x is each evaluation's step). */
  x(config: RunConfig): number | null;
  /** The measured points of a run. */
  points(run: CalibrationRun): ResourcePoint[];
  /** The model's R_k/S at a point for the constant θ. */
  predict(theta: number, point: ResourcePoint): number;
  /** The x at which the model's R_k/S reaches `level` for skill k of runs configured as `config`. */
  reaches(theta: number, config: RunConfig, k: number, level: number): number;
}

/** Every evaluation of every skill of a run, x = step, with the run's time model (runTheory). */
function curvePoints(run: CalibrationRun): ResourcePoint[] {
  const { eta, S, r0, probs } = runTheory(run.config);
  const theories = Array.from(probs, (q) => ({ S, r0, rate: eta * q * S }));
  return run.curve.flatMap(({ step, R }) =>
    R.map((y, i) => ({ x: step, y, k: i + 1, q: probs[i], theory: theories[i] })),
  );
}

/** The last evaluation's R_k/S of every skill, x = the run's D or width: the converged strength. */
function finalPoints(run: CalibrationRun, x: number): ResourcePoint[] {
  const probs = skillProbs(run.config.task);
  const last = run.curve.at(-1);
  return last ? last.R.map((y, i) => ({ x, y, k: i + 1, q: probs[i] })) : [];
}

/** Squared error on ±S targets: both Eq. 17 and Eq. 21 are minimisers of it. */
function checkSquaredError(config: RunConfig, why: string): void {
  if (config.model.loss === 'ce') {
    throw new UsageError(`${invalid('model.loss', '"mse" or "mse-half"', 'ce').message} to calibrate ${why}`);
  }
  if (config.task.labels !== 'pm') {
    throw new UsageError(`${invalid('task.labels', '"pm"', config.task.labels).message} to calibrate ${why}`);
  }
}

const time: ResourceModel = {
  constant: 'B2',
  paper: FITTED.rateScale,
  unit: 'step',
  swept: [],
  bracket: { lo: 1e-3, hi: 1 },
  // runTheory refuses what Eq. 14 does not describe (Adam, fixed data, schedules, …), naming the field.
  check: (config) => void runTheory(config),
  x: () => null,
  points: curvePoints,
  // Eq. 14: R_k/S = 1/(1 + (S/R_k(0) − 1)·e^{−2η·B²·P_s(k)·S·T}), as extendedTimeStrength without its checks.
  predict: (B2, { x, theory }) => skillStrength(B2 * theory!.rate * x, theory!.S, theory!.r0),
  reaches: (B2, config, k, level) => predictedStep(runTheory(config, { B2 }), k, level),
};

const data: ResourceModel = {
  constant: 'Dc',
  paper: FITTED.Dc,
  unit: 'D',
  // The authors' batch and a per-epoch schedule resolve to different numbers at each D.
  swept: ['data.D', 'data.batch', 'optimizer.schedule'],
  bracket: { lo: 10, hi: 1e5 },
  check(config) {
    if (config.data.regime !== 'fixed') {
      throw new UsageError(
        `${invalid('data.regime', '"fixed"', config.data.regime).message} to calibrate D_c: Eq. 17 is the converged model of D samples`,
      );
    }
    checkSquaredError(config, 'D_c');
  },
  x: (config) => config.data.D!,
  points: (run) => finalPoints(run, run.config.data.D!),
  // Eq. 17 with the expected count d_k = D·P_s(k)
  predict: (Dc, p) => dataShotStrength(p.x * p.q, Dc),
  // Eq. 17 solved for d_k: 1 − √(1 − d/D_c) = level ⇔ d = D_c·(1 − (1 − level)²).
  reaches: (Dc, config, k, level) => (Dc * (1 - (1 - level) ** 2)) / skillProbs(config.task)[k - 1],
};

const params: ResourceModel = {
  constant: 'Nc',
  paper: FITTED.Nc,
  unit: 'width',
  swept: ['model.width'],
  bracket: { lo: 0.1, hi: 100 },
  check(config) {
    if (config.data.regime !== 'online') {
      throw new UsageError(
        `${invalid('data.regime', '"online"', config.data.regime).message} to calibrate N_c: Eq. 21 takes D → ∞`,
      );
    }
    if (config.model.depth !== 2) {
      throw new UsageError(
        `${invalid('model.depth', '2', config.model.depth).message} to calibrate N_c: N is the width of one hidden layer`,
      );
    }
    checkSquaredError(config, 'N_c');
  },
  x: (config) => config.model.width,
  points: (run) => finalPoints(run, run.config.model.width),
  // Eq. 21
  predict: (Nc, p) => paramShotStrength(p.k, p.x, Nc),
  // Eq. 21 solved for N: (N − (k − 1)·N_c)/N_c = level.
  reaches: (Nc, _config, k, level) => (k - 1 + level) * Nc,
};

export const RESOURCE_MODELS: Readonly<Record<Resource, ResourceModel>> = { time, data, params };
