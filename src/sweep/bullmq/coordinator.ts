import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunSummary } from '../../experiment/run.ts';
import { makeDirectory } from '../../files.ts';
import { ingest } from '../../results/ingest.ts';
import type { PlannedRun, SweepProgress } from '../plan.ts';
import { RunMirror } from './mirror.ts';
import { clearProgress, jobIdFor, QUEUE, type RunJob, type RunResult, seedProgress } from './protocol.ts';
import { connectRedis, parseRedisUrl } from './redis.ts';
import { SweepTracker } from './tracker.ts';

export interface QueueOptions {
  out: string;
  /** redis://host:port or redis://:PASSWORD@host:port */
  redis: string;
  /** Aborted: stop following the sweep (its runs go on in the workers; the same call picks them up). */
  signal?: AbortSignal;
  onProgress?(p: SweepProgress): void;
}

/** How a sweep on the queue ended: the final progress, and the runs that failed with an error. */
export interface QueueOutcome extends SweepProgress {
  errors: { id: string; message: string }[];
  /** True when `signal` stopped the coordinator before every run had finished. */
  interrupted: boolean;
}

/**
 * Every run's state is read, and what its worker sent copied into DIR, this often; a run that starts, ends or
 * goes back to the queue wakes the coordinator sooner.
 */
const POLL_MS = 1000;
/** Retries of a run whose worker threw an error (a worker killed mid-run is retried without counting). */
const ATTEMPTS = 3;

/**
 * Runs `runs` on the BullMQ queue: enqueues each one DIR does not hold finished (job id = run id, so enqueueing
 * again is a no-op), copies what the workers send back into DIR/runs/<id>/ as it arrives, and brings
 * DIR/results.duckdb up to date at the end. Called again after a crash, it picks the sweep up: runs finished
 * meanwhile are collected from Redis, running ones keep running.
 */
export async function runOnQueue(runs: PlannedRun[], options: QueueOptions): Promise<QueueOutcome> {
  const { out, signal } = options;
  const redis = await connectRedis(parseRedisUrl(options.redis), (line) => process.stderr.write(`${line}\n`));
  const queue = new Queue<RunJob, RunResult>(QUEUE, { connection: redis });
  const events = new QueueEvents(QUEUE, { connection: redis });
  const unique = [...new Map(runs.map((r) => [r.id, r])).values()];
  const tracker = new SweepTracker(
    unique.length,
    unique.reduce((s, r) => s + r.config.steps, 0),
    options.onProgress,
  );
  const errors: QueueOutcome['errors'] = [];
  let interrupted = false;
  try {
    makeDirectory(out);
    const pending = new Map<string, RunMirror>();
    let finishedSteps = 0;
    let skipped = 0;
    for (const run of unique) {
      const mirror = new RunMirror(out, run);
      if (mirror.finished()) {
        skipped++;
        finishedSteps += run.config.steps;
        await forget(queue, redis, run.id);
        continue;
      }
      mirror.writeConfig();
      await enqueue(queue, redis, mirror);
      pending.set(jobIdFor(run.id), mirror);
    }
    let done = skipped;
    let failed = 0;
    const running = new Set<string>();
    const report = () =>
      tracker.update(
        { done, skipped, failed, running: running.size },
        finishedSteps + [...pending.values()].reduce((s, m) => s + m.lastStep, 0),
      );
    report();

    const dirty = new Set<string>();
    let wake: (() => void) | null = null;
    for (const event of ['completed', 'failed', 'active', 'waiting'] as const) {
      events.on(event, ({ jobId }: { jobId: string }) => {
        if (!pending.has(jobId)) return;
        dirty.add(jobId);
        wake?.();
      });
    }
    let lastFullPass = 0;
    while (pending.size > 0 && !signal?.aborted) {
      const full = performance.now() - lastFullPass >= POLL_MS;
      if (full) lastFullPass = performance.now();
      const ids = full ? [...pending.keys()] : [...dirty];
      dirty.clear();
      for (const jobId of ids) {
        const mirror = pending.get(jobId);
        if (!mirror) continue;
        const now = await follow(queue, redis, jobId, mirror);
        if (now.state === 'active') running.add(jobId);
        else running.delete(jobId);
        if (now.state === 'pending' || now.state === 'active') continue;
        if (now.state === 'error') errors.push({ id: mirror.run.id, message: now.message });
        else done++;
        if (now.state !== 'completed') failed++;
        pending.delete(jobId);
        finishedSteps += mirror.run.config.steps;
      }
      report();
      if (pending.size === 0) break;
      await new Promise<void>((resolve) => {
        const stop = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', stop);
          resolve();
        };
        const timer = setTimeout(stop, Math.max(0, POLL_MS - (performance.now() - lastFullPass)));
        wake = stop;
        signal?.addEventListener('abort', stop);
        if (dirty.size > 0) stop();
      });
      wake = null;
    }
    interrupted = pending.size > 0;
  } finally {
    await events.close();
    await queue.close();
    redis.disconnect();
  }
  await ingest(out);
  return { ...tracker.current, errors, interrupted };
}

/** Where a followed run stands: still queued or training, finished with a result, or failed with an error. */
type Followed =
  | { state: 'pending' | 'active' }
  | { state: RunSummary['status'] }
  | { state: 'error'; message: string };

/**
 * Copies what run `mirror` sent since last time into DIR and, once its job has finished, collects the result
 * (summary.json) and drops the job and the run's keys from Redis. A job that vanished is enqueued again.
 */
async function follow(
  queue: Queue<RunJob, RunResult>,
  redis: Redis,
  jobId: string,
  mirror: RunMirror,
): Promise<Followed> {
  const state = await queue.getJobState(jobId);
  if (state === 'unknown') {
    await enqueue(queue, redis, mirror); // removed by someone else: enqueue it again, from DIR
    return { state: 'pending' };
  }
  await mirror.sync(redis);
  if (state === 'failed') {
    return { state: 'error', message: (await queue.getJob(jobId))?.failedReason ?? 'failed' };
  }
  if (state !== 'completed') return { state: state === 'active' ? 'active' : 'pending' };
  const job = (await queue.getJob(jobId))!;
  mirror.collect(job.returnvalue);
  await job.remove();
  await clearProgress(redis, mirror.run.id);
  return { state: job.returnvalue.summary.status };
}

/**
 * Puts a run on the queue unless its job exists: a new job starts from what DIR holds (its checkpoint and
 * the curve up to it), copied into Redis first; a failed one is retried from what it sent.
 */
async function enqueue(queue: Queue<RunJob, RunResult>, redis: Redis, mirror: RunMirror): Promise<void> {
  const { id, config } = mirror.run;
  const jobId = jobIdFor(id);
  const state = await queue.getJobState(jobId);
  if (state === 'failed') await (await queue.getJob(jobId))?.retry('failed');
  if (state !== 'unknown') return;
  await seedProgress(redis, id, mirror.resumable());
  await queue.add('run', { id, config }, { jobId, attempts: ATTEMPTS, removeOnFail: false });
}

/** Drops what Redis still holds of a run DIR holds finished (a coordinator stopped while collecting it). */
async function forget(queue: Queue<RunJob, RunResult>, redis: Redis, runId: string): Promise<void> {
  const jobId = jobIdFor(runId);
  const state = await queue.getJobState(jobId);
  if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
  if (state !== 'unknown') await queue.remove(jobId);
  await clearProgress(redis, runId);
}
