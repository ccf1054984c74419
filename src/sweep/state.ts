import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUN_FILES, type RunSummary, readCurve } from '../experiment/run.ts';

/**
 * What a run directory holds, for resuming a sweep: nothing yet (`new`), a finished run (`completed`, or
 * `diverged`: recorded, not retried), or a run that stopped before its end, by a signal or killed
 * (`resumable` from its checkpoint, at `step`, with the threads it was started with).
 */
export type RunState =
  | { kind: 'new' }
  | { kind: 'completed' | 'diverged'; message?: string }
  | { kind: 'resumable'; step: number; threads: number };

export function runState(dir: string): RunState {
  const configPath = join(dir, RUN_FILES.config);
  if (!existsSync(configPath)) return { kind: 'new' };
  // A completed or diverged run is never continued, so its summary is final; any other is resumed.
  const summary = readSummary(dir);
  if (summary?.status === 'completed' || summary?.status === 'diverged') {
    return { kind: summary.status, ...(summary.message ? { message: summary.message } : {}) };
  }
  const { threads } = JSON.parse(readFileSync(configPath, 'utf8')) as { threads?: number };
  const step = readCurve(join(dir, RUN_FILES.curve)).at(-1)?.step ?? 0;
  return { kind: 'resumable', step, threads: threads ?? 1 };
}

/** A run directory's summary.json, or null when there is none (or it is being written). */
export function readSummary(dir: string): RunSummary | null {
  try {
    return JSON.parse(readFileSync(join(dir, RUN_FILES.summary), 'utf8')) as RunSummary;
  } catch {
    return null;
  }
}
