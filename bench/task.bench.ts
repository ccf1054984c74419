import {
  allocBatch,
  batchLabels,
  createTask,
  denseInputs,
  exactFrequencyTestSet,
  sampleBatch,
  seededStream,
} from '../src/task/index.ts';
import type { Benchmark } from './harness.ts';
import { timeIt } from './harness.ts';

const B = 100_000;

function sampling(name: string, spec: object): Benchmark[] {
  const task = createTask(spec, 1);
  const rng = seededStream(1, 'data');
  const batch = allocBatch(task, B);
  const y = new Float32Array(B);
  return [
    {
      name: `task.sample.${name}`,
      run: () => {
        const s = timeIt(() => sampleBatch(task, rng, batch));
        return { samples_per_s: Math.round(B / s), ns_per_sample: (s / B) * 1e9 };
      },
    },
    {
      name: `task.sample+labels.${name}`,
      run: () => {
        const s = timeIt(() => {
          sampleBatch(task, rng, batch);
          batchLabels(task, batch, y);
        });
        return { samples_per_s: Math.round(B / s), ns_per_sample: (s / B) * 1e9 };
      },
    },
  ];
}

const paper = createTask({}, 1);
const dense = new Float32Array(10_000 * 37);
const small = allocBatch(paper, 10_000);
sampleBatch(paper, seededStream(1, 'data'), small);

export const benchmarks: Benchmark[] = [
  // The paper's setting: n_s 5, n_b 32, m 3 (one word of bits per sample).
  ...sampling('paper', {}),
  // Michaud's paper configuration: n_tasks 500, n 100, k 3, overlapping masks (four words per sample).
  ...sampling('michaud', {
    skills: 500,
    bits: 100,
    m: 3,
    alpha: 0.4,
    masks: 'overlapping',
    labels: 'binary',
  }),
  {
    name: 'task.dense-view.paper',
    run: () => {
      const s = timeIt(() => denseInputs(paper, small, dense));
      return { samples_per_s: Math.round(10_000 / s) };
    },
  },
  {
    name: 'task.exact-frequency-set.paper',
    run: () => {
      const s = timeIt(() => exactFrequencyTestSet(paper, seededStream(1, 'evaluation'), 100_000));
      return { ms_per_100k: s * 1e3 };
    },
  },
];
