import type { CompactBatch } from './batch.ts';
import { inputWidth, type Task } from './task.ts';

/** Parity (0 or 1) of sample i's bits under skill k's mask. */
export function maskedParity(task: Task, k: number, bits: Uint32Array, offset: number): number {
  const { words, maskWords } = task;
  let x = 0;
  for (let w = 0; w < words; w++) x ^= bits[offset + w] & maskWords[k * words + w];
  x ^= x >>> 16;
  x ^= x >>> 8;
  return (0x6996 >>> ((x ^ (x >>> 4)) & 15)) & 1;
}

/** Every sample's parity (0 even, 1 odd) of its own skill's bits. */
export function batchParities(
  task: Task,
  batch: CompactBatch,
  out: Float32Array = new Float32Array(batch.size),
): Float32Array {
  for (let i = 0; i < batch.size; i++)
    out[i] = maskedParity(task, batch.skill[i], batch.bits, i * task.words);
  return out;
}

/**
 * The label of every sample: parity of its own skill's bits, as ±S (pm: +S even, −S odd, Eq. 4) or as
 * the parity itself (binary, Michaud's {0, 1} classes).
 */
export function batchLabels(
  task: Task,
  batch: CompactBatch,
  out: Float32Array = new Float32Array(batch.size),
): Float32Array {
  batchParities(task, batch, out);
  const { S, labels } = task.spec;
  if (labels === 'pm') for (let i = 0; i < batch.size; i++) out[i] = out[i] ? -S : S;
  return out;
}

/** The dense {0,1} network input, n_s control bits (one-hot) then n_b task bits, row-major per sample. */
export function denseInputs(
  task: Task,
  batch: CompactBatch,
  out = new Float32Array(batch.size * inputWidth(task)),
): Float32Array {
  const { skills, bits } = task.spec;
  const width = skills + bits;
  out.fill(0, 0, batch.size * width);
  for (let i = 0; i < batch.size; i++) {
    const row = i * width;
    out[row + batch.skill[i]] = 1;
    for (let j = 0; j < bits; j++) out[row + skills + j] = taskBit(batch, i, j);
  }
  return out;
}

/** Task bit j (0-based) of sample i, 0 or 1. */
export function taskBit(batch: CompactBatch, i: number, j: number): number {
  return (batch.bits[i * batch.words + (j >>> 5)] >>> (j & 31)) & 1;
}

/** Sample i's network input as a string of n_s + n_b characters '0'/'1' (control bits first). */
export function inputString(task: Task, batch: CompactBatch, i: number): string {
  const { skills, bits } = task.spec;
  const chars = new Array<string>(skills + bits).fill('0');
  chars[batch.skill[i]] = '1';
  for (let j = 0; j < bits; j++) if (taskBit(batch, i, j)) chars[skills + j] = '1';
  return chars.join('');
}
