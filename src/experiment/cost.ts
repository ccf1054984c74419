// What a set of runs costs in core-hours, from steps per second measured on this machine.

import { decadeLabel } from '../plot/ticks.ts';
import type { PlannedRun } from '../sweep/plan.ts';
import { benchTrain } from './benchmark.ts';
import { parseRunConfig, type RunConfig } from './config.ts';

/** The measured speed of one run shape: training steps per second and seconds per evaluation. */
export interface RunSpeed {
  stepsPerSecond: number;
  evaluationSeconds: number;
}

/** A run's speed, looked up by the fields that set it. */
export type SpeedOf = (config: RunConfig) => RunSpeed;

export interface CostEstimate {
  runs: number;
  steps: number;
  evaluations: number;
  /** One core per run (a two-thread run counts twice). */
  coreHours: number;
}

/** Core-hours of `runs` at the speeds `speedOf` gives: steps / rate + evaluations × seconds each. */
export function estimateCost(runs: readonly PlannedRun[], speedOf: SpeedOf): CostEstimate {
  let steps = 0;
  let evaluations = 0;
  let seconds = 0;
  for (const { config } of runs) {
    const speed = speedOf(config);
    const evals = Math.ceil(config.steps / config.evaluation.every) + 1;
    steps += config.steps;
    evaluations += evals;
    seconds += config.threads * (config.steps / speed.stepsPerSecond + evals * speed.evaluationSeconds);
  }
  return { runs: runs.length, steps, evaluations, coreHours: seconds / 3600 };
}

/**
 * The fields a step's and an evaluation's cost depend on: the network's size and optimiser, the batch, the
 * skills and the test sets. Runs that differ only in seed, D (beyond the batch) or length cost the same.
 */
export function speedKey(config: RunConfig): string {
  const { task, model, optimizer, data, evaluation, threads, kernels } = config;
  return JSON.stringify([
    task.skills,
    task.bits,
    model.width,
    model.depth,
    model.loss,
    optimizer.name,
    data.batch,
    evaluation.perSkill,
    evaluation.testPoints,
    threads,
    kernels,
  ]);
}

/**
 * Measures each distinct run shape of `runs` once with benchTrain (`steps` timed steps on fresh batches)
 * and returns the lookup. A shape takes well under a second at the paper's sizes.
 */
export async function measureSpeeds(runs: readonly PlannedRun[], steps = 30): Promise<SpeedOf> {
  const speeds = new Map<string, RunSpeed>();
  for (const { config } of runs) {
    const key = speedKey(config);
    if (speeds.has(key)) continue;
    // Always online: what is timed is a step on a batch of the run's size.
    const online = parseRunConfig({
      ...config,
      data: { regime: 'online', batch: config.data.batch },
      optimizer: { ...config.optimizer, schedule: { type: 'constant' } },
      steps,
    });
    const bench = await benchTrain(online, steps);
    speeds.set(key, { stepsPerSecond: bench.steps_per_s, evaluationSeconds: bench.evaluation_ms / 1000 });
  }
  return (config) => {
    const speed = speeds.get(speedKey(config));
    if (!speed) throw new Error(`no speed measured for a run of shape ${speedKey(config)}`);
    return speed;
  };
}

/** "1300 runs, 6.39·10⁸ steps: ≈ 589 core-hours, ≈ 295 h on 2 cores" (what to print before a sweep starts). */
export function describeCost(cost: CostEstimate, cores: number): string {
  const hours = (h: number) => (h >= 10 ? h.toFixed(0) : h >= 1 ? h.toFixed(1) : h.toFixed(2));
  const e = Math.floor(Math.log10(Math.max(cost.steps, 1)));
  const steps = e < 4 ? String(cost.steps) : `${(cost.steps / 10 ** e).toFixed(2)}·${decadeLabel(e)}`;
  const on = `${hours(cost.coreHours / cores)} h on ${cores} core${cores === 1 ? '' : 's'}`;
  return `${cost.runs} runs, ${steps} steps: ≈ ${hours(cost.coreHours)} core-hours, ≈ ${on}`;
}
