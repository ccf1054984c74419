import type { Resource } from '../experiment/reproductions.ts';
import { type Calibration, calibrate } from '../fit/calibration.ts';
import type { FittedConstant } from '../plot/figures/network.ts';
import { readRuns } from '../results/runs.ts';

/**
 * Calibrates `resource` on the completed runs of `ids` in the sweep directory `out` (read through its results
 * store): fitted on those with n_s = 1, the others predicted (src/fit/calibration.ts).
 */
export async function calibrateRuns(
  out: string,
  ids: readonly string[],
  resource: Resource,
): Promise<Calibration> {
  const wanted = new Set(ids);
  const { runs } = await readRuns(out);
  return calibrate(
    runs.filter((r) => wanted.has(r.id) && r.status === 'completed'),
    resource,
  );
}

/** A calibration's constant as the figures draw it: the fitted value and its bootstrap interval. */
export function fittedConstant(calibration: Calibration): FittedConstant {
  const { value, interval } = calibration.fit;
  return { value, interval: interval ? [interval.lo, interval.hi] : null };
}
