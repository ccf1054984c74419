// Messages between the Train view and its Web Worker (worker.ts).
import type { CurvePoint } from '../../../src/experiment/progress.ts';

/** Page → worker. `start` takes a resolved run config (parseRunConfig's output). */
export type ToWorker = { type: 'start'; config: unknown } | { type: 'pause' } | { type: 'resume' };

/** Worker → page, at most every PROGRESS_MS while training, and on every change of state. */
export type FromWorker =
  | {
      type: 'progress';
      /** Steps done, of `steps`. */
      step: number;
      steps: number;
      /** Steps per second since the start, data drawing included and evaluation excluded (as `bench train`). */
      stepsPerSecond: number;
      /** The evaluations made since the last message. */
      points: CurvePoint[];
      state: 'running' | 'paused' | 'completed';
      /** The kernel build that loaded (relaxed or simd). */
      kernels: string;
    }
  | { type: 'error'; message: string };

/** How often the worker reports while it trains, in milliseconds. */
export const PROGRESS_MS = 100;
