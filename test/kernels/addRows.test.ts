import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKernels } from '../../src/kernels/node.ts';
import * as reference from '../../src/kernels/reference.ts';
import { Rng } from '../../src/task/rng.ts';

// One test body for the WASM kernel and its plain-TypeScript twin (src/kernels/reference.ts).
for (const flavour of ['simd', 'relaxed'] as const) {
  test(`addRows (${flavour} build) equals the reference bit for bit, widths 1..67 incl. non-multiples of 4`, async () => {
    const k = await loadKernels(flavour);
    const rng = Rng.fromSeed(1);
    for (const width of [1, 3, 4, 5, 31, 32, 67]) {
      const rowsTotal = 37;
      const count = 17;
      const table = k.heap.array(Float32Array, rowsTotal * width);
      const bias = k.heap.array(Float32Array, width);
      const rows = k.heap.array(Int32Array, count);
      const out = k.heap.array(Float32Array, width);
      for (let i = 0; i < table.length; i++) table[i] = rng.normal();
      for (let i = 0; i < width; i++) bias[i] = rng.normal();
      for (let i = 0; i < count; i++) rows[i] = rng.int(rowsTotal);
      k.exports.addRows(out.byteOffset, bias.byteOffset, table.byteOffset, rows.byteOffset, count, width);
      const expected = new Float32Array(width);
      reference.addRows(expected, bias, table, rows, count, width);
      assert.deepEqual(out, expected, `width ${width}`);
    }
  });
}

test('loadKernels("auto") picks a build, and the heap grows the shared memory on demand', async () => {
  const k = await loadKernels();
  assert.ok(k.flavour === 'relaxed' || k.flavour === 'simd');
  assert.equal(Object.prototype.toString.call(k.memory.buffer), '[object SharedArrayBuffer]');
  const before = k.memory.buffer.byteLength;
  const big = k.heap.array(Float32Array, 4 * 1024 * 1024); // 16 MiB > the initial 1 MiB
  assert.ok(k.memory.buffer.byteLength > before);
  big[big.length - 1] = 1;
  assert.equal(big.byteOffset % 64, 0);
});

test('reference addRows against a float64 sum of the same rows (independent route, ±1e-5 relative)', () => {
  const rng = Rng.fromSeed(2);
  const width = 10;
  const table = Float32Array.from({ length: 50 * width }, () => rng.normal());
  const bias = Float32Array.from({ length: width }, () => rng.normal());
  const rows = Int32Array.from({ length: 20 }, () => rng.int(50));
  const out = new Float32Array(width);
  reference.addRows(out, bias, table, rows, rows.length, width);
  for (let w = 0; w < width; w++) {
    let exact = bias[w];
    for (const r of rows) exact += table[r * width + w];
    assert.ok(Math.abs(out[w] - exact) <= 1e-5 * (1 + Math.abs(exact)), `w=${w}`);
  }
});
