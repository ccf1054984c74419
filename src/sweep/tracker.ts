import type { PlannedRun, SweepProgress } from './plan.ts';

/** Where a run is: waiting, running, or ended as `completed`, `diverged` or `errored` (failed with an error). */
export type Phase = 'pending' | 'running' | 'completed' | 'diverged' | 'errored';

interface Tracked {
  steps: number;
  step: number;
  phase: Phase;
}

/**
 * A sweep's progress, kept as its runs start, evaluate and end; `progress()` is the SweepProgress to report.
 * The ETA divides the steps left by the rate of steps done since the tracker was made (all runs together,
 * so it assumes the cores stay as busy as they have been).
 */
export class SweepTracker {
  private readonly runs = new Map<string, Tracked>();
  private readonly started = performance.now();
  private skipped = 0;
  /** Steps trained by this invocation (the rate's numerator). */
  private trained = 0;

  constructor(runs: PlannedRun[]) {
    for (const { id, config } of runs) this.runs.set(id, { steps: config.steps, step: 0, phase: 'pending' });
  }

  /** A run finished before this invocation. */
  skip(id: string, phase: 'completed' | 'diverged'): void {
    this.end(id, phase);
    this.skipped++;
  }

  start(id: string, fromStep: number): void {
    const run = this.get(id);
    run.phase = 'running';
    run.step = fromStep;
  }

  /** Run `id` has reached `step`. */
  step(id: string, step: number): void {
    const run = this.get(id);
    this.trained += Math.max(0, step - run.step);
    run.step = Math.max(run.step, step);
  }

  /** Run `id` stopped: ended, or `pending` again when interrupted. */
  end(id: string, phase: Exclude<Phase, 'running'>): void {
    this.get(id).phase = phase;
  }

  progress(): SweepProgress {
    const all = [...this.runs.values()];
    const count = (phase: Phase) => all.filter((r) => r.phase === phase).length;
    // A run that has ended has nothing left to do in this sweep, whatever step it reached.
    const ended = (r: Tracked) => r.phase !== 'pending' && r.phase !== 'running';
    const stepsDone = all.reduce((s, r) => s + (ended(r) ? r.steps : r.step), 0);
    const stepsTotal = all.reduce((s, r) => s + r.steps, 0);
    const seconds = (performance.now() - this.started) / 1000;
    const rate = this.trained / seconds;
    return {
      total: all.length,
      done: count('completed') + count('diverged'),
      skipped: this.skipped,
      running: count('running'),
      failed: count('diverged') + count('errored'),
      stepsDone,
      stepsTotal,
      etaSeconds: rate > 0 ? (stepsTotal - stepsDone) / rate : null,
    };
  }

  private get(id: string): Tracked {
    const run = this.runs.get(id);
    if (!run) throw new Error(`run ${id} is not in the sweep`);
    return run;
  }
}
