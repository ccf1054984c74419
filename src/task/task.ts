import { AliasTable } from './alias.ts';
import { drawMasks } from './masks.ts';
import { seededStream } from './rng.ts';
import { parseTaskSpec, type TaskSpec, type TaskSpecInput } from './spec.ts';
import { uniformProbs, zipfProbs } from './zipf.ts';

/** A task instance: its spec, skill frequencies, and the masks drawn for one seed. */
export interface Task {
  readonly spec: TaskSpec;
  readonly seed: number;
  /** P_s(k) for k = 1..n_s at index k − 1. */
  readonly probs: Float64Array;
  /** Relevant bit positions per skill (0-based within the task bits, sorted). */
  readonly masks: readonly (readonly number[])[];
  /** 32-bit words per sample's task bits: ⌈n_b / 32⌉. */
  readonly words: number;
  /** masks as bit sets: skill k's words at [k·words, (k+1)·words). */
  readonly maskWords: Uint32Array;
  readonly skillSampler: AliasTable;
}

/** Builds a task from a (partial) spec and a seed; the masks come from the seed's `masks` stream. */
export function createTask(input: TaskSpecInput | TaskSpec, seed: number): Task {
  const spec = parseTaskSpec(input);
  const probs = skillProbs(spec);
  const masks = drawMasks(spec.masks, spec.skills, spec.bits, spec.m, seededStream(seed, 'masks'));
  const words = Math.ceil(spec.bits / 32);
  const maskWords = new Uint32Array(spec.skills * words);
  masks.forEach((mask, k) => {
    for (const b of mask) maskWords[k * words + (b >>> 5)] |= 1 << (b & 31);
  });
  return { spec, seed, probs, masks, words, maskWords, skillSampler: new AliasTable(probs) };
}

/** P_s(k) of a spec's skills, skill k at index k − 1: Zipf (Eq. 1) or uniform. */
export function skillProbs(spec: Pick<TaskSpec, 'distribution' | 'skills' | 'alpha'>): Float64Array {
  return spec.distribution === 'zipf' ? zipfProbs(spec.skills, spec.alpha) : uniformProbs(spec.skills);
}

/** Width of the dense network input: n_s control bits then n_b task bits. */
export function inputWidth(task: Task): number {
  return task.spec.skills + task.spec.bits;
}
