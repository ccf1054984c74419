import type { SweepProgress } from '../plan.ts';

/** Counts a sweep's runs as they go and reports a SweepProgress whenever it changes. */
export class SweepTracker {
  private readonly progress: SweepProgress;
  private readonly startedAt = performance.now();
  private stepsAtStart: number | null = null;
  private last = '';

  constructor(
    total: number,
    stepsTotal: number,
    private readonly onProgress?: (p: SweepProgress) => void,
  ) {
    this.progress = {
      total,
      done: 0,
      skipped: 0,
      running: 0,
      failed: 0,
      stepsDone: 0,
      stepsTotal,
      etaSeconds: null,
    };
  }

  /** Records the counts and `stepsDone` (finished runs count in full); reports them if anything changed. */
  update(
    counts: Partial<Pick<SweepProgress, 'done' | 'skipped' | 'running' | 'failed'>>,
    stepsDone: number,
  ): void {
    Object.assign(this.progress, counts);
    this.progress.stepsDone = stepsDone;
    this.stepsAtStart ??= stepsDone;
    const seconds = (performance.now() - this.startedAt) / 1000;
    const rate = (stepsDone - this.stepsAtStart) / seconds;
    this.progress.etaSeconds = rate > 0 ? (this.progress.stepsTotal - stepsDone) / rate : null;
    const { etaSeconds: _, ...rest } = this.progress;
    const key = JSON.stringify(rest);
    if (key === this.last) return;
    this.last = key;
    this.onProgress?.({ ...this.progress });
  }

  get current(): SweepProgress {
    return { ...this.progress };
  }
}
