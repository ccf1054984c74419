// The model's R_k/S against the step for a run's settings: Eq. 14 through the run-config → theory mapping
// of src/experiment/prediction.ts (docs/run-to-theory.md).
import type { RunConfig } from '../../../src/experiment/config.ts';
import { runTheory } from '../../../src/experiment/prediction.ts';
import { extendedTimeStrength } from '../../../src/theory/extended.ts';

/** One point of a model curve: skill k (1-based), step, R_k/S. */
export interface ModelPoint {
  skill: number;
  step: number;
  R: number;
}

/**
 * R_k/S of every skill at `samples` steps from 0 to `steps`, with rate constant B² (default the paper's
 * 1/22). Throws UsageError naming the field when Eq. 14 does not describe the run (Adam, fixed data, …).
 */
export function modelCurves(config: RunConfig, steps: number, B2?: number, samples = 200): ModelPoint[] {
  const { S, r0, eta, B2: rateScale, probs } = runTheory(config, B2 === undefined ? {} : { B2 });
  const points: ModelPoint[] = [];
  for (let k = 1; k <= probs.length; k++) {
    for (let i = 0; i <= samples; i++) {
      const step = (steps * i) / samples;
      // Eq. 14
      points.push({ skill: k, step, R: extendedTimeStrength(step, probs[k - 1], { S, r0, eta, rateScale }) });
    }
  }
  return points;
}
