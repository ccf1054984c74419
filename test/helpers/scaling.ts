import type { FitPoint } from '../../src/fit/powerLaw.ts';
import { Rng } from '../../src/task/rng.ts';

export interface SyntheticLaw {
  a: number;
  b: number;
  c?: number;
  /** x values of every run. */
  xs: readonly number[];
  runs: number;
  /** Standard deviation of each point's log noise. */
  noise: number;
  /** Standard deviation of each run's own exponent around b (correlates the points of a run). */
  runSpread?: number;
  seed: number;
}

/** Runs of y = a·x^−b_run + c, times exp(noise·z) per point; b_run = b + runSpread·z per run. */
export function syntheticRuns(law: SyntheticLaw): FitPoint[][] {
  const rng = Rng.fromSeed(law.seed);
  return Array.from({ length: law.runs }, () => {
    const b = law.b + (law.runSpread ?? 0) * rng.normal();
    return law.xs.map((x) => ({
      x,
      y: (law.a * x ** -b + (law.c ?? 0)) * Math.exp(law.noise * rng.normal()),
    }));
  });
}

/** count values from 10^from to 10^to, evenly spaced in log. */
export function logspace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 ** (from + ((to - from) * i) / (count - 1)));
}
