import { loadKernels } from '../kernels/node.ts';
import { type KernelChoice, resolveKernelChoice } from '../nn/fast/kernel-choice.ts';
import { SPLITS } from '../nn/fast/protocol.ts';
import { type ControlFold, defaultFold } from '../nn/fast/tables.ts';
import { initParams } from '../nn/init.ts';
import { learningRate } from '../nn/optimizer.ts';
import { seededStream } from '../task/rng.ts';
import { createTask } from '../task/task.ts';
import { onlineSteps, warmUp } from './benchmark.ts';
import { parseRunConfig, type RunConfig } from './config.ts';
import { saveChoice, shapeKey, type TuningShape, tuningShape } from './kernel-wisdom.ts';
import { type OpenNetwork, openNetwork } from './network.ts';
import { mergeRunConfig, preset } from './presets.ts';

/**
 * One dimension of the search: the candidates that vary one choice of the best so far. The search is
 * coordinate-wise, dimension after dimension in this order; a new kernel variant joins as an entry here.
 */
export interface TuningDimension {
  name: string;
  candidates(shape: TuningShape, best: KernelChoice): KernelChoice[];
}

/** Folded tables larger than this (entries) are not tried: they cost more to rebuild than a row saves. */
const MAX_FOLDED_ENTRIES = 4096;

const FOLDS: ControlFold[] = ['first', 'last', 'none'];

/** Entries of the table the control folds into (0: a table of its own). */
function foldedEntries(shape: TuningShape, groupBits: number, fold: ControlFold): number {
  if (fold === 'none') return 0;
  const groups = Math.ceil(shape.bits / groupBits);
  const width = fold === 'first' ? groupBits : shape.bits - (groups - 1) * groupBits;
  return shape.skills << width;
}

export const TUNING_DIMENSIONS: TuningDimension[] = [
  {
    // First: what two threads split decides how many hidden units each runs, and so the defaults of the rest.
    name: 'split',
    candidates: (shape) =>
      shape.threads === 2 ? SPLITS.map((split) => resolveKernelChoice(shape, { split })) : [],
  },
  {
    name: 'groupBits',
    candidates: (shape, best) =>
      [4, 5, 6, 7, 8]
        .filter((b) => b <= shape.bits)
        .map((groupBits) => ({ ...best, groupBits, fold: defaultFold(shape.skills, shape.bits, groupBits) })),
  },
  {
    name: 'fold',
    candidates: (shape, best) =>
      FOLDS.filter((fold) => foldedEntries(shape, best.groupBits, fold) <= MAX_FOLDED_ENTRIES).map(
        (fold) => ({
          ...best,
          fold,
        }),
      ),
  },
  {
    name: 'backward',
    // Gathering sums a table row's samples before it updates the row: it gains with more samples a chunk.
    candidates: (shape, best) =>
      shape.depth === 2
        ? [
            ...(['columns', 'rows', 'gather'] as const).map((backward) => ({ ...best, backward })),
            { ...best, backward: 'gather' as const, chunk: Math.min(4096, best.chunk * 2) },
          ]
        : [],
  },
  {
    name: 'forwardBlock',
    candidates: (shape, best) =>
      shape.depth === 2 ? ([16, 32] as const).map((forwardBlock) => ({ ...best, forwardBlock })) : [],
  },
  {
    name: 'chunk',
    candidates: (_, best) =>
      [best.chunk / 2, best.chunk, best.chunk * 2]
        .filter((chunk) => chunk >= 16 && chunk <= 4096)
        .map((chunk) => ({ ...best, chunk })),
  },
];

/**
 * A candidate's measured speed: the median over alternating rounds of its ms per step, and of its time relative
 * to the round's mean over candidates (what the choice goes by: a load that drifts over seconds cancels out).
 */
export interface CandidateTime {
  dimension: string;
  choice: KernelChoice;
  msPerStep: number;
  relative: number;
  rounds: number;
}

export interface TuneResult {
  shape: TuningShape;
  key: string;
  /** The default choice for the shape (what runs without a tuned one) and the choice the search found. */
  defaultChoice: KernelChoice;
  choice: KernelChoice;
  msPerStep: number;
  candidates: CandidateTime[];
  /** Where the choice was cached (null: not saved). */
  saved: string | null;
}

export interface TuneOptions {
  /** Seconds of timed steps for the whole search (split evenly over its dimensions). */
  seconds: number;
  /** Cache the choice (default true). */
  save?: boolean;
  onCandidate?(time: CandidateTime): void;
}

/**
 * Searches the kernel variants for `config`'s network on this machine: dimension by dimension
 * (TUNING_DIMENSIONS), the candidates train on the same online batches in alternating rounds, and the one
 * with the smallest median time relative to its rounds is kept for the next dimension; last, the choice found is timed against the
 * default once more. Caches the result (kernel-wisdom.ts).
 */
