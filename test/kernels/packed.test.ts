import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKernels } from '../../src/kernels/node.ts';
import { FastNetwork } from '../../src/nn/fast/network.ts';
import { PackedEnsemble, slabs } from '../../src/nn/fast/packed-ensemble.ts';
import { PackedNetwork } from '../../src/nn/fast/packed-network.ts';
import {
  initParams,
  type ModelSpecInput,
  type OptimizerSpecInput,
  parseModelSpec,
  parseOptimizerSpec,
} from '../../src/nn/index.ts';
import { allocBatch, batchLabels, createTask, sampleBatch, seededStream } from '../../src/task/index.ts';

// n_b = 10 (a partial last table group); widths 1 and 3 share no block with anyone at pad 16, 20 spans two
// blocks, and batch 70 ends in a short chunk that is not a multiple of 4.
const task = createTask({ skills: 3, bits: 10, m: 2, S: 1 }, 1);
const BATCH = 70;
const WIDTHS = [1, 20, 3, 16, 7];
const LRS = [0.05, 0.02, 0.1, 0.03, 0.07];
const STEPS = 6;

interface Case {
  model: ModelSpecInput;
  optimizer: Omit<OptimizerSpecInput, 'lr'>;
}

const cases: Case[] = [
  { model: { activation: 'relu', loss: 'mse', initStd: 0.3 }, optimizer: { name: 'sgd' } },
  { model: { activation: 'relu', loss: 'mse', initStd: 0.3 }, optimizer: { name: 'adam' } },
  {
    model: { activation: 'sigmoid', loss: 'mse-half', initStd: 0.3 },
    optimizer: { name: 'adamw', weightDecay: 0.01 },
  },
  { model: { activation: 'tanh', loss: 'mse', initStd: 0.3 }, optimizer: { name: 'sgd', momentum: 0.9 } },
];

/** Each member trained alone (FastNetwork) and all of them packed, on the same batches; both members' parameters. */
async function trainBoth(c: Case, options: { chunk?: number; pad?: number; slab?: number }) {
  const { chunk } = options;
  const k = await loadKernels('simd');
  const { skills, bits } = task.spec;
  const model = parseModelSpec(c.model);
  const optimizer = parseOptimizerSpec({ ...c.optimizer, lr: 1 });
  const pack = new PackedEnsemble(
    k,
    { skills, bits, model, optimizer, widths: WIDTHS },
    { ...options, groupBits: 4 },
  );
  const alone = WIDTHS.map((width, m) => {
    const net = new FastNetwork(
      k,
      skills,
      bits,
      { ...model, width },
      { ...optimizer, lr: LRS[m] },
      { chunk, groupBits: 4 },
    );
    const init = initParams(net.ref, model, seededStream(m, 'init'));
    net.setParams(init);
    pack.setParams(m, init);
    return net;
  });
  pack.rebuildTables();
  const data = seededStream(9, 'data');
  const batch = allocBatch(task, BATCH);
  const losses: { pack: number[]; alone: number[] }[] = [];
  for (let s = 0; s < STEPS; s++) {
    sampleBatch(task, data, batch);
    const y = batchLabels(task, batch);
    const packed = pack.trainStep(batch, y, LRS);
    losses.push({ pack: [...packed], alone: alone.map((net, m) => net.trainStep(batch, y, LRS[m])) });
  }
  sampleBatch(task, data, batch);
  const outputs = pack.forward(batch);
  const aloneOutputs = alone.map((net) => net.forward(batch));
  return { pack, alone, losses, outputs, aloneOutputs };
}

for (const c of cases) {
  const what = `${c.optimizer.name}/${c.model.loss}/${c.model.activation}`;
  test(`packed members equal their separate runs bit for bit with the same chunk (${what}; pad 4 in one pass, pad 16 in slabs)`, async () => {
    for (const [pad, slab] of [
      [4, 256],
      [16, 24],
    ]) {
      const { pack, alone, losses, outputs, aloneOutputs } = await trainBoth(c, { chunk: 16, pad, slab });
      for (const step of losses) assert.deepEqual(step.pack, step.alone, `pad ${pad}: losses`);
      alone.forEach((net, m) => {
        assert.deepEqual(
          pack.getParams(m),
          net.getParams(),
          `pad ${pad}: member ${m} (width ${WIDTHS[m]}) params`,
        );
        assert.deepEqual(pack.getMoments(m), net.getMoments(), `pad ${pad}: member ${m} moments`);
        assert.deepEqual(
          outputs.subarray(m * BATCH, (m + 1) * BATCH),
          aloneOutputs[m],
          `member ${m} outputs`,
        );
      });
    }
  });
}

test('packed members equal their separate runs within float32 rounding with default (different) chunks', async () => {
  const { pack, alone } = await trainBoth(cases[1], {});
  alone.forEach((net, m) => {
    const want = net.getParams();
    const got = pack.getParams(m);
    const init = initParams(net.ref, parseModelSpec(cases[1].model), seededStream(m, 'init'));
    assert.ok(
      want.some((w, i) => Math.abs(w - init[i]) > 1e-3),
      `member ${m} trained`,
    );
    for (let i = 0; i < want.length; i++)
      assert.ok(Math.abs(got[i] - want[i]) <= 1e-5, `member ${m} param ${i}: ${got[i]} vs ${want[i]}`);
  });
});

test('slabs cut the members in order, at most `slab` units each, a wider member alone', () => {
  assert.deepEqual(slabs([1, 20, 3, 16, 7], 24), [
    [0, 1, 2],
    [3, 4],
  ]);
  assert.deepEqual(slabs([30, 2, 2], 24), [[0], [1, 2]]);
  assert.deepEqual(slabs([1, 2, 3], Number.POSITIVE_INFINITY), [[0, 1, 2]]);
});

test('a pack refuses no members and the cross-entropy loss', async () => {
  const k = await loadKernels('simd');
  const base = { skills: 3, bits: 10, model: parseModelSpec({}), optimizer: parseOptimizerSpec({ lr: 0.1 }) };
  assert.throws(() => new PackedNetwork(k, { ...base, widths: [] }), /at least one member/);
  assert.throws(
    () => new PackedNetwork(k, { ...base, model: parseModelSpec({ loss: 'ce' }), widths: [4] }),
    /mse/,
  );
});
