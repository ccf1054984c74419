import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDirectory } from '../files.ts';
import { startTrain } from './child.ts';
import { type PlannedRun, runDirectory, type SweepProgress } from './plan.ts';
import { type RunState, readSummary, runState } from './state.ts';
import { SweepTracker } from './tracker.ts';

export interface LocalSweepOptions {
  /** The sweep directory: run `id` goes to out/runs/<id>/. */
  out: string;
  /** Cores to use (default: os.availableParallelism()). */
  jobs?: number;
  /** Aborted with a signal's name (SIGINT, SIGTERM): forwarded to the running runs, which checkpoint and stop. */
  signal?: AbortSignal;
  onProgress?(progress: SweepProgress): void;
}

/** How one run of the sweep ended in this invocation. */
export interface RunOutcome {
  id: string;
  /** `interrupted`: stopped by the sweep's signal, resumed by the next invocation; `failed`: an error. */
  status: 'completed' | 'diverged' | 'interrupted' | 'failed';
  /** It had ended before this invocation and was not run again. */
  skipped: boolean;
  /** Why it diverged or failed (for a failure, the last line the run wrote on stderr). */
  message?: string;
}

export interface SweepResult {
  runs: RunOutcome[];
  progress: SweepProgress;
}

/**
 * Runs a sweep on the cores of this machine, one `emergence train` process per run (see startTrain), writing
 * each into out/runs/<id>/ exactly as `emergence train --out` does. Every core is kept busy: one run per
 * core, and the last run of the queue gets two threads when two cores are free. Resumes what `out` holds:
 * completed and diverged runs are skipped, stopped ones continue from their checkpoint with the threads they
 * started with. A failing run is reported and the others go on. Resolves when every run has ended, or after
 * an abort once the running ones have checkpointed. The caller brings the results store up to date.
 */
export async function runSweep(runs: PlannedRun[], options: LocalSweepOptions): Promise<SweepResult> {
  const { out, signal } = options;
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  makeDirectory(join(out, 'runs'));
  const tracker = new SweepTracker(runs);
  const report = () => options.onProgress?.(tracker.progress());
  const outcomes = new Map<string, RunOutcome>();
  const queue: { run: PlannedRun; state: RunState }[] = [];
  for (const run of runs) {
    const state = runState(runDirectory(out, run.id));
    if (state.kind === 'new' || state.kind === 'resumable') queue.push({ run, state });
    else {
      tracker.skip(run.id, state.kind);
      outcomes.set(run.id, { id: run.id, status: state.kind, skipped: true, message: state.message });
    }
  }
  report();
  const configs = mkdtempSync(join(tmpdir(), 'emergence-sweep-'));
  const kills = new Set<(signal: NodeJS.Signals) => void>();
  const forward = () => {
    for (const kill of kills) kill(signal?.reason as NodeJS.Signals);
  };
  signal?.addEventListener('abort', forward);
  let free = jobs;

  const start = async (run: PlannedRun, state: RunState, threads: number) => {
    const dir = runDirectory(out, run.id);
    let args: string[];
    if (state.kind === 'resumable') {
      args = ['--out', dir, '--resume'];
      tracker.start(run.id, state.step);
    } else {
      const file = join(configs, `${run.id}.json`);
      writeFileSync(file, JSON.stringify({ ...run.config, threads }));
      args = ['--config', file, '--out', dir];
      tracker.start(run.id, 0);
    }
    report();
    const child = startTrain(args, (step) => {
      tracker.step(run.id, step);
      report();
    });
    kills.add(child.kill);
    const exit = await child.exited;
    kills.delete(child.kill);
    const summary = readSummary(dir);
    let outcome: RunOutcome;
    if (exit.code === 0 && summary?.status === 'completed') {
      outcome = { id: run.id, status: 'completed', skipped: false };
    } else if (exit.code === 1 && summary?.status === 'diverged') {
      outcome = { id: run.id, status: 'diverged', skipped: false, message: summary.message };
    } else if (signal?.aborted && summary?.status === 'interrupted') {
      outcome = { id: run.id, status: 'interrupted', skipped: false };
    } else {
      const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
      outcome = { id: run.id, status: 'failed', skipped: false, message: exit.lastLine || how };
    }
    outcomes.set(run.id, outcome);
    tracker.end(
      run.id,
      outcome.status === 'failed' ? 'errored' : outcome.status === 'interrupted' ? 'pending' : outcome.status,
    );
    report();
  };

  const active = new Set<Promise<void>>();
  try {
    for (;;) {
      while (!signal?.aborted && queue.length > 0 && free > 0) {
        // A run resumed keeps the threads it started with; it waits until that many cores are free.
        const at = queue.findIndex(({ state }) => cores(state, jobs) <= free);
        if (at < 0) break;
        const [{ run, state }] = queue.splice(at, 1);
        const threads =
          state.kind === 'resumable'
            ? state.threads
            : queue.length === 0 && free >= 2 && run.config.model.depth === 2
              ? 2
              : 1;
        const used = Math.min(threads, jobs);
        free -= used;
        const task: Promise<void> = start(run, state, threads).finally(() => {
          free += used;
          active.delete(task);
        });
        active.add(task);
      }
      if (active.size === 0) break;
      await Promise.race(active);
    }
  } finally {
    signal?.removeEventListener('abort', forward);
    rmSync(configs, { recursive: true, force: true });
  }
  return {
    runs: runs.map(({ id }) => outcomes.get(id) ?? { id, status: 'interrupted', skipped: false }),
    progress: tracker.progress(),
  };
}

/** The cores a run occupies: its threads (a new run starts on one until only it is left). */
function cores(state: RunState, jobs: number): number {
  return state.kind === 'resumable' ? Math.min(state.threads, jobs) : 1;
}
