import { invalid } from '../errors.ts';
import type { Rng } from './rng.ts';
import type { Task } from './task.ts';

/**
 * Samples in compact form: sample i has skill index `skill[i]` (0-based) and task bits packed little-endian
 * in `bits[i·words .. (i+1)·words)` (task bit j is bit j & 31 of word j >> 5; unused high bits are 0).
 * The arrays may be views of kernel memory: samplers write into them without allocating.
 */
export interface CompactBatch {
  readonly size: number;
  readonly words: number;
  readonly skill: Int32Array;
  readonly bits: Uint32Array;
  /** 2·size random words the skill sampler draws into. */
  readonly scratch: Uint32Array;
}

/** A batch over caller-owned arrays (e.g. typed-array views of WASM memory). */
export function compactBatch(task: Task, skill: Int32Array, bits: Uint32Array): CompactBatch {
  if (bits.length !== skill.length * task.words) {
    throw new RangeError(`bits has ${bits.length} words, expected ${skill.length * task.words}`);
  }
  return { size: skill.length, words: task.words, skill, bits, scratch: new Uint32Array(2 * skill.length) };
}

/** The first n samples of `batch`, sharing its arrays (a short last batch of an epoch). */
export function batchPrefix(batch: CompactBatch, n: number): CompactBatch {
  if (n === batch.size) return batch;
  return {
    ...batch,
    size: n,
    skill: batch.skill.subarray(0, n),
    bits: batch.bits.subarray(0, n * batch.words),
  };
}

export function allocBatch(task: Task, size: number): CompactBatch {
  return compactBatch(task, new Int32Array(size), new Uint32Array(size * task.words));
}

/** Fresh i.i.d. samples (I ~ P_s, X uniform) into `batch`: the online regime, D → ∞. */
export function sampleBatch(task: Task, rng: Rng, batch: CompactBatch): void {
  task.skillSampler.sample(rng, batch.skill, batch.scratch);
  fillBits(task, rng, batch);
}

/** `batch` filled with samples of skill `k` (0-based) only: a per-skill test set. */
export function sampleSkillBatch(task: Task, rng: Rng, batch: CompactBatch, k: number): void {
  batch.skill.fill(k);
  fillBits(task, rng, batch);
}

/** A fixed training set of D i.i.d. samples. */
export function trainingSet(task: Task, rng: Rng, D: number): CompactBatch {
  if (!Number.isInteger(D) || D < 1) throw invalid('D', 'an integer ≥ 1', D);
  const batch = allocBatch(task, D);
  sampleBatch(task, rng, batch);
  return batch;
}

/** n samples of skill k (0-based). */
export function skillTestSet(task: Task, rng: Rng, k: number, n: number): CompactBatch {
  const batch = allocBatch(task, n);
  sampleSkillBatch(task, rng, batch, k);
  return batch;
}

/** Michaud's exact-frequency counts: ⌊P_s(k)·total⌋ samples of each skill k. */
export function exactFrequencyCounts(probs: ArrayLike<number>, total: number): Int32Array {
  return Int32Array.from(probs, (p) => Math.floor(p * total));
}

/** A test set with exactly ⌊P_s(k)·total⌋ samples of skill k, in skill order, with uniform bits. */
export function exactFrequencyTestSet(task: Task, rng: Rng, total: number): CompactBatch {
  const counts = exactFrequencyCounts(task.probs, total);
  const batch = allocBatch(
    task,
    counts.reduce((a, b) => a + b, 0),
  );
  let at = 0;
  counts.forEach((c, k) => {
    batch.skill.fill(k, at, at + c);
    at += c;
  });
  fillBits(task, rng, batch);
  return batch;
}

function fillBits(task: Task, rng: Rng, batch: CompactBatch): void {
  rng.fill(batch.bits);
  const spare = task.words * 32 - task.spec.bits;
  if (spare === 0) return;
  const keep = 0xffffffff >>> spare;
  for (let w = task.words - 1; w < batch.bits.length; w += task.words) batch.bits[w] &= keep;
}
