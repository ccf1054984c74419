import type { ModelSpec } from '../nn/config.ts';
import { meanLoss, skillMetrics } from '../nn/metrics.ts';
import { type CompactBatch, exactFrequencyTestSet, skillTestSet } from '../task/batch.ts';
import { batchLabels } from '../task/labels.ts';
import { seededStream } from '../task/rng.ts';
import type { Task } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import { yieldToEvents } from './events.ts';

/** One evaluation: what a line of curve.jsonl holds besides the step. */
export interface Evaluation {
  /** Mean test loss on the exact-frequency test set (the training loss, e.g. mse without ½); null if none. */
  loss: number | null;
  /** R_k/S per skill (the authors' centred correlation on fixed per-skill sets). */
  R: number[];
  /** Mean loss per skill on the same sets. */
  skillLoss: number[];
  /** Fraction of parities predicted per skill. */
  skillAccuracy: number[];
}

/** Anything that maps a batch to network outputs (n × outputs). */
export interface Forward {
  forward(batch: CompactBatch): Float32Array;
}

/**
 * Fixed evaluation sets drawn once from the run's evaluation stream: `perSkill` samples of each skill and an
 * exact-frequency set of `testPoints` (⌊P_s(k)·n⌋ per skill). Returns the function that evaluates a network;
 * it yields to the event loop between sets, so a long evaluation does not hold up a signal handler.
 */
export function evaluator(
  task: Task,
  model: ModelSpec,
  config: RunConfig,
): (net: Forward) => Promise<Evaluation> {
  const rng = seededStream(config.seed, 'evaluation');
  const { perSkill, testPoints } = config.evaluation;
  const sets = task.masks.map((_, k) => skillTestSet(task, rng, k, perSkill));
  const labels = sets.map((s) => batchLabels(task, s));
  const exact = testPoints > 0 ? exactFrequencyTestSet(task, rng, testPoints) : null;
  const exactLabels = exact ? batchLabels(task, exact) : null;
  return async (net) => {
    const metrics = [];
    for (const [k, set] of sets.entries()) {
      metrics.push(skillMetrics(model.loss, net.forward(set), labels[k], task.spec));
      await yieldToEvents();
    }
    const loss =
      exact && exactLabels ? meanLoss(model.loss, net.forward(exact), exactLabels, task.spec.labels) : null;
    return {
      loss,
      R: metrics.map((m) => m.R),
      skillLoss: metrics.map((m) => m.loss),
      skillAccuracy: metrics.map((m) => m.accuracy),
    };
  };
}
