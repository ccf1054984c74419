/** Plain-TypeScript twins of the WASM kernels, with the same signatures over arrays instead of offsets. */

/** out[w] = bias[w] + Σ_r table[rows[r]·width + w], rounded to f32 after each add as the kernel does. */
export function addRows(
  out: Float32Array,
  bias: Float32Array,
  table: Float32Array,
  rows: Int32Array,
  count: number,
  width: number,
): void {
  for (let w = 0; w < width; w++) {
    let acc = bias[w];
    for (let r = 0; r < count; r++) acc = Math.fround(acc + table[rows[r] * width + w]);
    out[w] = acc;
  }
}
