import { initParams } from '../nn/init.ts';
import { learningRate } from '../nn/optimizer.ts';
import { skillTestSet } from '../task/batch.ts';
import { seededStream } from '../task/rng.ts';
import { createTask } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import { openNetwork } from './network.ts';

/** What `emergence bench train --json` prints. */
export interface TrainBenchmark {
  steps_per_s: number;
  ms_per_step: number;
  /** Median over five equal segments of the timed steps (robust to a noisy machine). */
  ms_per_step_median: number;
  /** One evaluation forward pass over `perSkill` samples of every skill. */
  evaluation_ms: number;
  steps: number;
  threads: number;
  /** What two threads split (units, samples); null on one thread. */
  split: string | null;
  kernels: string;
  width: number;
  depth: number;
  batch: number;
  loss: string;
  optimizer: string;
  /** Size of the kernels' memory at the end (parameters, tables, activations, batches). */
  memory_mb: number;
}

/**
 * Times `steps` training steps of `config` (online data: sampling, labels and the step; no evaluation),
 * after five warm-up steps, then one evaluation pass of skills × perSkill samples.
 */
export async function benchTrain(config: RunConfig, steps: number): Promise<TrainBenchmark> {
  const task = createTask(config.task, config.seed);
  const { net, flavour, feed } = await openNetwork(task, config);
  try {
    net.setParams(initParams(net.ref, config.model, seededStream(config.seed, 'init')));
    const rng = seededStream(config.seed, 'data');
    const batch = feed.allocBatch(config.data.batch);
    const targets = feed.allocTargets(batch.size);
    const step = (i: number) => {
      feed.draw(rng, batch);
      net.trainStep(batch, feed.targets(config.model, batch, targets), learningRate(config.optimizer, i));
    };
    for (let i = 0; i < 5; i++) step(i);
    const segment = Math.max(1, Math.floor(steps / 5));
    const times: number[] = [];
    let done = 0;
    const t0 = performance.now();
    while (done < steps) {
      const n = Math.min(segment, steps - done);
      const s0 = performance.now();
      for (let i = 0; i < n; i++) step(done + i);
      times.push((performance.now() - s0) / n);
      done += n;
    }
    const seconds = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const evaluation = seededStream(config.seed, 'evaluation'); // one stream for all sets, as a run draws them
    const sets = task.masks.map((_, s) => skillTestSet(task, evaluation, s, config.evaluation.perSkill));
    for (const set of sets) net.forward(set);
    const e0 = performance.now();
    for (const set of sets) net.forward(set);
    const evaluationMs = performance.now() - e0;
    return {
      steps_per_s: steps / seconds,
      ms_per_step: (1000 * seconds) / steps,
      ms_per_step_median: times[Math.floor(times.length / 2)],
      evaluation_ms: evaluationMs,
      steps,
      threads: config.threads,
      split: config.threads === 2 ? (config.split ?? 'units') : null,
      kernels: flavour,
      width: config.model.width,
      depth: config.model.depth,
      batch: config.data.batch,
      loss: config.model.loss,
      optimizer: config.optimizer.name,
      memory_mb: net.memoryBytes / 2 ** 20,
    };
  } finally {
    await net.close?.();
  }
}
