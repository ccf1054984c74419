import { batchPrefix, type CompactBatch, sampleBatch, trainingSet } from '../task/batch.ts';
import { Rng, seededStream } from '../task/rng.ts';
import type { Task } from '../task/task.ts';
import type { RunConfig } from './config.ts';

/** Where a data source stands, so a resumed run draws exactly the batches it would have drawn. */
export interface DataState {
  rng: number[];
  epoch: number;
  position: number;
}

/** Training batches for a run: fresh ones (online) or shuffled epochs of a fixed set of D samples. */
export interface DataSource {
  /** Fills the start of `batch` and returns the filled prefix (shorter only at the end of an epoch). */
  next(batch: CompactBatch): CompactBatch;
  state(): DataState;
}

/** Draws fresh samples into a batch (src/task's sampleBatch, or the kernels' same draw in their memory). */
export type Draw = (rng: Rng, batch: CompactBatch) => void;

/** The run's data; online batches come from `draw` (default: sampleBatch in TypeScript). */
export function dataSource(task: Task, config: RunConfig, resume?: DataState, draw?: Draw): DataSource {
  return config.data.regime === 'online'
    ? online(config.seed, draw ?? ((rng, batch) => sampleBatch(task, rng, batch)), resume)
    : fixed(task, config, resume);
}

function online(seed: number, draw: Draw, resume?: DataState): DataSource {
  const rng = resume ? Rng.fromState(resume.rng) : seededStream(seed, 'data');
  return {
    next(batch) {
      draw(rng, batch);
      return batch;
    },
    state: () => ({ rng: rng.state, epoch: 0, position: 0 }),
  };
}

function fixed(task: Task, config: RunConfig, resume?: DataState): DataSource {
  const data = seededStream(config.seed, 'data');
  const set = trainingSet(task, data, config.data.D!);
  const D = set.size;
  const order = new Int32Array(D);
  // The shuffle stream's state at the start of the epoch: enough to redo that epoch's permutation.
  let epochStart = resume ? Rng.fromState(resume.rng) : data;
  let epoch = resume?.epoch ?? 0;
  let position = resume?.position ?? 0;
  const shuffle = () => {
    const rng = epochStart.clone();
    for (let i = 0; i < D; i++) order[i] = i;
    for (let i = D - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return rng;
  };
  let after = shuffle();
  const words = set.words;
  return {
    next(batch) {
      if (position === D) {
        epochStart = after;
        after = shuffle();
        epoch++;
        position = 0;
      }
      const n = Math.min(batch.size, D - position);
      for (let i = 0; i < n; i++) {
        const s = order[position + i];
        batch.skill[i] = set.skill[s];
        for (let w = 0; w < words; w++) batch.bits[i * words + w] = set.bits[s * words + w];
      }
      position += n;
      return batchPrefix(batch, n);
    },
    state: () => ({ rng: epochStart.state, epoch, position }),
  };
}
