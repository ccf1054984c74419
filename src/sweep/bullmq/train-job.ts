import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { Redis } from 'ioredis';
import { UsageError } from '../../errors.ts';
import { parseRunConfig, type RunConfig } from '../../experiment/config.ts';
import { RUN_FILES, trainRun } from '../../experiment/run.ts';
import { writeOutput } from '../../files.ts';
import { type RunJob, type RunResult, readProgress } from './protocol.ts';
import { ProgressPublisher } from './publisher.ts';

export interface TrainJobContext {
  redis: Redis;
  /** The Redis key of the job's lock (its value is `token` while this worker holds the job). */
  lockKey: string;
  token: string;
  /** Aborted when the worker is told to stop: the run checkpoints and the job goes back to the queue. */
  stop: AbortSignal;
  log(line: string): void;
}

/**
 * Trains one job's run in a temporary directory, from the checkpoint a previous attempt left in Redis if
 * any, sending curve lines and checkpoints back as it goes. A diverged run is a result like a completed
 * one. Stopped (`stop`), it hands the job back to the queue (a WaitingError tells BullMQ so).
 */
export async function trainJob(job: Job<RunJob, RunResult>, context: TrainJobContext): Promise<RunResult> {
  const { id } = job.data;
  const config = validConfig(job.data);
  const out = mkdtempSync(join(tmpdir(), `emergence-run-${id}-`));
  const lost = new AbortController();
  const signal = AbortSignal.any([context.stop, lost.signal]);
  const publisher = new ProgressPublisher(
    context.redis,
    id,
    { key: context.lockKey, token: context.token },
    () => readFileSync(join(out, RUN_FILES.checkpoint)),
    (e) => lost.abort(e),
  );
  try {
    const saved = await readProgress(context.redis, id);
    const resume = saved.checkpoint !== null;
    if (resume) {
      writeOutput(join(out, RUN_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
      writeOutput(join(out, RUN_FILES.curve), saved.lines.map((l) => `${l}\n`).join(''));
      writeOutput(join(out, RUN_FILES.checkpoint), saved.checkpoint!);
    }
    context.log(resume ? `run ${id}: resuming from step ${saved.step}` : `run ${id}: starting`);
    const summary = await trainRun(config, {
      out,
      resume,
      signal,
      onEvaluation: (point) => publisher.line(JSON.stringify(point)),
      onCheckpoint: (step) => publisher.checkpoint(step),
    });
    await publisher.flush();
    if (summary.status === 'interrupted') {
      await job.moveToWait(context.token);
      context.log(`run ${id}: stopped at step ${summary.step}, back in the queue`);
      throw new WaitingError();
    }
    context.log(`run ${id}: ${summary.status} at step ${summary.step}`);
    return { summary, tail: publisher.tail };
  } finally {
    publisher.cancel();
    rmSync(out, { recursive: true, force: true });
  }
}

/** The job's config, checked as `emergence train` checks one: a bad one is not retried. */
function validConfig(data: RunJob): RunConfig {
  try {
    return parseRunConfig(data.config);
  } catch (e) {
    if (e instanceof UsageError) throw new UnrecoverableError(`run ${data.id}: ${e.message}`);
    throw e;
  }
}
