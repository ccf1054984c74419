import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKernels } from '../../src/kernels/node.ts';
import { FastNetwork } from '../../src/nn/fast/network.ts';
import { createThreadedNetwork } from '../../src/nn/fast/threads.ts';
import { initParams, parseModelSpec, parseOptimizerSpec } from '../../src/nn/index.ts';
import { allocBatch, batchLabels, createTask, Rng, sampleBatch, seededStream } from '../../src/task/index.ts';

test('two threads train like one: losses, outputs and parameters agree over 20 steps (sgd, adam; mse, ce)', async () => {
  const task = createTask({ skills: 5, bits: 32, m: 3, S: 1 }, 2);
  for (const [loss, opt] of [
    ['mse', { name: 'sgd', lr: 0.05, momentum: 0.5 }],
    ['ce', { name: 'adam', lr: 0.003 }],
  ] as const) {
    const model = parseModelSpec({ width: 100, loss, init: 'pytorch' });
    const optimizer = parseOptimizerSpec(opt);
    const one = new FastNetwork(await loadKernels('simd'), 5, 32, model, optimizer, { chunk: 32 });
    const two = await createThreadedNetwork(await loadKernels('simd'), 5, 32, model, optimizer, {
      chunk: 32,
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
      }
      const pa = one.getParams();
      const pb = two.getParams();
      pa.forEach((v, i) => assert.ok(Math.abs(v - pb[i]) <= 1e-4 * (1 + Math.abs(v)), `${loss} param ${i}`));
      const fa = one.forward(batch);
      const fb = two.forward(batch);
      fa.forEach((v, i) => assert.ok(Math.abs(v - fb[i]) <= 1e-4 * (1 + Math.abs(v)), `${loss} output ${i}`));
    } finally {
      await two.close();
    }
  }
});
