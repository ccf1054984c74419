import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKernels } from '../../src/kernels/node.ts';
import { FastNetwork } from '../../src/nn/fast/network.ts';
import type { ThreadRole } from '../../src/nn/fast/protocol.ts';
import { createThreadedNetwork } from '../../src/nn/fast/threads.ts';
import { initParams, parseModelSpec, parseOptimizerSpec } from '../../src/nn/index.ts';
import { allocBatch, batchLabels, createTask, Rng, sampleBatch, seededStream } from '../../src/task/index.ts';

for (const split of ['units', 'samples'] as const) {
  test(`two threads splitting ${split} train like one: gradients, losses, outputs and parameters agree over 20 steps (sgd, adamw; mse, ce)`, async () => {
    const task = createTask({ skills: 5, bits: 32, m: 3, S: 1 }, 2);
    for (const [loss, opt] of [
      ['mse', { name: 'sgd', lr: 0.05, momentum: 0.5 }],
      ['ce', { name: 'adamw', lr: 0.003, weightDecay: 0.01 }],
    ] as const) {
      const model = parseModelSpec({ width: 100, loss, init: 'pytorch' });
      const optimizer = parseOptimizerSpec(opt);
      const one = new FastNetwork(await loadKernels('simd'), 5, 32, model, optimizer, { chunk: 32 });
      const two = await createThreadedNetwork(await loadKernels('simd'), 5, 32, model, optimizer, {
        chunk: 32,
        split,
      });
      try {
        const params = initParams(one.ref, model, Rng.fromSeed(4));
        one.setParams(params);
        two.setParams(params);
        const rng = seededStream(9, 'data');
        const batch = allocBatch(task, 300);
        for (let step = 0; step < 20; step++) {
          sampleBatch(task, rng, batch);
          const y = batchLabels(task, batch);
          const t = loss === 'ce' ? y.map((v) => (v < 0 ? 1 : 0)) : y;
          const a = one.trainStep(batch, t, optimizer.lr);
          const b = two.trainStep(batch, t, optimizer.lr);
          assert.ok(Math.abs(a - b) <= 1e-5 * (1 + Math.abs(a)), `${loss} step ${step}: ${a} vs ${b}`);
          if (step < 3) assertClose(one.getGrads(), two.getGrads(), 1e-5, `${loss} step ${step} gradient`);
        }
        const pa = one.getParams();
        const pb = two.getParams();
        pa.forEach((v, i) =>
          assert.ok(Math.abs(v - pb[i]) <= 1e-4 * (1 + Math.abs(v)), `${loss} param ${i}`),
        );
        // An odd size: the threads' parts and the last chunk end off the 4-sample blocks of the loss kernel.
        for (const size of [300, 37]) {
          const test = allocBatch(task, size);
          sampleBatch(task, rng, test);
          const fa = one.forward(test);
          const fb = two.forward(test);
          fa.forEach((v, i) =>
            assert.ok(Math.abs(v - fb[i]) <= 1e-4 * (1 + Math.abs(v)), `${loss} output ${i} of ${size}`),
          );
        }
      } finally {
        await two.close();
      }
    }
  });
}

/** a and b agree to `tolerance` relative to a's largest entry (sums in another order round differently). */
function assertClose(a: Float32Array, b: Float32Array, tolerance: number, what: string): void {
  const scale = a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  assert.ok(scale > 0, `${what}: not all zero`);
  a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) <= tolerance * scale, `${what} ${i}: ${v} vs ${b[i]}`));
}

for (const split of ['units', 'samples'] as const) {
  test(`a first thread that stops on an error in the middle of a step (split ${split}) stops the second, and close() returns`, async () => {
    const task = createTask({ skills: 5, bits: 32, m: 3, S: 1 }, 2);
    const model = parseModelSpec({ width: 100 });
    const optimizer = parseOptimizerSpec({ name: 'sgd', lr: 0.05 });
    const net = await createThreadedNetwork(await loadKernels('simd'), 5, 32, model, optimizer, { split });
    const batch = allocBatch(task, 300);
    sampleBatch(task, seededStream(9, 'data'), batch);
    const targets = batchLabels(task, batch);
    net.trainStep(batch, targets, 0.05);
    // Thread 0's part of the next step throws once thread 1 has started on its own, as an error in its kernels
    // or code would; thread 1 is left waiting for it in the middle of the step.
    const inside = net as unknown as { train(): void; thread: ThreadRole };
    inside.train = () => {
      throw new Error('thread 0 failed');
    };
    assert.throws(() => net.trainStep(batch, targets, 0.05), /^Error: thread 0 failed$/);
    await net.close(); // returns: the worker gives up the step and exits without an exit command
    assert.ok(inside.thread.partnerFailed(), 'thread 1 stopped on the failure');
  });
}
