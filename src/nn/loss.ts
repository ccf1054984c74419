import type { TaskSpec } from '../task/spec.ts';
import { logistic } from './activation.ts';
import type { LossName } from './config.ts';

/** How task labels encode the parity: pm, y = +S even / −S odd (Eq. 4); binary, y = parity (Michaud). */
export type LabelConvention = TaskSpec['labels'];

/**
 * The cross-entropy class of a task label: its skill-bit parity, 0 even / 1 odd. pm labels: y < 0 ↔ odd;
 * binary labels: y itself. The convention must be given: y = 1 is even under pm with S = 1 but odd under binary.
 */
export function parityClass(y: number, labels: LabelConvention): 0 | 1 {
  return (labels === 'pm' ? y < 0 : y > 0.5) ? 1 : 0;
}

/**
 * Mean over the first n samples of the training loss, and, if `dOut` is given, its gradient with respect to
 * the outputs (row-major, 1 or 2 per sample) written into `dOut`:
 * mse (f − y)² (PyTorch MSELoss, no ½); mse-half ½(f − y)² (Eq. 5); ce −log softmax(z)_c with c the
 * parity class, computed as softplus(z_other − z_c) so large logits neither overflow nor cancel.
 */
export function lossAndOutputGrad(
  loss: LossName,
  outputs: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  labels: LabelConvention,
  dOut?: Float64Array,
): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (loss === 'ce') {
      const c = parityClass(y[i], labels);
      const d = outputs[2 * i + 1 - c] - outputs[2 * i + c];
      sum += Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d)));
      if (dOut) {
        const pOther = logistic(d); // softmax(z) − onehot(c) is (−p_other, +p_other)
        dOut[2 * i + c] = -pOther / n;
        dOut[2 * i + 1 - c] = pOther / n;
      }
    } else {
      const r = outputs[i] - y[i];
      sum += loss === 'mse' ? r * r : 0.5 * r * r;
      if (dOut) dOut[i] = (loss === 'mse' ? 2 * r : r) / n;
    }
  }
  return sum / n;
}
