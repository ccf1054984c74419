// Whether the one-hidden-layer kernels wait on the cache: firstLayer and the rows-outer backward pass on one
// chunk of Michaud's width-128 shape (7-bit tables, the control in the last: 8 table rows per sample), with
// each sample's rows drawn over the whole tables (0.56 MB, in L2: what training does) and confined to 4 entries
// per table (16 KB, in L1). Equal times mean the pass is bound by its instructions, not by the tables' place in
// the cache (docs/trainer.md, "Where the time goes").
import { loadKernels } from '../src/kernels/node.ts';
import { tablePlan } from '../src/nn/fast/tables.ts';
import { Rng } from '../src/task/rng.ts';
import { type Benchmark, timeIt } from './harness.ts';

const SKILLS = 100;
const BITS = 50;
const WIDTH = 128;
const SAMPLES = 2048;
/** Entries per table the confined rows use. */
const IN_L1 = 4;

async function rowsInCache(): Promise<Record<string, number>> {
  const k = await loadKernels();
  const plan = tablePlan(SKILLS, BITS, 7, 'last');
  // The control is folded into the last group, so there is one table per group: each ends where the next begins.
  const { rows, entries, groupBase } = plan;
  const rng = Rng.fromSeed(1);
  const floats = (n: number, draw: () => number) => {
    const a = k.heap.array(Float32Array, n);
    for (let i = 0; i < n; i++) a[i] = draw();
    return a;
  };
  const tables = floats(entries * WIDTH, () => rng.uniform() - 0.5);
  const buckets = k.heap.array(Float32Array, entries * WIDTH);
  const A = k.heap.array(Float32Array, SAMPLES * WIDTH);
  const activations = Float32Array.from({ length: A.length }, () => Math.max(0, rng.uniform() - 0.5));
  const wOut = floats(WIDTH, () => rng.uniform() - 0.5);
  const dOut = floats(SAMPLES, () => (rng.uniform() - 0.5) / SAMPLES);
  const dWOut = k.heap.array(Float32Array, WIDTH);
  const partial = k.heap.array(Float32Array, SAMPLES);
  const rowBytes = WIDTH * 4;
  const drawRows = (span: (size: number) => number) => {
    const idx = k.heap.array(Int32Array, SAMPLES * rows);
    for (let b = 0; b < SAMPLES; b++) {
      for (let g = 0; g < rows; g++) {
        const size = (g + 1 < rows ? groupBase[g + 1] : entries) - groupBase[g];
        idx[b * rows + g] = (groupBase[g] + rng.int(span(size))) * rowBytes;
      }
    }
    return idx;
  };
  const cases = { l2: drawRows((size) => size), l1: drawRows((size) => Math.min(size, IN_L1)) };
  const columns = { start: 0, end: WIDTH };
  const perTenThousand = (seconds: number) => (seconds * 1000 * 10_000) / SAMPLES;
  const result: Record<string, number> = { rows, table_entries: entries, table_bytes: entries * rowBytes };
  for (const [where, idx] of Object.entries(cases)) {
    const chunk = { rowIdx: idx.byteOffset, rows, samples: SAMPLES, width: WIDTH, columns };
    const forward = () =>
      k.calls.firstLayer({
        ...chunk,
        tables: tables.byteOffset,
        realWidth: WIDTH,
        activation: 'relu',
        A: A.byteOffset,
        wOut: wOut.byteOffset,
        outputs: 1,
        partial: partial.byteOffset,
        block: 16,
      });
    // The rows-outer pass overwrites the activations with the hidden gradient: each call restores them first,
    // and that copy is timed alone and taken off.
    const restore = () => A.set(activations);
    const backward = () => {
      restore();
      k.calls.oneHiddenBackward({
        ...chunk,
        activation: 'relu',
        A: A.byteOffset,
        wOut: wOut.byteOffset,
        outputs: 1,
        dOut: dOut.byteOffset,
        dWOut: dWOut.byteOffset,
        buckets: buckets.byteOffset,
        order: 'rows',
        entries,
        scratch: 0,
      });
    };
    result[`first_layer_ms_per_10k.${where}`] = perTenThousand(timeIt(forward));
    result[`backward_rows_ms_per_10k.${where}`] = perTenThousand(timeIt(backward) - timeIt(restore));
  }
  return result;
}

export const benchmarks: Benchmark[] = [
  { name: 'kernels.rows-in-cache.michaud-width-128', run: rowsInCache },
];
