import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { appendOutput, makeDirectory, replaceOutput, writeOutput } from '../files.ts';
import { createTask, type Task } from '../task/task.ts';
import { readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { parseRunConfig, type RunConfig } from './config.ts';
import { pacer } from './events.ts';
import type { KernelData } from './kernel-data.ts';
import { type Network, openNetwork } from './network.ts';
import { type CurvePoint, type SessionState, trainingSession } from './session.ts';

export type { CurvePoint };

export interface RunSummary {
  status: 'completed' | 'interrupted' | 'diverged';
  message?: string;
  step: number;
  steps: number;
  kernels: string;
  threads: number;
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

/** checkpoint.bin's header: the session's state and the optimiser's step count (Adam's bias correction). */
interface CheckpointHeader extends SessionState {
  optimizerSteps: number;
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
  const { net, flavour, feed } = await openNetwork(task, config);
  try {
    return await loop(config, options, paths, task, net, flavour, feed);
  } finally {
    await net.close?.();
  }
}

async function loop(
  config: RunConfig,
  options: RunOptions,
  paths: Record<keyof typeof RUN_FILES, string>,
  task: Task,
  net: Network,
  flavour: string,
  feed: KernelData,
): Promise<RunSummary> {
  const saved =
    options.resume && existsSync(paths.checkpoint)
      ? readCheckpoint<CheckpointHeader>(paths.checkpoint)
      : null;
  if (saved) {
    net.setParams(saved.arrays.params);
    net.setMoments(
      Object.keys(saved.arrays)
        .filter((n) => n.startsWith('moment'))
        .map((n) => saved.arrays[n]),
    );
    net.steps = saved.header.optimizerSteps;
  } else {
    writeOutput(paths.config, `${JSON.stringify(config, null, 2)}\n`);
  }
  const session = trainingSession(task, config, net, feed, saved?.header);
  const curve = readCurve(paths.curve).filter((p) => p.step <= session.step);
  replaceOutput(paths.curve, curve.map((p) => `${JSON.stringify(p)}\n`).join(''));
  const startStep = session.step;
  const startSeconds = session.seconds;

  const record = async () => {
    const point = await session.evaluate();
    appendOutput(paths.curve, `${JSON.stringify(point)}\n`);
    curve.push(point);
    options.onEvaluation?.(point);
  };
  const checkpoint = () => {
    const moments = Object.fromEntries(net.getMoments().map((m, i) => [`moment${i}`, m]));
    const header: CheckpointHeader = { ...session.state(), optimizerSteps: net.steps };
    writeCheckpoint(paths.checkpoint, header, { params: net.getParams(), ...moments });
    options.onCheckpoint?.(session.step);
  };
  const finish = (status: RunSummary['status'], message?: string): RunSummary => {
    const ran = session.seconds - startSeconds;
    const summary: RunSummary = {
      status,
      ...(message ? { message } : {}),
      step: session.step,
      steps: config.steps,
      kernels: flavour,
      threads: config.threads,
      seconds: ran,
      stepsPerSecond: ran > 0 ? (session.step - startStep) / ran : 0,
      evaluationSeconds: session.evaluationSeconds,
      final: curve.at(-1) ?? null,
      halfStep: task.masks.map((_, k) => curve.find((p) => p.R[k] >= 0.5)?.step ?? null),
    };
    replaceOutput(paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  };

  if (curve.length === 0) await record();
  // Steps are synchronous: yielding every few milliseconds lets a signal handler run and abort the run.
  const pause = pacer();
  while (session.step < config.steps) {
    await pause();
    if (options.signal?.aborted) {
      checkpoint();
      return finish(
        'interrupted',
        `stopped at step ${session.step} of ${config.steps}; continue with --resume`,
      );
    }
    const loss = session.train();
    if (!Number.isFinite(loss)) {
      return finish(
        'diverged',
        `training loss became ${loss} at step ${session.step + 1}: the run diverged (lower the learning rate?); ` +
          `results up to step ${curve.at(-1)?.step ?? 0} are saved`,
      );
    }
    options.onStep?.(session.step, loss);
    if (session.due()) {
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
