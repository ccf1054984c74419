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
  const evaluate = membersEvaluator(task, model, config);
  return async (net) => (await evaluate((batch) => net.forward(batch), 1))[0];
}

/**
 * `evaluator` for several networks at once (a packed ensemble): `forward` gives the outputs of all `members`
 * on a batch, member-major (member m's block of n × outputs at m·n·outputs); one Evaluation per member.
 */
export function membersEvaluator(
  task: Task,
  model: ModelSpec,
  config: RunConfig,
): (forward: (batch: CompactBatch) => Float32Array, members: number) => Promise<Evaluation[]> {
  const rng = seededStream(config.seed, 'evaluation');
  const { perSkill, testPoints } = config.evaluation;
  const sets = task.masks.map((_, k) => skillTestSet(task, rng, k, perSkill));
  const labels = sets.map((s) => batchLabels(task, s));
  const exact = testPoints > 0 ? exactFrequencyTestSet(task, rng, testPoints) : null;
  const exactLabels = exact ? batchLabels(task, exact) : null;
  const perMember = (outputs: Float32Array, members: number) => {
    const size = outputs.length / members;
    return Array.from({ length: members }, (_, m) => outputs.subarray(m * size, (m + 1) * size));
  };
  return async (forward, members) => {
    const metrics = Array.from({ length: members }, () => [] as ReturnType<typeof skillMetrics>[]);
    for (const [k, set] of sets.entries()) {
      perMember(forward(set), members).forEach((out, m) => {
        metrics[m].push(skillMetrics(model.loss, out, labels[k], task.spec));
      });
      await yieldToEvents();
    }
    const losses =
      exact && exactLabels
        ? perMember(forward(exact), members).map((out) =>
            meanLoss(model.loss, out, exactLabels, task.spec.labels),
          )
        : null;
    return metrics.map((ms, m) => ({
      loss: losses?.[m] ?? null,
      R: ms.map((x) => x.R),
      skillLoss: ms.map((x) => x.loss),
      skillAccuracy: ms.map((x) => x.accuracy),
    }));
  };
}
