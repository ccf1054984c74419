import { z } from 'zod';
import { integer, oneOf, parseInput } from '../config.ts';
import { UsageError } from '../errors.ts';
import type { LabOptions } from '../lab/network.ts';
import { runSweep } from '../sweep/local.ts';
import type { PlannedRun, SweepResult } from '../sweep/plan.ts';
import { sweepReporter } from './progress.ts';
import { exitCodeFor, stopOnSignals } from './signals.ts';

/** Where a sweep's runs train: the local pool on `jobs` cores, or workers taking them from a BullMQ queue. */
export type Backend = { name: 'local'; jobs?: number } | { name: 'bullmq'; redis: string };

const BACKENDS = ['local', 'bullmq'] as const;

/** --backend local|bullmq, --redis URL and --jobs N, checked together (one line naming the flag). */
export function parseBackend(opts: { backend?: unknown; redis?: unknown; jobs?: unknown }): Backend {
  const { backend, jobs } = parseInput(
    z.object({ backend: oneOf(BACKENDS).default('local'), jobs: integer(1, 4096).optional() }),
    { backend: opts.backend, jobs: opts.jobs },
    '--',
  );
  if (backend === 'local') {
    if (opts.redis !== undefined) throw new UsageError('--redis needs --backend bullmq');
    return { name: 'local', jobs };
  }
  if (typeof opts.redis !== 'string' || opts.redis === '') {
    throw new UsageError(
      '--backend bullmq needs --redis URL (redis://host:port or redis://:PASSWORD@host:port)',
    );
  }
  if (jobs !== undefined) {
    throw new UsageError(
      '--jobs sets the local pool; with --backend bullmq each worker sets its --concurrency',
    );
  }
  return { name: 'bullmq', redis: opts.redis };
}

/**
 * Trains `runs` into `out` on `backend`, resuming what `out` holds; aborted by `signal`. The local pool packs
 * runs unless `pack` is false (a sweep file's `pack`); BullMQ workers train runs one by one.
 */
export async function trainOn(
  backend: Backend,
  runs: PlannedRun[],
  out: string,
  signal: AbortSignal,
  onProgress: (p: SweepResult['progress']) => void,
  pack?: boolean,
): Promise<SweepResult> {
  if (backend.name === 'local') return runSweep(runs, { out, jobs: backend.jobs, signal, onProgress, pack });
  // Loaded only here: bullmq and ioredis are not needed by a local sweep.
  const { runOnQueue } = await import('../sweep/bullmq/coordinator.ts');
  return runOnQueue(runs, { out, redis: backend.redis, signal, onProgress });
}

/**
 * Runs a lab job (a figure's sweep and what follows it) training into `out` on `backend`, set up for the
 * command line: progress on stderr; SIGINT/SIGTERM stop the runs cleanly, and the command then says how to
 * continue and exits 130/143.
 */
export async function runLabJob<T>(
  out: string,
  backend: Backend,
  job: (options: LabOptions) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const removeHandlers = stopOnSignals(controller);
  const progress = sweepReporter();
  try {
    return await job({ out, run: (runs) => trainOn(backend, runs, out, controller.signal, progress.update) });
  } finally {
    progress.stop();
    removeHandlers();
    const stopped = exitCodeFor(controller.signal.reason);
    if (stopped !== undefined) {
      process.stderr.write(`stopped: run the same command again to continue (the runs in ${out} resume)\n`);
      process.exitCode = stopped;
    }
  }
}
