import { z } from 'zod';
import { integer, parseInput } from '../config.ts';
import type { LabOptions } from '../lab/network.ts';
import { runSweep } from '../sweep/local.ts';
import type { SweepResult } from '../sweep/plan.ts';
import { sweepReporter } from './progress.ts';
import { exitCodeFor, stopOnSignals } from './signals.ts';

/** The sweep options of the commands that train (reproduce, start): --jobs. */
export function parseJobs(jobs: unknown): number | undefined {
  return parseInput(z.object({ jobs: integer(1, 4096).optional() }), { jobs }, '--').jobs;
}

/** A lab job's sweep, set up for the command line: progress on stderr, SIGINT/SIGTERM stop it cleanly. */
export interface LabSession {
  options: LabOptions;
  /** Removes the handlers and the progress bar; returns the exit code when a signal stopped the job. */
  finish(): number | undefined;
}

/** A session training into `out` on the local pool with `jobs` cores. */
export function labSession(out: string, jobs: number | undefined): LabSession {
  const controller = new AbortController();
  const removeHandlers = stopOnSignals(controller);
  const progress = sweepReporter();
  const run = (runs: Parameters<typeof runSweep>[0]): Promise<SweepResult> =>
    runSweep(runs, { out, jobs, signal: controller.signal, onProgress: progress.update });
  return {
    options: { out, run },
    finish() {
      progress.stop();
      removeHandlers();
      return exitCodeFor(controller.signal.reason);
    },
  };
}
