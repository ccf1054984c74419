import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE, type RunJob, type RunResult } from './protocol.ts';
import { trainJob } from './train-job.ts';

/**
 * How fast a dead worker's run is taken up: a job's lock lasts LOCK_MS unless renewed (every LOCK_MS / 2
 * while the run trains), and every STALLED_INTERVAL_MS the live workers move jobs whose lock expired back to
 * the queue. A run whose worker died more than MAX_STALLED times fails.
 */
export const LOCK_MS = 10_000;
export const STALLED_INTERVAL_MS = 5_000;
const MAX_STALLED = 5;

export interface WorkerOptions {
  /** Aborted: the run in progress checkpoints and goes back to the queue, and the worker takes no more. */
  signal: AbortSignal;
  log(line: string): void;
}

/**
 * Takes runs from the queue one at a time (one process per core: a run keeps its core busy) until `signal`
 * is aborted; resolves once the worker has closed.
 */
export async function serveRuns(redis: Redis, options: WorkerOptions): Promise<void> {
  const worker: Worker<RunJob, RunResult> = new Worker<RunJob, RunResult>(
    QUEUE,
    (job, token): Promise<RunResult> =>
      trainJob(job, {
        redis,
        lockKey: `${worker.toKey(job.id!)}:lock`,
        token: token!,
        stop: options.signal,
        log: options.log,
      }),
    {
      connection: redis,
      concurrency: 1,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_INTERVAL_MS,
      maxStalledCount: MAX_STALLED,
      autorun: false,
    },
  );
  worker.on('failed', (job, e) => options.log(`run ${job?.data.id ?? '?'}: failed: ${e.message}`));
  worker.on('error', (e) => options.log(`worker: ${e.message.split('\n')[0]}`));
  const running = worker.run();
  await worker.waitUntilReady();
  options.log('worker: waiting for runs');
  const closing = new Promise<void>((resolve) => {
    const close = () => void worker.close().then(resolve, resolve);
    if (options.signal.aborted) close();
    else options.signal.addEventListener('abort', close, { once: true });
  });
  await Promise.all([running, closing]);
}
