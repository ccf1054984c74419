import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MICHAUD_SCALING,
  type MichaudScalingSettings,
  michaudScalingPlan,
} from '../../src/experiment/michaud-scaling.ts';
import { type CurvePoint, RUN_FILES } from '../../src/experiment/run.ts';
import { runDirectory } from '../../src/sweep/plan.ts';
import { writeSummary } from './runs.ts';

// Synthetic runs through the store: Michaud-plan configs whose curves follow L = a·x^−b with a per-seed
// factor, written as the trainer writes them.
/** Writes every run of the plan of `settings` into dir/runs/<id>, its loss following `law`. */
export function writeSyntheticScaling(dir: string, settings: MichaudScalingSettings, law: SyntheticLaw) {
  const plan = michaudScalingPlan('quick', settings);
  for (const [sweep, runs] of Object.entries(plan.sweeps)) {
    for (const r of runs) {
      const { config } = r;
      const noise = law.seedFactor(config.seed);
      const loss = (step: number) => {
        const x =
          sweep === 'width' ? config.model.width : sweep === 'data' ? config.data.D! : Math.max(step, 1);
        const b = law.b[sweep as keyof SyntheticLaw['b']];
        // The loss reaches the law at the end of a width or D run (after a fall from 1).
        const y = law.a * x ** -b * noise * (law.scaleFactor?.(x) ?? 1);
        return sweep === 'time' ? y : y * (1 + 1 / (1 + step));
      };
      const points: CurvePoint[] = [];
      for (let step = 0; step <= config.steps; step += config.evaluation.every) {
        const skills = config.task.skills;
        points.push({
          step,
          loss: loss(step),
          R: Array(skills).fill(0.5),
          skillLoss: Array(skills).fill(0.01),
          skillAccuracy: Array(skills).fill(1),
          trainLoss: null,
          lr: 1e-3,
          seconds: step / 1000,
        });
      }
      const out = runDirectory(dir, r.id);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, RUN_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
      writeFileSync(join(out, RUN_FILES.curve), points.map((p) => `${JSON.stringify(p)}\n`).join(''));
      writeSummary(out, config, points);
    }
  }
  return plan;
}

export interface SyntheticLaw {
  a: number;
  b: { width: number; data: number; time: number };
  seedFactor: (seed: number) => number;
  /** A factor per width or D, the same for every seed (default 1). */
  scaleFactor?: (x: number) => number;
}

export const syntheticSettings: MichaudScalingSettings = {
  ...MICHAUD_SCALING.quick,
  seeds: [1, 2, 3, 4, 5],
  width: { widths: [8, 16, 32, 64, 128], steps: 1000, evaluations: 10 },
  data: { width: 64, D: [1000, 3000, 10_000, 30_000], epochs: 1000, maxSteps: 2000, evaluations: 10 },
  time: { width: 64, steps: 10_000, evaluations: 100, readings: 12 },
};

export const syntheticLaw: SyntheticLaw = {
  a: 2,
  b: { width: 0.5, data: 0.3, time: 0.4 },
  // Seeds scatter by a few percent, symmetrically around 1 over seeds 1–5.
  seedFactor: (seed) => 1 + 0.03 * (seed - 3) * (seed % 2 === 0 ? -1 : 1),
};
