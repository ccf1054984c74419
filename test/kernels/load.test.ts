import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKernels } from '../../src/kernels/node.ts';

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

test('heap.holds and heap.copy: views made before the memory grew still count as kernel memory; others do not', async () => {
  const k = await loadKernels();
  const early = k.heap.array(Int32Array, 16);
  k.heap.array(Float32Array, 8 * 1024 * 1024); // grows: memory.buffer is a new object from here on
  assert.notEqual(early.buffer, k.memory.buffer);
  assert.ok(k.heap.holds(early) && k.heap.holds(early.subarray(4, 8)));
  assert.ok(k.heap.holds(k.heap.array(Uint32Array, 4)));
  assert.ok(!k.heap.holds(new Int32Array(16)));
  const table = Float64Array.from([0.5, -2, 1e300]);
  const copy = k.heap.copy(table);
  assert.ok(copy instanceof Float64Array && k.heap.holds(copy));
  assert.deepEqual(Array.from(copy), Array.from(table));
});

test('both builds load explicitly and export the same kernels', async () => {
  const simd = await loadKernels('simd');
  const relaxed = await loadKernels('relaxed');
  assert.equal(simd.flavour, 'simd');
  assert.equal(relaxed.flavour, 'relaxed');
  assert.deepEqual(
    WebAssembly.Module.exports(simd.module).map((e) => e.name),
    WebAssembly.Module.exports(relaxed.module).map((e) => e.name),
  );
});
