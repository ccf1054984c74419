// Two threads against one on the same network: one thread, two splitting hidden units, two splitting samples
// (docs/trainer.md, "Threads"), alternated in rounds in this process. Each run's steady ms/step is the median
// of five segments, as `emergence bench train` reports it; `ms_per_step` is their median over rounds, `best`
// their minimum (what a loaded host disturbs least), and each speedup is one thread's figure over the mode's.
import { benchTrain } from '../src/experiment/benchmark.ts';
import { parseRunConfig } from '../src/experiment/config.ts';
import { mergeConfig, preset } from '../src/experiment/presets.ts';
import { type Benchmark, median } from './harness.ts';

const ROUNDS = 5;

/** The threadings compared: a name and the run-config fields that choose it. */
const MODES: [string, object][] = [
  ['1-thread', { threads: 1 }],
  ['units', { threads: 2, split: 'units' }],
  ['samples', { threads: 2, split: 'samples' }],
];

function threadsVersusOne(name: string, base: string, overrides: object, steps: number): Benchmark {
  return {
    name: `threads.${name}`,
    async run() {
      const step = MODES.map((): number[] => []);
      const evaluation = MODES.map((): number[] => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, [, threading]] of MODES.entries()) {
          const config = parseRunConfig(mergeConfig(preset(base), { ...overrides, ...threading }));
          const r = await benchTrain(config, steps);
          step[i].push(r.ms_per_step_median);
          evaluation[i].push(r.evaluation_ms);
        }
      }
      const ms = step.map(median);
      const best = step.map((s) => Math.min(...s));
      const result: Record<string, number> = {};
      MODES.forEach(([mode], i) => {
        result[`ms_per_step.${mode}`] = ms[i];
        result[`best_ms_per_step.${mode}`] = best[i];
        result[`evaluation_ms.${mode}`] = median(evaluation[i]);
        if (i > 0) {
          result[`speedup.${mode}`] = ms[0] / ms[i];
          result[`speedup_best.${mode}`] = best[0] / best[i];
        }
      });
      return result;
    },
  };
}

export const benchmarks: Benchmark[] = [
  threadsVersusOne('michaud.width-128', 'michaud', { model: { width: 128 } }, 100),
  threadsVersusOne('michaud.width-512', 'michaud', { model: { width: 512 } }, 40),
  threadsVersusOne('paper', 'fig1a', {}, 60),
];
