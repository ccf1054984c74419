import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packKey } from '../experiment/ensemble.ts';
import type { RunSummary } from '../experiment/run.ts';
import { makeDirectory } from '../files.ts';
import { RUNS_FOLDER } from '../results/scan.ts';
import { startTrain, type TrainChild, type TrainExit } from './child.ts';
import { lockSweep, type SweepLock } from './lock.ts';
import {
  type PlannedRun,
  type RunOutcome,
  runDirectory,
  type SweepProgress,
  type SweepResult,
} from './plan.ts';
import { type RunState, readSummary, runState } from './state.ts';
import { SweepTracker } from './tracker.ts';

export interface LocalSweepOptions {
  /** The sweep directory: run `id` goes to out/runs/<id>/. */
  out: string;
  /** Cores to use (default: os.availableParallelism()). */
  jobs?: number;
  /**
   * Pack new runs that share task, data stream and batch into one process each (default true; see
   * `packWork`). Results are the same runs, within float32 rounding.
   */
  pack?: boolean;
  /** Aborted with a signal's name (SIGINT, SIGTERM): forwarded to the running runs, which checkpoint and stop. */
  signal?: AbortSignal;
  onProgress?(progress: SweepProgress): void;
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
  makeDirectory(join(options.out, RUNS_FOLDER));
  const lock = await lockSweep(options.out);
  const configs = mkdtempSync(join(tmpdir(), 'emergence-sweep-'));
  try {
    return await pool(runs, options, configs, lock);
  } finally {
    rmSync(configs, { recursive: true, force: true });
    lock.release();
  }
}

/**
 * The pool itself: `configs` is a scratch directory for the configs handed to new runs; `lock` records the
 * runs' processes.
 */
async function pool(
  runs: PlannedRun[],
  options: LocalSweepOptions,
  configs: string,
  lock: SweepLock,
): Promise<SweepResult> {
  const { out, signal } = options;
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const tracker = new SweepTracker(runs);
  const report = () => options.onProgress?.(tracker.progress());
  const outcomes = new Map<string, RunOutcome>();
  const waiting: { run: PlannedRun; state: RunState }[] = [];
  for (const run of runs) {
    const state = runState(runDirectory(out, run.id));
    if (state.kind === 'new' || state.kind === 'resumable') waiting.push({ run, state });
    else {
      tracker.skip(run.id, state.kind);
      outcomes.set(run.id, { id: run.id, status: state.kind, skipped: true, message: state.message });
    }
  }
  const queue = packWork(waiting, jobs, options.pack !== false);
  report();
  const children = new Set<TrainChild>();
  const forward = () => {
    for (const child of children) child.kill(signal?.reason as NodeJS.Signals);
  };
  signal?.addEventListener('abort', forward);

  const train = async (work: Work, threads: number) => {
    const members = work.runs;
    let args: string[];
    if (members.length > 1) {
      const file = join(configs, `${members[0].run.id}.pack.json`);
      const list = members.map(({ run }) => ({ out: runDirectory(out, run.id), config: run.config }));
      writeFileSync(file, JSON.stringify(list));
      args = ['--pack', file];
    } else {
      const [{ run, state }] = members;
      const dir = runDirectory(out, run.id);
      args = ['--out', dir, '--resume'];
      if (state.kind === 'new') {
        const file = join(configs, `${run.id}.json`);
        writeFileSync(file, JSON.stringify({ ...run.config, threads }));
        args = ['--config', file, '--out', dir];
      }
    }
    for (const { run, state } of members) tracker.start(run.id, state.kind === 'resumable' ? state.step : 0);
    report();
    const child = startTrain(args, (step) => {
      for (const { run } of members) tracker.step(run.id, step);
      report();
    });
    children.add(child);
    lock.children([...children].map((c) => c.pid));
    const exit = await child.exited;
    children.delete(child);
    lock.children([...children].map((c) => c.pid));
    for (const { run } of members) {
      const outcome = classify(run.id, exit, readSummary(runDirectory(out, run.id)), signal);
      outcomes.set(run.id, outcome);
      const { status } = outcome;
      tracker.end(run.id, status === 'failed' ? 'errored' : status === 'interrupted' ? 'pending' : status);
    }
    report();
  };

  let free = jobs;
  const active = new Set<Promise<void>>();
  try {
    for (;;) {
      while (!signal?.aborted && queue.length > 0 && free > 0) {
        // A run resumed keeps the threads it started with; it waits until that many cores are free.
        const at = queue.findIndex((work) => cores(work, jobs) <= free);
        if (at < 0) break;
        const [work] = queue.splice(at, 1);
        const [{ run, state }] = work.runs;
        const threads =
          state.kind === 'resumable'
            ? state.threads
            : work.runs.length === 1 && queue.length === 0 && free >= 2 && run.config.model.depth === 2
              ? 2
              : 1;
        const used = Math.min(threads, jobs);
        free -= used;
        const task: Promise<void> = train(work, threads).finally(() => {
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
  }
  return {
    runs: runs.map(({ id }) => outcomes.get(id) ?? { id, status: 'interrupted', skipped: false }),
    progress: tracker.progress(),
  };
}

/** A run's outcome from how its process ended and the summary it left. */
function classify(id: string, exit: TrainExit, summary: RunSummary | null, signal?: AbortSignal): RunOutcome {
  if (exit.code === 0 && summary?.status === 'completed') return { id, status: 'completed', skipped: false };
  // A pack's process exits 0 when only some of its members diverged.
  if ((exit.code === 0 || exit.code === 1) && summary?.status === 'diverged') {
    return { id, status: 'diverged', skipped: false, message: summary.message };
  }
  // Stopped by the forwarded signal: with a checkpoint, or before `train` could catch it (starting up).
  if (signal?.aborted && (exit.code === 130 || exit.code === 143 || exit.signal === signal.reason)) {
    return { id, status: 'interrupted', skipped: false };
  }
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  return { id, status: 'failed', skipped: false, message: exit.lastLine || how };
}

/** The cores a work item occupies: a resumed run its threads; a new run (one until only it is left), a pack: one. */
function cores({ runs: [{ state }] }: Work, jobs: number): number {
  return state.kind === 'resumable' ? Math.min(state.threads, jobs) : 1;
}

/** What one `emergence train` process of the pool trains: one run, or a pack of new runs. */
interface Work {
  runs: { run: PlannedRun; state: RunState }[];
}

/**
 * The pool's work: first, in plan order, every run trained alone (resumed runs, runs that cannot pack), then
 * the packs: new runs that share task, data stream and batch (packKey; one-hidden-layer,
 * mse) become packs, each group cut into `jobs` packs of near-equal size so every core gets one; everything
 * else is one process per run, as before; `pack` false: no packs.
 */
export function packWork(waiting: { run: PlannedRun; state: RunState }[], jobs: number, pack = true): Work[] {
  const groups = new Map<string, { run: PlannedRun; state: RunState }[]>();
  const work: Work[] = [];
  for (const item of waiting) {
    const { config } = item.run;
    const packable =
      pack && item.state.kind === 'new' && config.model.depth === 2 && config.model.loss !== 'ce';
    if (!packable) {
      work.push({ runs: [item] });
      continue;
    }
    const key = packKey(config);
    const group = groups.get(key) ?? [];
    if (group.length === 0) groups.set(key, group);
    group.push(item);
  }
  for (const group of groups.values()) {
    const size = Math.ceil(group.length / Math.min(jobs, group.length));
    for (let i = 0; i < group.length; i += size) work.push({ runs: group.slice(i, i + size) });
  }
  return work;
}
