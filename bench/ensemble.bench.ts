// Packed ensembles against the same runs one by one: the parameter-emergence grid (widths 1–20 × 10 init seeds,
// the fig1c and fig11c settings: Adam lr 0.05, init 0.05, fresh batches of 4000), a few hundred steps each.
// Targets (issue 10): the pack ≥ 5× the one-by-one runs' steps per second; two threads ≥ 1.6× one.
import { benchEnsemble, benchTrain, type EnsembleBenchmark } from '../src/experiment/benchmark.ts';
import { parseRunConfig } from '../src/experiment/config.ts';
import { memberConfigs, parseEnsemble } from '../src/experiment/ensemble.ts';
import { preset } from '../src/experiment/presets.ts';
import type { Benchmark } from './harness.ts';

const STEPS = 200;
const SEEDS = 10;
const GRID = `width=1..20;init=0..${SEEDS - 1}`;

const grid = (name: string, threads = 1) =>
  memberConfigs(parseRunConfig({ ...preset(name), threads }), parseEnsemble(GRID));

/**
 * The grid packed (members padded to 4 units, slabs of 192), on one thread and on two, against every run
 * alone (each its own network on one thread, as `emergence train` runs it): `ratio` = one-by-one seconds per
 * step of all runs / the one-thread pack's (core for core), `ratio_two_threads` the same over the two-thread
 * pack's, `two_threads_speedup` the pack's one thread over its two.
 */
function versusOneByOne(name: string): Benchmark {
  return {
    name: `ensemble.${name}.widths-1-20.seeds-10`,
    async run() {
      const configs = grid(name);
      const packed = await benchEnsemble(configs, STEPS);
      const packed2 = await benchEnsemble(grid(name, 2), STEPS);
      // Init seeds do not change a run's work: each width is timed once (seed 0) and counted 10 times (each
      // benchTrain loads its own kernels and memory, as a separate process would; 200 of them hold ~1 GB).
      let alone = 0;
      for (const c of configs.filter((c) => c.initSeed === 0))
        alone += SEEDS / (await benchTrain(c, STEPS)).steps_per_s;
      // Before and after the one-by-one runs (the host's load drifts): the better of the two.
      const again = await benchEnsemble(configs, STEPS);
      const again2 = await benchEnsemble(grid(name, 2), STEPS);
      const seconds = (a: EnsembleBenchmark, b: EnsembleBenchmark) =>
        Math.min(1 / a.steps_per_s, 1 / b.steps_per_s);
      const one = seconds(packed, again);
      const two = seconds(packed2, again2);
      const rounds = (a: EnsembleBenchmark, b: EnsembleBenchmark) =>
        `${a.ms_per_step.toFixed(2)} / ${b.ms_per_step.toFixed(2)}`;
      return {
        members: packed.members,
        units: packed.units,
        packed_units: packed.packed_units,
        slabs: packed.slabs,
        packed_ms_per_step: 1000 * one,
        packed_ms_per_step_rounds: rounds(packed, again),
        packed_two_threads_ms_per_step: 1000 * two,
        packed_two_threads_ms_per_step_rounds: rounds(packed2, again2),
        one_by_one_ms_per_step: 1000 * alone,
        ratio: alone / one,
        ratio_two_threads: alone / two,
        two_threads_speedup: one / two,
        kernels: packed.kernels,
      };
    },
  };
}

/** The pack's own choices: padding members to 4 or 16 units, slabs of 96 to 256 units or one pass over all. */
const layouts: Benchmark = {
  name: 'ensemble.fig1c.layouts',
  async run() {
    const configs = grid('fig1c');
    const result: Record<string, number> = {};
    for (const [label, options] of [
      ['pad4_slab96', { pad: 4, slab: 96 }],
      ['pad4_slab128', { pad: 4, slab: 128 }],
      ['pad4_slab192', { pad: 4, slab: 192 }],
      ['pad4_slab256', { pad: 4, slab: 256 }],
      ['pad16_slab192', { pad: 16, slab: 192 }],
      ['pad4_one_pass', { pad: 4, slab: Number.POSITIVE_INFINITY }],
    ] as const) {
      result[`${label}_ms_per_step`] = (await benchEnsemble(configs, STEPS / 2, options)).ms_per_step_median;
    }
    return result;
  },
};

export const benchmarks: Benchmark[] = [versusOneByOne('fig1c'), versusOneByOne('fig11c'), layouts];
