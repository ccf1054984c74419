import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { appendOutput, makeDirectory, replaceOutput, writeOutput } from '../files.ts';
import { initParams } from '../nn/init.ts';
import { learningRate } from '../nn/optimizer.ts';
import { seededStream } from '../task/rng.ts';
import { createTask, type Task } from '../task/task.ts';
import { readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { parseRunConfig, type RunConfig } from './config.ts';
import { type DataState, dataSource } from './data.ts';
import { type Evaluation, evaluator } from './evaluation.ts';
import { pacer } from './events.ts';
import { type KernelChoiceRecord, type OpenNetwork, openNetwork } from './network.ts';

/** A line of curve.jsonl. */
export interface CurvePoint extends Evaluation {
  step: number;
  /** Mean training-batch loss since the previous evaluation (null at step 0). */
  trainLoss: number | null;
  lr: number;
  /** Training seconds so far (evaluation excluded). */
  seconds: number;
}

export interface RunSummary {
  status: 'completed' | 'interrupted' | 'diverged';
  message?: string;
  step: number;
  steps: number;
  kernels: string;
  threads: number;
  /**
   * The kernel variants that ran (src/nn/fast/kernel-choice.ts) and their source: `emergence tune`'s cache,
   * the default for the shape, or 'given' (a resumed run keeps the choice it started with). Absent from runs
   * made before it was recorded.
   */
  kernelChoice?: KernelChoiceRecord;
  /** Training seconds (evaluation excluded) and steps per second over this invocation. */
  seconds: number;
  stepsPerSecond: number;
  evaluationSeconds: number;
  final: CurvePoint | null;
  /** Per skill, the first evaluated step with R_k/S ≥ 0.5 (null: not yet). */
  halfStep: (number | null)[];
}

export interface RunOptions {
  out: string;
  resume?: boolean;
  /** Stop cleanly (checkpoint, summary, status interrupted) within a step of being aborted: Ctrl-C. */
  signal?: AbortSignal;
  onStep?(step: number, loss: number): void;
  onEvaluation?(point: CurvePoint): void;
  /** Called once checkpoint.bin holds the state at `step` (after every evaluation, and on abort). */
  onCheckpoint?(step: number): void;
}

interface CheckpointHeader {
  step: number;
  optimizerSteps: number;
  data: DataState;
  seconds: number;
  trainLossSum: number;
  trainLossCount: number;
  /** The kernel variants the run started with: a resumed run keeps them, so it reproduces the run's bits. */
  kernelChoice?: KernelChoiceRecord['choice'];
}

/** The run directory's files. */
export const RUN_FILES = {
  config: 'config.json',
  curve: 'curve.jsonl',
  summary: 'summary.json',
  checkpoint: 'checkpoint.bin',
} as const;

/** Reads a run directory's config.json (for --resume). */
export function readRunConfig(out: string): RunConfig {
  const path = join(out, RUN_FILES.config);
  if (!existsSync(path))
    throw new UsageError(`--resume needs a run in ${out} (no ${RUN_FILES.config} there)`);
  return parseRunConfig(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * Trains a network as `config` says and writes the run directory: config.json (the resolved config),
 * curve.jsonl (one line per evaluation, appended as it goes), checkpoint.bin (at every evaluation and on
 * abort) and summary.json. With `resume`, continues from the checkpoint and redoes nothing.
 */
export async function trainRun(config: RunConfig, options: RunOptions): Promise<RunSummary> {
  const { out } = options;
  const paths = Object.fromEntries(Object.entries(RUN_FILES).map(([k, f]) => [k, join(out, f)])) as Record<
    keyof typeof RUN_FILES,
    string
  >;
  if (!options.resume && existsSync(paths.config)) {
    throw new UsageError(`${out} already holds a run: use --resume to continue it, or another --out`);
  }
  makeDirectory(out);
  const task = createTask(config.task, config.seed);
  const saved =
    options.resume && existsSync(paths.checkpoint)
      ? readCheckpoint<CheckpointHeader>(paths.checkpoint)
      : null;
  const { net, flavour, feed, kernelChoice } = await openNetwork(task, config, saved?.header.kernelChoice);
  try {
    return await loop(config, options, paths, task, { net, flavour, feed, kernelChoice }, saved);
  } finally {
    await net.close?.();
  }
}

async function loop(
  config: RunConfig,
  options: RunOptions,
  paths: Record<keyof typeof RUN_FILES, string>,
  task: Task,
  { net, flavour, feed, kernelChoice }: OpenNetwork,
  saved: { header: CheckpointHeader; arrays: Record<string, Float32Array> } | null,
): Promise<RunSummary> {
  let step = saved?.header.step ?? 0;
  let seconds = saved?.header.seconds ?? 0;
  let trainLossSum = saved?.header.trainLossSum ?? 0;
  let trainLossCount = saved?.header.trainLossCount ?? 0;
  if (saved) {
    net.setParams(saved.arrays.params);
    net.setMoments(
      Object.keys(saved.arrays)
        .filter((n) => n.startsWith('moment'))
        .map((n) => saved.arrays[n]),
    );
    net.steps = saved.header.optimizerSteps;
  } else {
    net.setParams(initParams(net.ref, config.model, seededStream(config.seed, 'init')));
    writeOutput(paths.config, `${JSON.stringify(config, null, 2)}\n`);
  }
  const curve = readCurve(paths.curve).filter((p) => p.step <= step);
  replaceOutput(paths.curve, curve.map((p) => `${JSON.stringify(p)}\n`).join(''));

  const data = dataSource(task, config, saved?.header.data, feed.draw);
  const evaluate = evaluator(task, config.model, config);
  const batchBuffer = feed.allocBatch(config.data.batch);
  const targets = feed.allocTargets(config.data.batch);
  let evaluationSeconds = 0;
  const startStep = step;
  const startSeconds = seconds;

  const record = async () => {
    const t0 = performance.now();
    const point: CurvePoint = {
      step,
      ...(await evaluate(net)),
      trainLoss: trainLossCount > 0 ? trainLossSum / trainLossCount : null,
      lr: learningRate(config.optimizer, step),
      seconds,
    };
    evaluationSeconds += (performance.now() - t0) / 1000;
    appendOutput(paths.curve, `${JSON.stringify(point)}\n`);
    curve.push(point);
    trainLossSum = 0;
    trainLossCount = 0;
    options.onEvaluation?.(point);
  };
  const checkpoint = () => {
    const moments = Object.fromEntries(net.getMoments().map((m, i) => [`moment${i}`, m]));
    writeCheckpoint(
      paths.checkpoint,
      {
        step,
        optimizerSteps: net.steps,
        data: data.state(),
        seconds,
        trainLossSum,
        trainLossCount,
        kernelChoice: kernelChoice.choice,
      },
      { params: net.getParams(), ...moments },
    );
    options.onCheckpoint?.(step);
  };
  const finish = (status: RunSummary['status'], message?: string): RunSummary => {
    const ran = seconds - startSeconds;
    const summary: RunSummary = {
      status,
      ...(message ? { message } : {}),
      step,
      steps: config.steps,
      kernels: flavour,
      threads: config.threads,
      kernelChoice,
      seconds: ran,
      stepsPerSecond: ran > 0 ? (step - startStep) / ran : 0,
      evaluationSeconds,
      final: curve.at(-1) ?? null,
      halfStep: task.masks.map((_, k) => curve.find((p) => p.R[k] >= 0.5)?.step ?? null),
    };
    replaceOutput(paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  };

  if (curve.length === 0) await record();
  // Steps are synchronous: yielding every few milliseconds lets a signal handler run and abort the run.
  const pause = pacer();
  while (step < config.steps) {
    await pause();
    if (options.signal?.aborted) {
      checkpoint();
      return finish('interrupted', `stopped at step ${step} of ${config.steps}; continue with --resume`);
    }
    const batch = data.next(batchBuffer);
    feed.targets(config.model, batch, targets);
    const t0 = performance.now();
    const loss = net.trainStep(batch, targets, learningRate(config.optimizer, step));
    seconds += (performance.now() - t0) / 1000;
    if (!Number.isFinite(loss)) {
      return finish(
        'diverged',
        `training loss became ${loss} at step ${step + 1}: the run diverged (lower the learning rate?); ` +
          `results up to step ${curve.at(-1)?.step ?? 0} are saved`,
      );
    }
    step++;
    trainLossSum += loss;
    trainLossCount++;
    options.onStep?.(step, loss);
    if (step % config.evaluation.every === 0 || step === config.steps) {
      await record();
      checkpoint();
    }
  }
  return finish('completed');
}

/** The points of a curve.jsonl (none when there is no file; a line cut short by a crash left out). */
export function readCurve(path: string): CurvePoint[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as CurvePoint];
      } catch {
        return []; // a line cut short by a crash
      }
    });
}
