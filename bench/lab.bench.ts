// The lab's target: the full Fig. 1(a) (10 seeds × 3·10⁴ steps, R_k every 50 steps) in ≤ 20 minutes on two
// cores. Measured on a short sweep of the same runs (the first `cores` seeds, SAMPLE_STEPS steps each, with
// their evaluations, through the local pool as `reproduce fig1 --full` runs them) and extrapolated to the full
// work; the PyTorch baseline's estimate for the same work beside it (its step and evaluation times, one thread
// per run). Both are estimates from measured rates, said so in the output.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunConfig } from '../src/experiment/config.ts';
import { mergeRunConfig } from '../src/experiment/presets.ts';
import { reproductionPlan } from '../src/experiment/reproductions.ts';
import { runSweep } from '../src/sweep/local.ts';
import { planRun } from '../src/sweep/plan.ts';
import type { Benchmark } from './harness.ts';
import { median, pytorch, torchAvailable } from './train.bench.ts';

const SAMPLE_STEPS = 1000;
const TARGET_MINUTES = 20;

export const benchmarks: Benchmark[] = [
  {
    name: 'lab.fig1a-full',
    async run() {
      const full = reproductionPlan('fig1', 'full').panels.find((p) => p.resource === 'time')!.runs;
      const { steps, evaluation } = full[0].config;
      const cores = Math.min(availableParallelism(), full.length);
      const sample = full
        .slice(0, cores)
        .map((r) => planRun(parseRunConfig(mergeRunConfig(r.config, { steps: SAMPLE_STEPS }))));
      const out = mkdtempSync(join(tmpdir(), 'emergence-bench-lab-'));
      let seconds: number;
      try {
        const t0 = performance.now();
        await runSweep(sample, { out, jobs: cores });
        seconds = (performance.now() - t0) / 1000;
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
      // Rounds of `cores` runs side by side, each SAMPLE_STEPS → steps (process start and evaluations included).
      const rounds = Math.ceil(full.length / cores);
      const minutes = (seconds * (steps / SAMPLE_STEPS) * rounds) / 60;
      const result: Record<string, number | string> = {
        runs: full.length,
        steps_per_run: steps,
        evaluate_every: evaluation.every,
        cores,
        sample_steps: SAMPLE_STEPS,
        sample_seconds: seconds,
        estimated_minutes: minutes,
        target_minutes: TARGET_MINUTES,
        method: 'extrapolated from the sample sweep of the same runs',
      };
      if (!torchAvailable)
        return { ...result, pytorch: 'unavailable: apt-get install python3-torch libopenblas0-pthread' };
      const step = median([0, 1, 2].map(() => 1 / pytorch(['nam', 1000, 4000, 60, 1])!.steps_per_s));
      const evalSeconds = median([0, 1, 2].map(() => pytorch(['eval', 1000, 4000, 3, 1])!.seconds_per_eval));
      const perRun = steps * step + (steps / evaluation.every) * evalSeconds;
      return {
        ...result,
        pytorch_estimated_minutes: (perRun * rounds) / 60,
        ratio: (perRun * rounds) / 60 / minutes,
      };
    },
  },
];
