// The nonparametric bootstrap (Efron & Tibshirani 1993, ch. 6 and 13) over runs: a resample draws whole runs
// (seeds) with replacement, because the points of one run share its initialisation and data and are correlated;
// resampling points would treat them as independent and give intervals too narrow.
import { invalid } from '../errors.ts';
import { Rng } from '../task/rng.ts';
import { type FitPoint, fitPowerLaw, type PowerLawFit, type PowerLawOptions } from './powerLaw.ts';

export interface IntervalOptions {
  /** Coverage of the percentile intervals. Default 0.95. */
  level?: number;
}

export interface ResampleOptions<Run> {
  /** Number of resamples. Default 1000. */
  resamples?: number;
  /** Seed of the resampling RNG. Default 1. */
  seed?: number;
  /**
   * Resample within groups of runs with the same key (a stratified bootstrap), e.g. the seeds of each width
   * when every run is one point: each resample then keeps every width. Default: one group.
   */
  stratum?: (run: Run) => string | number;
}

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * `statistic` of `resamples` resamples of `runs`: each draws as many runs as there are, with replacement, from
 * each stratum, by a generator seeded with `seed` (the same seed gives the same resamples).
 */
export function bootstrapRuns<Run, Stat>(
  runs: readonly Run[],
  statistic: (sample: Run[]) => Stat,
  { resamples = 1000, seed = 1, stratum = () => 0 }: ResampleOptions<Run> = {},
): Stat[] {
  if (!(Number.isInteger(resamples) && resamples >= 1))
    throw invalid('resamples', 'an integer ≥ 1', resamples);
  const groups = new Map<string | number, Run[]>();
  for (const run of runs) {
    const key = stratum(run);
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  for (const [key, group] of groups) {
    if (group.length < 2) throw invalid(`runs (stratum ${key})`, 'at least 2 runs to resample', group.length);
  }
  const rng = Rng.fromSeed(seed);
  const out: Stat[] = [];
  for (let k = 0; k < resamples; k++) {
    const sample: Run[] = [];
    for (const group of groups.values()) for (const _ of group) sample.push(group[rng.int(group.length)]);
    out.push(statistic(sample));
  }
  return out;
}

/** The percentile interval: the (1 − level)/2 and (1 + level)/2 quantiles (linear interpolation, R-7). */
export function percentileInterval(values: readonly number[], level = 0.95): Interval {
  if (!(level > 0 && level < 1)) throw invalid('level', 'in (0, 1)', level);
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((p, q) => p - q);
  return { lo: quantile(sorted, (1 - level) / 2), hi: quantile(sorted, (1 + level) / 2) };
}

function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  return i + 1 < sorted.length ? sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
}

export interface PowerLawBootstrap {
  /** The fit to all runs. */
  fit: PowerLawFit;
  a: Interval;
  b: Interval;
  c: Interval;
  /** Resamples whose best fit did not converge (they are kept in the intervals). */
  unconverged: number;
}

/** fitPowerLaw on all runs' points, with percentile intervals from resampling whole runs. */
export function bootstrapPowerLaw<Run extends readonly FitPoint[]>(
  runs: readonly Run[],
  options: PowerLawOptions & IntervalOptions & ResampleOptions<Run> = {},
): PowerLawBootstrap {
  const fit = fitPowerLaw(runs.flat(), options);
  const fits = bootstrapRuns(runs, (sample) => fitPowerLaw(sample.flat(), options), options);
  const interval = (key: 'a' | 'b' | 'c') =>
    percentileInterval(
      fits.map((f) => f[key]),
      options.level,
    );
  return {
    fit,
    a: interval('a'),
    b: interval('b'),
    c: interval('c'),
    unconverged: fits.filter((f) => !f.converged).length,
  };
}
