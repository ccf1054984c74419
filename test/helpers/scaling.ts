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
  /**
   * Standard deviation of each run's own tilt of the exponent around b, pivoting at the geometric mean of xs:
   * a run's points then lie on one side of the law at small x and on the other at large x (correlated).
   */
  runSpread?: number;
  seed: number;
}

/** Runs of y = a·x^−b·(x/x̄)^−tilt + c, times exp(noise·z) per point; tilt = runSpread·z per run. */
export function syntheticRuns(law: SyntheticLaw): FitPoint[][] {
  const rng = Rng.fromSeed(law.seed);
  const pivot = Math.exp(law.xs.reduce((s, x) => s + Math.log(x), 0) / law.xs.length);
  return Array.from({ length: law.runs }, () => {
    const tilt = (law.runSpread ?? 0) * rng.normal();
    return law.xs.map((x) => ({
      x,
      y: (law.a * x ** -law.b * (x / pivot) ** -tilt + (law.c ?? 0)) * Math.exp(law.noise * rng.normal()),
    }));
  });
}

/** count values from 10^from to 10^to, evenly spaced in log. */
export function logspace(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 ** (from + ((to - from) * i) / (count - 1)));
}
