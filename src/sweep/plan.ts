import { join } from 'node:path';
import type { RunConfig } from '../experiment/config.ts';
import { runId } from '../results/run-id.ts';
import { RUNS_FOLDER } from '../results/scan.ts';

/** One run of a sweep: its resolved config and the stable id that names its directory. */
export interface PlannedRun {
  id: string;
  config: RunConfig;
}

/** A resolved run config with its id (runId: the config without preset and threads). */
export function planRun(config: RunConfig): PlannedRun {
  return { id: runId(config), config };
}

/** Where a sweep in `out` keeps run `id`: out/runs/<id>/ (config.json, curve.jsonl, summary.json, checkpoint.bin). */
export function runDirectory(out: string, id: string): string {
  return join(out, RUNS_FOLDER, id);
}

/** A sweep's state, reported whenever it changes (a run starts, evaluates or ends). */
export interface SweepProgress {
  /** Runs in the sweep. */
  total: number;
  /** Runs finished: completed before this invocation or during it, and diverged ones. */
  done: number;
  /** Runs finished before this invocation started (skipped). */
  skipped: number;
  running: number;
  /** Runs that ended without completing (diverged, or failed with an error). */
  failed: number;
  /** Steps done and to do over every run: the ETA's basis. */
  stepsDone: number;
  stepsTotal: number;
  /** Estimated seconds left (null until a rate is known). */
  etaSeconds: number | null;
}

/** How one run of the sweep ended in this invocation (what every backend reports per run). */
export interface RunOutcome {
  id: string;
  /** `interrupted`: stopped by the sweep's signal, resumed by the next invocation; `failed`: an error. */
  status: 'completed' | 'diverged' | 'interrupted' | 'failed';
  /** It had ended before this invocation and was not run again. */
  skipped: boolean;
  /** Why it diverged or failed (for a failure, the last line the run wrote on stderr). */
  message?: string;
}

/** What a sweep backend resolves with: each planned run's outcome, in plan order, and the final progress. */
export interface SweepResult {
  runs: RunOutcome[];
  progress: SweepProgress;
}
