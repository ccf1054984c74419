import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RunSummary } from '../../experiment/run.ts';
import { makeDirectory } from '../../files.ts';
import { ingest } from '../../results/ingest.ts';
import type { PlannedRun, RunOutcome, SweepProgress, SweepResult } from '../plan.ts';
import { SweepTracker } from '../tracker.ts';
import { RunMirror } from './mirror.ts';
import { clearProgress, jobIdFor, QUEUE, type RunJob, type RunResult, seedProgress } from './protocol.ts';
import { connectRedis, parseRedisUrl } from './redis.ts';

export interface QueueOptions {
  out: string;
  /** redis://host:port or redis://:PASSWORD@host:port */
  redis: string;
  /** Aborted: stop following the sweep (its runs go on in the workers; the same call picks them up). */
  signal?: AbortSignal;
  onProgress?(p: SweepProgress): void;
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
 * meanwhile are collected from Redis, running ones keep running. Resolves as runSweep does: each planned run's
 * outcome (once per id, in plan order; `interrupted` for a run still on the queue when `signal` stopped the
 * coordinator) and the final progress.
 */
export async function runOnQueue(runs: PlannedRun[], options: QueueOptions): Promise<SweepResult> {
  const { out, signal } = options;
  const redis = await connectRedis(parseRedisUrl(options.redis), (line) => process.stderr.write(`${line}\n`));
  const queue = new Queue<RunJob, RunResult>(QUEUE, { connection: redis });
  const events = new QueueEvents(QUEUE, { connection: redis });
  const unique = [...new Map(runs.map((r) => [r.id, r])).values()];
  const tracker = new SweepTracker(unique);
  // Reported when anything but the ETA changed (a full pass every POLL_MS often changes nothing).
  let reported = '';
  const report = () => {
    const progress = tracker.progress();
    const { etaSeconds: _, ...counts } = progress;
    const key = JSON.stringify(counts);
    if (key === reported) return;
    reported = key;
    options.onProgress?.(progress);
  };
  const outcomes = new Map<string, RunOutcome>();
  try {
    makeDirectory(out);
    const pending = new Map<string, RunMirror>();
    for (const run of unique) {
      const mirror = new RunMirror(out, run);
      const summary = mirror.finished();
      if (summary) {
        tracker.skip(run.id, summary.status);
        outcomes.set(run.id, {
          id: run.id,
          status: summary.status,
          skipped: true,
          ...message(summary.message),
        });
        await forget(queue, redis, run.id);
        continue;
      }
      mirror.writeConfig();
      await enqueue(queue, redis, mirror);
      pending.set(jobIdFor(run.id), mirror);
    }
    const running = new Set<string>();
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
        const { id } = mirror.run;
        const now = await follow(queue, redis, jobId, mirror);
        if (now.state === 'active') {
          if (!running.has(jobId)) tracker.start(id, mirror.lastStep);
          running.add(jobId);
          tracker.step(id, mirror.lastStep);
          continue;
        }
        if (running.delete(jobId) && now.state === 'pending') tracker.end(id, 'pending');
        if (now.state === 'pending') continue;
        const status = now.state === 'error' ? 'failed' : now.state;
        outcomes.set(id, { id, status, skipped: false, ...message(now.message) });
        tracker.end(id, status === 'failed' ? 'errored' : status === 'interrupted' ? 'pending' : status);
        pending.delete(jobId);
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
    // Stopped: the runs still training go on in the workers, but this invocation no longer follows them.
    for (const jobId of running) tracker.end(pending.get(jobId)!.run.id, 'pending');
  } finally {
    await events.close();
    await queue.close();
    redis.disconnect();
  }
  await ingest(out);
  return {
    runs: unique.map(({ id }) => outcomes.get(id) ?? { id, status: 'interrupted', skipped: false }),
    progress: tracker.progress(),
  };
}

/** A RunOutcome's `message` field, present only when there is one. */
function message(text: string | undefined): { message?: string } {
  return text ? { message: text } : {};
}

/**
 * Where a followed run stands: still queued or training, finished with a result (and the summary's message),
 * or failed with an error.
 */
type Followed =
  | { state: 'pending' | 'active'; message?: undefined }
  | { state: RunSummary['status']; message?: string }
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
  const { status, message } = job.returnvalue.summary;
  return { state: status, message };
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
