// The lab's target: the full Fig. 1(a) (10 seeds × 3·10⁴ steps, R_k every 50 steps) in ≤ 20 minutes on two
// cores. Measured on two short sweeps of the same runs (the first `cores` seeds, SAMPLE_STEPS and then
// 2·SAMPLE_STEPS steps each, with their evaluations, through the local pool as `reproduce fig1 --full` runs them)
// and extrapolated along the line through them: the difference is the time of SAMPLE_STEPS steps and their
// evaluations, what is left of the shorter sweep the fixed cost of a round of runs (process start, kernels, test
// sets), counted once per round. The PyTorch baseline's estimate for the same work beside it: its step and evaluation times measured as
// a sweep would run it, one pinned one-thread run per core side by side (bench/pytorch.ts), times the steps
// and evaluations of the full work. Both are estimates from measured rates, said so in the output.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunConfig } from '../src/experiment/config.ts';
import { mergeRunConfig } from '../src/experiment/presets.ts';
import { reproductionPlan } from '../src/experiment/reproductions.ts';
import { runSweep } from '../src/sweep/local.ts';
import { planRun } from '../src/sweep/plan.ts';
import { type Benchmark, median } from './harness.ts';
import { baselineFields, pytorch, type TorchSetting, torchBaseline } from './pytorch.ts';

const SAMPLE_STEPS = 1000;
const TARGET_MINUTES = 20;
const ROUNDS = 3;

/** PyTorch's `key` figure with `cores` runs side by side, as a sweep runs them: median over rounds of their mean. */
async function sideBySide(cores: number, setting: TorchSetting, key: string) {
  const perRound: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const runs = await Promise.all(Array.from({ length: cores }, () => pytorch(setting)));
    perRound.push(runs.reduce((sum, r) => sum + r[key], 0) / cores);
  }
  return median(perRound);
}

export const benchmarks: Benchmark[] = [
  {
    name: 'lab.fig1a-full',
    async run() {
      const full = reproductionPlan('fig1', 'full').panels.find((p) => p.resource === 'time')!.runs;
      const { steps, evaluation } = full[0].config;
      const cores = Math.min(availableParallelism(), full.length);
      const sweepSeconds = async (sampleSteps: number): Promise<number> => {
        const sample = full
          .slice(0, cores)
          .map((r) => planRun(parseRunConfig(mergeRunConfig(r.config, { steps: sampleSteps }))));
        const out = mkdtempSync(join(tmpdir(), 'emergence-bench-lab-'));
        try {
          const t0 = performance.now();
          await runSweep(sample, { out, jobs: cores });
          return (performance.now() - t0) / 1000;
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
      };
      const short = await sweepSeconds(SAMPLE_STEPS);
      const long = await sweepSeconds(2 * SAMPLE_STEPS);
      const perStep = (long - short) / SAMPLE_STEPS; // seconds per step of a round, its evaluations included
      const fixed = Math.max(0, short - SAMPLE_STEPS * perStep);
      // Rounds of `cores` runs side by side: each pays the fixed cost once and `steps` steps.
      const rounds = Math.ceil(full.length / cores);
      const minutes = ((fixed + perStep * steps) * rounds) / 60;
      const result: Record<string, number | string> = {
        ...baselineFields(),
        runs: full.length,
        steps_per_run: steps,
        evaluate_every: evaluation.every,
        cores,
        sample_steps: [SAMPLE_STEPS, 2 * SAMPLE_STEPS].join(', '),
        sample_seconds: [short, long].map((t) => t.toFixed(2)).join(', '),
        ms_per_step_of_a_round: 1000 * perStep,
        fixed_seconds_per_round: fixed,
        estimated_minutes: minutes,
        target_minutes: TARGET_MINUTES,
        method: 'extrapolated along the line through two sample sweeps of the same runs',
      };
      if (typeof torchBaseline() === 'string') return result;
      const paper = { width: 1000, batch: 4000, threads: 1 };
      const step = (await sideBySide(cores, { ...paper, setting: 'nam', steps: 100 }, 'ms_per_step')) / 1000;
      const evalSeconds = await sideBySide(
        cores,
        { ...paper, setting: 'eval', steps: 3 },
        'seconds_per_eval',
      );
      const torchMinutes = ((steps * step + (steps / evaluation.every) * evalSeconds) * rounds) / 60;
      return {
        ...result,
        pytorch_ms_per_step: 1000 * step,
        pytorch_ms_per_evaluation: 1000 * evalSeconds,
        pytorch_estimated_minutes: torchMinutes,
        ratio: torchMinutes / minutes,
      };
    },
  },
];
