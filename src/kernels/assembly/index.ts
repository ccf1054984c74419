// WASM SIMD kernels. All pointers are byte offsets into the one imported (shared) memory; the
// TypeScript side owns allocation (src/kernels/heap.ts) and keeps a plain reference twin of every kernel.

/** First free byte after this module's static data: where the TypeScript heap may start. */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * out[w] = bias[w] + Σ_{r<count} table[rows[r]·width + w] for w < width (f32, rows i32).
 * The first layer of a network with binary input is this sum of selected weight rows (baselines.md §c.5).
 */
export function addRows(out: usize, bias: usize, table: usize, rows: usize, count: i32, width: i32): void {
  let w = 0;
  for (; w + 4 <= width; w += 4) {
    const col = (<usize>w) << 2;
    let acc = v128.load(bias + col);
    for (let r = 0; r < count; r++) {
      const row = <usize>load<i32>(rows + ((<usize>r) << 2));
      acc = f32x4.add(acc, v128.load(table + row * (<usize>width << 2) + col));
    }
    v128.store(out + col, acc);
  }
  for (; w < width; w++) {
    const col = (<usize>w) << 2;
    let acc = load<f32>(bias + col);
    for (let r = 0; r < count; r++) {
      const row = <usize>load<i32>(rows + ((<usize>r) << 2));
      acc += load<f32>(table + row * (<usize>width << 2) + col);
    }
    store<f32>(out + col, acc);
  }
}

export { buildTables, reduceTables } from './tables';
export {
  backward2,
  denseBackward,
  denseForward,
  firstLayer,
  lossGrad,
  outputBackward,
  outputDot,
  scatterRows,
} from './mlp';
export { adamStep, sgdStep } from './optim';
