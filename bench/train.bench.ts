// The trainer against a plain PyTorch loop on the same machine (bench/pytorch/train_step.py, Debian's
// python3-torch with OpenBLAS, one thread unless said): medians of alternating runs, and their ratio.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchTrain } from '../src/experiment/benchmark.ts';
import { parseRunConfig } from '../src/experiment/config.ts';
import { mergeConfig, preset } from '../src/experiment/presets.ts';
import type { Benchmark } from './harness.ts';

const script = fileURLToPath(new URL('./pytorch/train_step.py', import.meta.url));
const PYTHON = '/usr/bin/python3'; // Debian's python sees Debian's python3-torch
const ROUNDS = 3;

export const torchAvailable = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;

/** One run of the PyTorch baseline script with its BLAS pinned to the last argument's thread count. */
export function pytorch(args: (string | number)[]): Record<string, number> | null {
  if (!torchAvailable) return null;
  const threads = String(args[args.length - 1]);
  const env = { ...process.env, OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads };
  const r = spawnSync(PYTHON, [script, ...args.map(String)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`pytorch baseline failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

function config(name: string, overrides: object) {
  return parseRunConfig(mergeConfig(preset(name), overrides as Record<string, unknown>));
}

/**
 * Ours vs PyTorch on one setting, alternating runs; PyTorch's best over the given thread counts. Two ratios:
 * `ratio` of the medians over rounds of whole-run speeds, and `ratio_best` of the best rounds' steady speeds
 * (each round's median over five segments), which a noisy host disturbs least.
 */
function versus(
  name: string,
  ours: () => ReturnType<typeof config>,
  steps: number,
  torch: (string | number)[][],
): Benchmark {
  return {
    name,
    async run() {
      const mine: { rate: number; steady: number }[] = [];
      const theirs: { rate: number; steady: number }[][] = torch.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        const r = await benchTrain(ours(), steps);
        mine.push({ rate: r.steps_per_s, steady: r.ms_per_step_median });
        torch.forEach((args, i) => {
          const t = pytorch(args);
          if (t) theirs[i].push({ rate: t.steps_per_s, steady: t.ms_per_step_median });
        });
      }
      const ourRate = median(mine.map((r) => r.rate));
      const ourBest = Math.min(...mine.map((r) => r.steady));
      const result: Record<string, number | string> = {
        steps_per_s: ourRate,
        ms_per_step: 1000 / ourRate,
        best_ms_per_step: ourBest,
      };
      if (!torchAvailable)
        return { ...result, pytorch: 'unavailable: apt-get install python3-torch libopenblas0-pthread' };
      const theirRate = Math.max(...theirs.map((runs) => median(runs.map((r) => r.rate))));
      const theirBest = Math.min(...theirs.flat().map((r) => r.steady));
      return {
        ...result,
        pytorch_steps_per_s: theirRate,
        pytorch_best_ms_per_step: theirBest,
        ratio: ourRate / theirRate,
        ratio_best: theirBest / ourBest,
      };
    },
  };
}

const paper = (threads: number) => () => config('fig1a', { threads });
const michaud = (width: number) => () => config('michaud', { model: { width } });

export const benchmarks: Benchmark[] = [
  versus('train.paper.1-thread', paper(1), 200, [['nam', 1000, 4000, 60, 1]]),
  // PyTorch's best of one and two threads (its two-thread runs are often slower).
  versus('train.paper.2-threads', paper(2), 200, [
    ['nam', 1000, 4000, 60, 1],
    ['nam', 1000, 4000, 60, 2],
  ]),
  ...[128, 512, 1000].map((w) =>
    versus(`train.michaud.width-${w}`, michaud(w), 60, [['michaud', w, 10_000, 20, 1]]),
  ),
  {
    name: 'evaluation.paper.5x20000',
    async run() {
      const mine = median(
        await Promise.all([0, 1, 2].map(async () => (await benchTrain(paper(1)(), 1)).evaluation_ms)),
      );
      const theirs = torchAvailable
        ? median([0, 1, 2].map(() => pytorch(['eval', 1000, 4000, 3, 1])!.seconds_per_eval * 1000))
        : null;
      const result: Record<string, number> = { ms: mine };
      return theirs ? { ...result, pytorch_ms: theirs, ratio: theirs / mine } : result;
    },
  },
  {
    name: 'memory.width-4096.batch-20000',
    async run() {
      const r = await benchTrain(config('fig1a', { model: { width: 4096 }, data: { batch: 20_000 } }), 3);
      return {
        memory_mb: r.memory_mb,
        ms_per_step: r.ms_per_step,
        rss_mb: process.memoryUsage().rss / 2 ** 20,
      };
    },
  },
];
