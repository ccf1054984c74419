import type { Schedule } from '../nn/config.ts';

/**
 * The authors' batch for the data-emergence runs (Fig. 1(b), App. K.1): D // max(1, D // 2000), the whole
 * set for D < 4000 and between 2000 and 4000 samples above (D = 35,000: 35000 // 17 = 2058).
 */
export function authorsBatch(D: number): number {
  return Math.floor(D / Math.max(1, Math.floor(D / 2000)));
}

/**
 * Optimiser steps in one epoch over a fixed set of D samples: ⌈D / min(batch, D)⌉, the last batch of an
 * epoch short when batch does not divide D (as PyTorch's DataLoader without drop_last).
 */
export function stepsPerEpoch(D: number, batch: number): number {
  return Math.ceil(D / Math.min(batch, D));
}

/** The schedule with its start and period counted in steps (`perEpoch` steps to an epoch). */
export function scheduleInSteps(schedule: Schedule, perEpoch: number): Schedule {
  if (schedule.type === 'constant' || schedule.unit === 'steps') return schedule;
  return {
    type: 'step-halving',
    unit: 'steps',
    start: schedule.start * perEpoch,
    every: schedule.every * perEpoch,
  };
}
