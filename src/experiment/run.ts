import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { createTask, type Task } from '../task/task.ts';
import { parseRunConfig, type RunConfig } from './config.ts';
import { pacer } from './events.ts';
import { type OpenNetwork, openNetwork } from './network.ts';
import { type CurvePoint, RUN_FILES, RunRecord, type RunSummary } from './run-record.ts';
import { trainingSession } from './session.ts';

export { type CurvePoint, RUN_FILES, type RunSummary, readCurve } from './run-record.ts';

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
  const run = new RunRecord(config, options.out, Boolean(options.resume));
  const task = createTask(config.task, config.seed);
  const opened = await openNetwork(task, config, run.savedKernelChoice ?? undefined);
  try {
    return await loop(run, options, task, opened);
  } finally {
    await opened.net.close?.();
  }
}

async function loop(
  run: RunRecord,
  options: RunOptions,
  task: Task,
  { net, flavour, feed, kernelChoice }: OpenNetwork,
): Promise<RunSummary> {
  const { config } = run;
  const finish = (status: RunSummary['status'], message?: string) =>
    run.finish(task, status, flavour, message, { kernelChoice });
  run.start(net);
  const session = trainingSession(task, config, net, feed, {
    progress: run,
    data: run.savedData ?? undefined,
  });
  const record = async () => {
    const point = await session.evaluate();
    options.onEvaluation?.(point);
  };
  const checkpoint = () => {
    run.checkpoint(net, session.dataState(), kernelChoice.choice);
    options.onCheckpoint?.(run.step);
  };

  if (run.fresh) await record();
  // Steps are synchronous: yielding every few milliseconds lets a signal handler run and abort the run.
  const pause = pacer();
  while (run.step < config.steps) {
    await pause();
    if (options.signal?.aborted) {
      checkpoint();
      return finish('interrupted', stoppedMessage(run));
    }
    const loss = session.train();
    if (!Number.isFinite(loss)) return finish('diverged', run.divergedMessage(loss));
    options.onStep?.(run.step, loss);
    if (run.due) {
      await record();
      checkpoint();
    }
  }
  return finish('completed');
}

/** The summary message of a run stopped by a signal. */
export function stoppedMessage(run: RunRecord): string {
  return `stopped at step ${run.step} of ${run.config.steps}; continue with --resume`;
}