export async function tuneKernels(config: RunConfig, options: TuneOptions): Promise<TuneResult> {
  const online: RunConfig = { ...config, data: { regime: 'online', batch: config.data.batch } };
  // The kernel build is known once one loads; nothing else of the shape depends on it.
  const shape = tuningShape(online, await loadedFlavour(online));
  const defaultChoice = resolveKernelChoice(shape);
  let best = defaultChoice;
  let msPerStep = Number.NaN;
  const candidates: CandidateTime[] = [];
  // Last, the choice found against the default, side by side: the default stays unless it loses.
  const stages = [...TUNING_DIMENSIONS, { name: 'default', candidates: () => [defaultChoice] }];
  const budget = (1000 * options.seconds) / stages.length;
  for (const dimension of stages) {
    const choices = unique([best, ...dimension.candidates(shape, best)]);
    if (choices.length < 2) continue;
    const times = await timeCandidates(online, choices, budget);
    for (const [i, choice] of choices.entries()) {
      const time = { dimension: dimension.name, choice, ...times[i] };
      candidates.push(time);
      options.onCandidate?.(time);
    }
    const fastest = times.reduce((b, t, i) => (t.relative < times[b].relative ? i : b), 0);
    best = choices[fastest];
    msPerStep = times[fastest].msPerStep;
  }
  const saved = options.save === false ? null : saveChoice(shape, best, msPerStep);
  return { shape, key: shapeKey(shape), defaultChoice, choice: best, msPerStep, candidates, saved };
}

async function loadedFlavour(config: RunConfig): Promise<string> {
  return (await loadKernels(config.kernels)).flavour;
}

function unique(choices: KernelChoice[]): KernelChoice[] {
  const seen = new Set<string>();
  return choices.filter((c) => {
    const key = JSON.stringify(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A candidate network training on online batches: `step()` takes one optimiser step. */
interface Candidate {
  open: OpenNetwork;
  step(): void;
  close(): Promise<void>;
}

async function openCandidate(config: RunConfig, choice: Partial<KernelChoice>): Promise<Candidate> {
  const task = createTask(config.task, config.seed);
  const open = await openNetwork(task, config, choice);
  const { net, feed } = open;
  net.setParams(initParams(net.ref, config.model, seededStream(config.seed, 'init')));
  const next = onlineSteps(feed, config, (batch, targets, i) => {
    net.trainStep(batch, targets, learningRate(config.optimizer, i));
  });
  let i = 0;
  return {
    open,
    step: () => next(i++),
    close: async () => net.close?.(),
  };
}

/** Untimed warm-up steps of each candidate, in milliseconds (at least two steps). */
const CANDIDATE_WARMUP_MS = 150;

/**
 * Median ms/step of each choice over alternating rounds (each round runs every candidate for about 30 ms),
 * and median time relative to the round's mean, for about `budgetMs` of timed steps in all and at least three
 * rounds.
 */
export async function timeCandidates(
  config: RunConfig,
  choices: KernelChoice[],
  budgetMs: number,
): Promise<{ msPerStep: number; relative: number; rounds: number }[]> {
  const opened: Candidate[] = [];
  try {
    for (const choice of choices) opened.push(await openCandidate(config, choice));
    const warm = opened.map((c) => {
      // Warm-up: a two-thread candidate needs about 70 steps before it runs at its steady speed.
      warmUp(() => c.step(), CANDIDATE_WARMUP_MS, 2);
      const t0 = performance.now();
      c.step();
      return performance.now() - t0;
    });
    const stepsPerRound = warm.map((ms) => Math.max(1, Math.round(30 / ms)));
    const samples: number[][] = choices.map(() => []);
    const t0 = performance.now();
    while (samples[0].length < 3 || performance.now() - t0 < budgetMs) {
      for (const [i, c] of opened.entries()) {
        const s0 = performance.now();
        for (let k = 0; k < stepsPerRound[i]; k++) c.step();
        samples[i].push((performance.now() - s0) / stepsPerRound[i]);
      }
    }
    const rounds = samples[0].length;
    const mean = Array.from(
      { length: rounds },
      (_, r) => samples.reduce((sum, s) => sum + s[r], 0) / samples.length,
    );
    return samples.map((s) => ({
      msPerStep: median(s),
      relative: median(s.map((t, r) => t / mean[r])),
      rounds,
    }));
  } finally {
    for (const c of opened) await c.close();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The shapes `emergence tune` measures by default: the paper step and Michaud's width 128, each on one and two threads. */
export function defaultTuningConfigs(): RunConfig[] {
  return [1, 2].flatMap((threads) => [
    parseRunConfig(mergeRunConfig(preset('fig1a'), { threads })),
    parseRunConfig(mergeRunConfig(preset('michaud'), { model: { width: 128 }, threads })),
  ]);
}
