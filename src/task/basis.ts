import { maskedParity } from './labels.ts';
import type { Task } from './task.ts';

/**
 * g_k(i, x) = (−1)^{Σ_j M_j(i,x)} if i = k, else 0 (Eq. 2). Skills are 0-based here; `x` holds the task bits
 * packed as in CompactBatch, starting at `offset`.
 */
export function skillBasis(task: Task, k: number, i: number, x: Uint32Array, offset = 0): -1 | 0 | 1 {
  if (i !== k) return 0;
  return maskedParity(task, k, x, offset) ? -1 : 1;
}

/** f*(i, x) = S·Σ_k g_k(i, x) (Eq. 4): only the sample's own skill contributes (Eq. 3). */
export function targetFunction(task: Task, i: number, x: Uint32Array, offset = 0): number {
  let sum = 0;
  for (let k = 0; k < task.spec.skills; k++) sum += skillBasis(task, k, i, x, offset);
  return task.spec.S * sum;
}
