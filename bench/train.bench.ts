// The trainer against a plain PyTorch loop on the same machine (bench/pytorch.ts: threads pinned, BLAS core
// stated): rounds alternate ours and PyTorch, and each side's figure is its median over the rounds.
import { benchTrain } from '../src/experiment/benchmark.ts';
import { parseRunConfig } from '../src/experiment/config.ts';
import { mergeConfig, preset } from '../src/experiment/presets.ts';
import { type Benchmark, median } from './harness.ts';
import { baselineFields, pytorch, type TorchSetting, torchBaseline } from './pytorch.ts';

const ROUNDS = 5;

function config(name: string, overrides: object) {
  return parseRunConfig(mergeConfig(preset(name), overrides as Record<string, unknown>));
}

const rounds = (ms: number[]) => ms.map((m) => Number(m.toPrecision(3))).join(' ');

/**
 * Ours and PyTorch alternated for ROUNDS rounds (ours, then PyTorch at each of `threads`); `unit` names the
 * milliseconds measured. PyTorch's figure is its best thread count's median; `ratio` is PyTorch's over ours.
 */
function versus(
  name: string,
  unit: string,
  ours: () => Promise<number>,
  theirs: (threads: number) => Promise<number>,
  threads = [1],
): Benchmark {
  return {
    name,
    async run() {
      const available = typeof torchBaseline() !== 'string';
      const mine: number[] = [];
      const torch: number[][] = threads.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        mine.push(await ours());
        if (available) for (const [i, t] of threads.entries()) torch[i].push(await theirs(t));
      }
      const result = { ...baselineFields(), [unit]: median(mine), [`${unit}_rounds`]: rounds(mine) };
      if (!available) return result;
      const medians = torch.map(median);
      const best = medians.indexOf(Math.min(...medians));
      return {
        ...result,
        [`pytorch_${unit}`]: medians[best],
        [`pytorch_${unit}_rounds`]: rounds(torch[best]),
        pytorch_threads: threads[best],
        ratio: medians[best] / median(mine),
      };
    },
  };
}

/**
 * A training step, each round's figure its median over five segments of its steps (data generation in); with
 * the kernel variants that ran ours.
 */
function step(
  name: string,
  ours: () => ReturnType<typeof config>,
  steps: number,
  torch: Omit<TorchSetting, 'threads'>,
  threads = [1],
): Benchmark {
  let kernels = '';
  const alternated = versus(
    name,
    'ms_per_step',
    async () => {
      const r = await benchTrain(ours(), steps);
      kernels = JSON.stringify(r.kernel_choice);
      return r.ms_per_step_median;
    },
    async (t) => (await pytorch({ ...torch, threads: t })).ms_per_step_median,
    threads,
  );
  return { name, run: async () => ({ ...(await alternated.run()), kernels }) };
}

const paper = (threads: number) => () => config('fig1a', { threads });
const michaud = (width: number) => () => config('michaud', { model: { width } });
const nam = { setting: 'nam', width: 1000, batch: 4000, steps: 100 } as const;
/** Steps timed per round at each width, ours and PyTorch's: a second or two each on an idle machine. */
const michaudSteps: Record<number, [number, number]> = { 128: [200, 100], 512: [100, 40], 1000: [60, 20] };

export const benchmarks: Benchmark[] = [
  step('train.paper.1-thread', paper(1), 200, nam),
  // PyTorch's best of one and two threads: its two are often slower.
  step('train.paper.2-threads', paper(2), 200, nam, [1, 2]),
  ...[128, 512, 1000].map((width) => {
    const [ours, theirs] = michaudSteps[width];
    const torch = { setting: 'michaud', width, batch: 10_000, steps: theirs } as const;
    return step(`train.michaud.width-${width}`, michaud(width), ours, torch);
  }),
  versus(
    'evaluation.paper.5x20000',
    'ms',
    async () => (await benchTrain(paper(1)(), 1)).evaluation_ms,
    async (threads) =>
      1000 * (await pytorch({ ...nam, setting: 'eval', steps: 3, threads })).seconds_per_eval,
  ),
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
