import type { Resource } from '../experiment/reproductions.ts';
import { type Calibration, calibrate } from '../fit/calibration.ts';
import type { FittedConstant } from '../plot/figures/network.ts';
import type { StoredRun } from '../results/runs.ts';

/**
 * Calibrates `resource` on the completed runs among `stored` (a sweep directory's runs, `readRuns`) whose ids
 * are `ids`: fitted on those with n_s = 1, the others predicted (src/fit/calibration.ts).
 */
export function calibrateRuns(
  stored: readonly StoredRun[],
  ids: readonly string[],
  resource: Resource,
): Calibration {
  const wanted = new Set(ids);
  return calibrate(
    stored.filter((r) => wanted.has(r.id) && r.status === 'completed'),
    resource,
  );
}

/** A calibration's constant as the figures draw it: the fitted value and its bootstrap interval. */
export function fittedConstant(calibration: Calibration): FittedConstant {
  const { value, interval } = calibration.fit;
  return { value, interval: interval ? [interval.lo, interval.hi] : null };
}
