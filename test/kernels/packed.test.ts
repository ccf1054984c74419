import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kernelData } from '../../src/experiment/kernel-data.ts';
import { loadKernels } from '../../src/kernels/node.ts';
import { FastNetwork } from '../../src/nn/fast/network.ts';
import { PackedEnsemble, slabOwners, slabs } from '../../src/nn/fast/packed-ensemble.ts';
import { PackedNetwork } from '../../src/nn/fast/packed-network.ts';
import type { ThreadRole } from '../../src/nn/fast/protocol.ts';
import { createThreadedEnsemble } from '../../src/nn/fast/threads.ts';
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

test('two threads share the slabs: the widest first, each to the thread with fewer units so far', () => {
  assert.deepEqual(slabOwners([128, 128, 128]), [0, 1, 0]);
  assert.deepEqual(slabOwners([64, 128, 32, 32]), [1, 0, 1, 1]);
  assert.deepEqual(slabOwners([32, 64, 32, 64]), [0, 0, 1, 1]);
  assert.deepEqual(slabOwners([16]), [0]);
});

test('a pack on two threads (each training its own slabs) equals the pack on one, bit for bit', async () => {
  const { skills, bits } = task.spec;
  const model = parseModelSpec(cases[1].model);
  const optimizer = parseOptimizerSpec({ ...cases[1].optimizer, lr: 1 });
  const spec = { skills, bits, model, optimizer, widths: WIDTHS };
  const options = { slab: 24, groupBits: 4, batch: BATCH };
  const run = async (threads: 1 | 2) => {
    const k = await loadKernels('simd');
    const pack =
      threads === 2
        ? await createThreadedEnsemble(k, spec, options)
        : Object.assign(new PackedEnsemble(k, spec, options), { close: async () => {} });
    try {
      WIDTHS.forEach((_, m) => {
        pack.setParams(m, initParams(pack.ref(m), model, seededStream(m, 'init')));
      });
      pack.rebuildTables();
      const feed = kernelData(k, task);
      const data = seededStream(9, 'data');
      const batch = feed.allocBatch(BATCH);
      const targets = feed.allocTargets(BATCH);
      const losses: number[][] = [];
      for (let s = 0; s < STEPS; s++) {
        feed.draw(data, batch);
        losses.push([...pack.trainStep(batch, feed.targets(model, batch, targets), LRS)]);
      }
      feed.draw(data, batch);
      const params = WIDTHS.map((_, m) => pack.getParams(m));
      const moments = WIDTHS.map((_, m) => pack.getMoments(m));
      return {
        losses,
        params,
        moments,
        outputs: pack.forward(batch),
        steps: pack.steps,
        slabs: pack.packs.length,
      };
    } finally {
      await pack.close();
    }
  };
  const one = await run(1);
  const two = await run(2);
  assert.equal(
    two.slabs,
    3,
    'slabs [1, 20], [3, 16], [7] (padded to 4: 24, 20, 8 units), so both threads train',
  );
  assert.deepEqual(two, one);
});

test('a second thread that stops on an error stops the first with its reason, instead of leaving it waiting', async () => {
  const { skills, bits } = task.spec;
  const model = parseModelSpec(cases[0].model);
  const optimizer = parseOptimizerSpec({ ...cases[0].optimizer, lr: 0.05 });
  const k = await loadKernels('simd');
  const pack = await createThreadedEnsemble(
    k,
    { skills, bits, model, optimizer, widths: WIDTHS },
    { slab: 24, batch: BATCH },
  );
  const feed = kernelData(k, task);
  const batch = feed.allocBatch(BATCH);
  const targets = feed.targets(model, batch, feed.allocTargets(BATCH));
  // An ensemble's thread 1 serves training steps only: an evaluation command sent behind the pack's back makes
  // it throw, as any error in its kernels or code would.
  const { thread } = pack as unknown as { thread: ThreadRole };
  const at = { skill: batch.skill.byteOffset, bits: batch.bits.byteOffset, words: batch.words };
  thread.send({ kind: 'forward', samples: BATCH, ...at, rowIdx: 0, targets: 0, outputs: 0, steps: 0, lr: 0 });
  // Until thread 1 has read that command, the next one must not overwrite it (in a run, the step's barriers
  // keep it): wait for the failure first, then take a step as a run would.
  for (let ms = 0; !thread.partnerFailed(); ms += 5) {
    assert.ok(ms < 10_000, 'thread 1 marks itself failed');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.throws(
    () => pack.trainStep(batch, targets, LRS),
    /^Error: the other thread of a two-thread run stopped: a threaded ensemble's thread 1 does not forward$/,
  );
  await pack.close(); // returns: it does not wait for the failed thread to take an exit command
});
