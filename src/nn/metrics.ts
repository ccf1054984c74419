// Evaluation metrics as pure functions of (outputs, labels), so the fast path reuses them on kernel outputs.
// `outputs` are row-major, 1 per sample (mse) or 2 logits (even, odd) per sample (ce); `y` are task labels.
import type { TaskSpec } from '../task/spec.ts';
import type { LossName } from './config.ts';
import { type LabelConvention, lossAndOutputGrad, parityClass } from './loss.ts';

/** What the metrics need to know about a task's labels: their convention and S (pass task.spec). */
export type TargetSpec = Pick<TaskSpec, 'labels' | 'S'>;

export interface SkillMetrics {
  /** R_k/S by the authors' centred correlation. */
  readonly R: number;
  /** Mean training loss on the skill's samples (mse: no ½, as trained). */
  readonly loss: number;
  /** Fraction of samples whose parity the model predicts. */
  readonly accuracy: number;
}

/** R_k/S, loss and accuracy on one skill's test set (the authors use 20,000 samples per skill). */
export function skillMetrics(
  loss: LossName,
  outputs: ArrayLike<number>,
  y: ArrayLike<number>,
  target: TargetSpec,
): SkillMetrics {
  const f = scalarOutputs(loss, outputs, y.length);
  const t = loss === 'ce' ? Float64Array.from(y, (v) => 1 - 2 * parityClass(v, target.labels)) : y;
  return {
    R: centredCorrelation(f, t) / targetScale(loss, target),
    loss: meanLoss(loss, outputs, y, target.labels),
    accuracy: accuracy(loss, outputs, y, target.labels),
  };
}

/**
 * The authors' skill-strength estimator (App. K.3; their utils.py `check_corrs`):
 * corr = Σ_j (y_j − ȳ)(f_j − f̄) / (√n·‖y − ȳ‖) ≈ E[(y/S)·(f − f̄)] = R_k for ±S labels.
 * The output is centred, so a constant offset does not count; NaN when all y are equal.
 */
export function centredCorrelation(f: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = y.length;
  const yMean = mean(y);
  const fMean = mean(f);
  let cross = 0;
  let square = 0;
  for (let j = 0; j < n; j++) {
    cross += (y[j] - yMean) * (f[j] - fMean);
    square += (y[j] - yMean) ** 2;
  }
  return cross / (Math.sqrt(n) * Math.sqrt(square));
}

/**
 * The scalar whose correlation with the target measures the skill: f itself for mse; for ce,
 * f := 2·p_even − 1 = tanh((z_even − z_odd)/2), the model's expected g_k = ±1 (so S := 1).
 */
export function scalarOutputs(loss: LossName, outputs: ArrayLike<number>, n: number): Float64Array {
  if (loss !== 'ce') return Float64Array.from({ length: n }, (_, i) => outputs[i]);
  return Float64Array.from({ length: n }, (_, i) => Math.tanh((outputs[2 * i] - outputs[2 * i + 1]) / 2));
}

/**
 * The S that R_k/S divides by, the target's amplitude about its mean: S for ±S labels under mse, ½ for
 * {0, 1} labels under mse (y = ½ ± ½), 1 for ce (the target g = ±1).
 */
export function targetScale(loss: LossName, target: TargetSpec): number {
  if (loss === 'ce') return 1;
  return target.labels === 'pm' ? target.S : 0.5;
}

/**
 * The parity the model predicts for sample i, 0 even / 1 odd: for ce the argmax logit (a tie gives 0, as
 * torch.argmax takes the first); for mse the side of the labels' midpoint, 0 for ±S, ½ for {0, 1}
 * (a tie gives the even label's side).
 */
export function predictedClass(
  loss: LossName,
  outputs: ArrayLike<number>,
  i: number,
  labels: LabelConvention,
): 0 | 1 {
  if (loss === 'ce') return outputs[2 * i + 1] > outputs[2 * i] ? 1 : 0;
  return (labels === 'pm' ? outputs[i] < 0 : outputs[i] > 0.5) ? 1 : 0;
}

/** Fraction of samples whose predicted parity is their label's parity. */
export function accuracy(
  loss: LossName,
  outputs: ArrayLike<number>,
  y: ArrayLike<number>,
  labels: LabelConvention,
): number {
  let hits = 0;
  for (let i = 0; i < y.length; i++) {
    if (predictedClass(loss, outputs, i, labels) === parityClass(y[i], labels)) hits++;
  }
  return hits / y.length;
}

/** Mean training loss over the samples (the mean test loss on an exact-frequency test set). */
export function meanLoss(
  loss: LossName,
  outputs: ArrayLike<number>,
  y: ArrayLike<number>,
  labels: LabelConvention,
): number {
  return lossAndOutputGrad(loss, outputs, y, y.length, labels);
}

function mean(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  return sum / v.length;
}
