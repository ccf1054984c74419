import { loadKernels } from '../kernels/node.ts';
import type { PackedEnsembleOptions } from '../nn/fast/packed-ensemble.ts';
import { initParams } from '../nn/init.ts';
import { learningRate } from '../nn/optimizer.ts';
import { type CompactBatch, skillTestSet } from '../task/batch.ts';
import { seededStream } from '../task/rng.ts';
import { createTask } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import { checkPack } from './ensemble.ts';
import { openPack } from './ensemble-run.ts';
import { type KernelData, kernelData } from './kernel-data.ts';
import { type KernelChoiceRecord, openNetwork } from './network.ts';

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
  /** The kernel variants that ran: `emergence tune`'s cached choice for this shape, or the default. */
  kernel_choice: KernelChoiceRecord;
}

/**
 * Times `steps` training steps of `config` (online data: sampling, labels and the step; no evaluation),
 * after a warm-up (timeSteps), then one evaluation pass of skills × perSkill samples.
 */
export async function benchTrain(config: RunConfig, steps: number): Promise<TrainBenchmark> {
  const task = createTask(config.task, config.seed);
  const { net, flavour, feed, kernelChoice } = await openNetwork(task, config);
  try {
    net.setParams(initParams(net.ref, config.model, seededStream(config.initSeed ?? config.seed, 'init')));
    const step = onlineSteps(feed, config, (batch, targets, i) => {
      net.trainStep(batch, targets, learningRate(config.optimizer, i));
    });
    const { seconds, medianMs } = timeSteps(step, steps);
    const evaluation = seededStream(config.seed, 'evaluation'); // one stream for all sets, as a run draws them
    const sets = task.masks.map((_, s) => skillTestSet(task, evaluation, s, config.evaluation.perSkill));
    for (const set of sets) net.forward(set);
    const e0 = performance.now();
    for (const set of sets) net.forward(set);
    const evaluationMs = performance.now() - e0;
    return {
      steps_per_s: steps / seconds,
      ms_per_step: (1000 * seconds) / steps,
      ms_per_step_median: medianMs,
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
      kernel_choice: kernelChoice,
    };
  } finally {
    await net.close?.();
  }
}

/**
 * Step i of training on `config`'s online data stream (seed `config.seed`): draws a fresh batch and its targets
 * into kernel memory, then runs `train` on them.
 */
export function onlineSteps(
  feed: KernelData,
  config: RunConfig,
  train: (batch: CompactBatch, targets: Float32Array, i: number) => void,
): (i: number) => void {
  const rng = seededStream(config.seed, 'data');
  const batch = feed.allocBatch(config.data.batch);
  const targets = feed.allocTargets(batch.size);
  return (i) => {
    feed.draw(rng, batch);
    train(batch, feed.targets(config.model, batch, targets), i);
  };
}

/** Seconds of warm-up steps before timing (at least five steps). */
export const WARMUP_SECONDS = 0.5;

/** Runs `step(i)` for i = 0, 1, … until `ms` milliseconds have passed and at least `minSteps` steps have run. */
export function warmUp(step: (i: number) => void, ms: number, minSteps: number): void {
  const until = performance.now() + ms;
  for (let i = 0; i < minSteps || performance.now() < until; i++) step(i);
}

/**
 * Runs `step(i)` for WARMUP_SECONDS and at least five steps (warm-up: a two-thread step needs about 70 steps
 * before it runs at its steady speed, one thread about 25), then times `steps` more in five segments: total
 * seconds and the median milliseconds per step over the segments.
 */
export function timeSteps(step: (i: number) => void, steps: number): { seconds: number; medianMs: number } {
  warmUp(step, 1000 * WARMUP_SECONDS, 5);
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
  times.sort((a, b) => a - b);
  return { seconds: (performance.now() - t0) / 1000, medianMs: times[Math.floor(times.length / 2)] };
}

/** What a packed-ensemble benchmark measures: the pack's steps per second and its shape. */
export interface EnsembleBenchmark {
  steps_per_s: number;
  ms_per_step: number;
  ms_per_step_median: number;
  members: number;
  /** Hidden units summed over members, and as packed (each member padded, the slabs to 16). */
  units: number;
  packed_units: number;
  slabs: number;
  /** Threads training the slabs (two: each its share of them). */
  threads: number;
  kernels: string;
}

/**
 * Times `steps` steps of `configs` trained as one packed ensemble (src/experiment/ensemble-run.ts), drawing
 * the batch and targets once per step as a run does; no evaluation.
 */
export async function benchEnsemble(
  configs: RunConfig[],
  steps: number,
  options: PackedEnsembleOptions = {},
): Promise<EnsembleBenchmark> {
  checkPack(configs);
  const config = configs[0];
  const task = createTask(config.task, config.seed);
  const kernels = await loadKernels(config.kernels);
  const feed = kernelData(kernels, task);
  const { pack, close } = await openPack(kernels, task, configs, options);
  try {
    configs.forEach((c, m) => {
      pack.setParams(m, initParams(pack.ref(m), c.model, seededStream(c.initSeed ?? c.seed, 'init')));
    });
    pack.rebuildTables();
    const step = onlineSteps(feed, config, (batch, targets, i) => {
      pack.trainStep(
        batch,
        targets,
        configs.map((c) => learningRate(c.optimizer, i)),
      );
    });
    const { seconds, medianMs } = timeSteps(step, steps);
    const widths = configs.map((c) => c.model.width);
    return {
      steps_per_s: steps / seconds,
      ms_per_step: (1000 * seconds) / steps,
      ms_per_step_median: medianMs,
      members: configs.length,
      units: widths.reduce((a, b) => a + b, 0),
      packed_units: pack.packs.reduce((a, p) => a + p.layout.width, 0),
      slabs: pack.packs.length,
      threads: config.threads,
      kernels: kernels.flavour,
    };
  } finally {
    await close();
  }
}
