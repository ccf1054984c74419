import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Flavour, loadKernels } from '../../src/kernels/node.ts';
import type { KernelChoice } from '../../src/nn/fast/kernel-choice.ts';
import { FastNetwork } from '../../src/nn/fast/network.ts';
import { createThreadedNetwork } from '../../src/nn/fast/threads.ts';
import {
  createOptimizerState,
  initParams,
  learningRate,
  lossAndGrad,
  type ModelSpec,
  type ModelSpecInput,
  type OptimizerSpecInput,
  optimizerStep,
  parityClass,
  parseModelSpec,
  parseOptimizerSpec,
} from '../../src/nn/index.ts';
import {
  allocBatch,
  batchLabels,
  createTask,
  denseInputs,
  Rng,
  sampleBatch,
  seededStream,
  type Task,
} from '../../src/task/index.ts';

// n_b = 10: the last table group is partial (4- and 8-bit); width 20 pads to 32; batch 70 spans 5 chunks of 16, the last
// one short and not a multiple of 4.
const task = createTask({ skills: 3, bits: 10, m: 2, S: 1 }, 1);
const BATCH = 70;

function setup(
  task: Task,
  modelInput: ModelSpecInput,
  optInput: OptimizerSpecInput,
  flavour: Flavour,
  groupBits = 8,
) {
  return loadKernels(flavour).then((k) => {
    const model = parseModelSpec(modelInput);
    const opt = parseOptimizerSpec(optInput);
    const net = new FastNetwork(k, task.spec.skills, task.spec.bits, model, opt, { chunk: 16, groupBits });
    const params = initParams(net.ref, model, Rng.fromSeed(3));
    net.setParams(params);
    return { k, model, opt, net, params };
  });
}

function batchOf(task: Task, seed: number) {
  const batch = allocBatch(task, BATCH);
  sampleBatch(task, seededStream(seed, 'data'), batch);
  const y = batchLabels(task, batch);
  return { batch, y, x: denseInputs(task, batch) };
}

function targetsFor(lossName: string, y: Float32Array): Float32Array {
  return lossName === 'ce' ? y.map((v) => parityClass(v, 'pm')) : y;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

const combos: ModelSpecInput[] = [];
for (const depth of [2, 3]) {
  for (const activation of ['relu', 'tanh', 'sigmoid'] as const) {
    for (const loss of ['mse', 'mse-half', 'ce'] as const)
      combos.push({ width: 20, depth, activation, loss, init: 'pytorch' });
  }
}

for (const flavour of ['simd', 'relaxed'] as const) {
  test(`kernels (${flavour}) equal the float64 reference: outputs, loss and gradient, every depth × activation × loss`, async () => {
    for (const [i, m] of combos.entries()) {
      const groupBits = i % 2 ? 4 : 8; // both table widths, each over half the combinations
      const { model, net, params } = await setup(task, m, { lr: 0.1 }, flavour, groupBits);
      const { batch, y, x } = batchOf(task, 5);
      const name = `${model.depth}/${model.activation}/${model.loss}/${groupBits}-bit`;
      const ref = lossAndGrad(net.ref, model, params, x, y, BATCH);
      const outputs = net.forward(batch);
      const tol = 1e-5 * (1 + maxAbs(ref.outputs));
      ref.outputs.forEach((v, i) =>
        assert.ok(Math.abs(outputs[i] - v) <= tol, `${name} output ${i}: ${outputs[i]} vs ${v}`),
      );
      const loss = net.trainStep(batch, targetsFor(model.loss, y), 0.1);
      assert.ok(Math.abs(loss - ref.loss) <= 1e-5 * (1 + ref.loss), `${name} loss ${loss} vs ${ref.loss}`);
      const grads = net.getGrads();
      const gtol = 1e-4 * maxAbs(ref.grad) + 1e-7;
      ref.grad.forEach((g, i) =>
        assert.ok(Math.abs(grads[i] - g) <= gtol, `${name} grad ${i}: ${grads[i]} vs ${g} (tol ${gtol})`),
      );
    }
  });
}

// Each step is checked against the float64 reference optimizer applied to the kernel's own gradients (their
// correctness is the test above), so every entry is held to float32 rounding: 2^-22 of the parameter for the
// final subtraction, plus 2e-6 of the step's largest term (the moments accumulate in float32; Adam's m can
// cancel, so the bound is on the terms' size, not on the step itself).
test('kernel optimisers take the float64 reference step on their own gradients, to float32 rounding (sgd ± momentum, adam, adamw; three steps)', async () => {
  const specs: OptimizerSpecInput[] = [
    { name: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0.01 },
    { name: 'sgd', lr: 0.05 },
    { name: 'adam', lr: 0.01, weightDecay: 0.001 },
    { name: 'adamw', lr: 0.01, weightDecay: 0.1 },
  ];
  for (const spec of specs) {
    const { opt, net } = await setup(task, { width: 20, init: 'pytorch' }, spec, 'simd');
    const state = createOptimizerState(net.ref.size, opt);
    for (let step = 0; step < 3; step++) {
      const before = net.getParams();
      const { batch, y } = batchOf(task, 10 + step);
      net.trainStep(batch, y, learningRate(opt, step));
      const grad = net.getGrads();
      const expected = Float64Array.from(before);
      optimizerStep(expected, grad, state, opt, step);
      const after = net.getParams();
      // The largest update term: lr·(|g| + wd·|p|) for SGD (times 1/(1 − μ) with momentum), lr for Adam.
      const term =
        opt.name === 'sgd'
          ? (opt.lr * (maxAbs(grad) + opt.weightDecay * maxAbs(before))) / (1 - opt.momentum)
          : opt.lr;
      expected.forEach((v, i) => {
        const tol = 2 ** -22 * Math.abs(v) + 2e-6 * term;
        assert.ok(
          Math.abs(after[i] - v) <= tol,
          `${spec.name} step ${step} param ${i}: ${after[i]} vs ${v} (tol ${tol.toExponential(2)})`,
        );
      });
    }
  }
});

// Free-running float32 and float64 runs part slowly: a ReLU unit whose pre-activation sits within rounding of 0
// can switch on one side and not the other, and Adam magnifies rounding-level gradients. Smooth activations are
// held to 1e-3 relative over 50 steps; ReLU to 1e-2 (the largest gap seen was 1.5e-3).
test('kernel training follows the float64 reference over 50 steps, every model × loss × optimiser', async () => {
  const optimizers: OptimizerSpecInput[] = [
    { name: 'sgd', lr: 0.2, momentum: 0.5, weightDecay: 1e-3 },
    { name: 'adam', lr: 0.01, weightDecay: 1e-3 },
    { name: 'adamw', lr: 0.01, weightDecay: 0.01 },
  ];
  for (const m of combos) {
    const { depth, loss } = m as { depth: number; loss: 'mse' | 'mse-half' | 'ce' };
    for (const optInput of optimizers) {
      const { model, opt, net, params } = await setup(task, m, optInput, 'simd');
      const ref = Float64Array.from(params);
      const state = createOptimizerState(ref.length, opt);
      const name = `depth ${depth} ${m.activation} ${loss} ${opt.name}`;
      for (let step = 0; step < 50; step++) {
        const { batch, y, x } = batchOf(task, 100 + step);
        const expected = lossAndGrad(net.ref, model, ref, x, y, BATCH);
        optimizerStep(ref, expected.grad, state, opt, step);
        const got = net.trainStep(batch, targetsFor(loss, y), learningRate(opt, step));
        const tol = (m.activation === 'relu' ? 1e-2 : 1e-3) * expected.loss;
        assert.ok(Math.abs(got - expected.loss) <= tol, `${name} step ${step}: ${got} vs ${expected.loss}`);
      }
    }
  }
});

// Every kernel variant (kernel-choice.ts) takes the reference step: for three steps, each from the kernel's own
// weights, the loss, the gradient and the SGD update equal the float64 reference's at those weights.
const VARIANTS: KernelChoice[] = [];
for (const groupBits of [4, 8]) {
  for (const fold of ['first', 'last', 'none'] as const) {
    for (const backward of ['columns', 'rows', 'gather'] as const)
      VARIANTS.push({
        groupBits,
        fold,
        backward,
        chunk: { columns: 16, rows: 48, gather: 32 }[backward],
        forwardBlock: fold === 'last' ? 16 : 32,
        // gather under both splits: on units each thread sorts the chunk for its own half of the units.
        split: backward === 'rows' || (backward === 'gather' && fold !== 'none') ? 'samples' : 'units',
      });
  }
}
const VARIANT_MODELS: ModelSpecInput[] = [
  { width: 20, activation: 'relu', loss: 'mse', init: 'pytorch' },
  { width: 40, activation: 'tanh', loss: 'ce', init: 'pytorch' }, // padded 48: a 32-unit block and a 16-unit one
];

function variantName(model: ModelSpecInput, choice: KernelChoice, threads: number): string {
  return `${model.activation}/${model.loss} ${choice.groupBits}-bit fold ${choice.fold} ${choice.backward} forward block ${choice.forwardBlock} chunk ${choice.chunk}, ${threads} thread(s)`;
}

async function checkReferenceSteps(net: FastNetwork, model: ModelSpec, name: string): Promise<void> {
  net.setParams(initParams(net.ref, model, Rng.fromSeed(3)));
  const lr = 0.1;
  for (let step = 0; step < 3; step++) {
    const before = net.getParams();
    const { batch, y, x } = batchOf(task, 20 + step);
    const ref = lossAndGrad(net.ref, model, before, x, y, BATCH);
    const loss = net.trainStep(batch, targetsFor(model.loss, y), lr);
    assert.ok(
      Math.abs(loss - ref.loss) <= 1e-5 * (1 + ref.loss),
      `${name} step ${step} loss ${loss} vs ${ref.loss}`,
    );
    const grads = net.getGrads();
    const gtol = 1e-4 * maxAbs(ref.grad) + 1e-7;
    ref.grad.forEach((g, i) => assert.ok(Math.abs(grads[i] - g) <= gtol, `${name} step ${step} grad ${i}`));
    const after = net.getParams();
    before.forEach((p, i) => {
      const expected = p - lr * ref.grad[i];
      const tol = 2 ** -22 * Math.abs(p) + lr * gtol;
      assert.ok(
        Math.abs(after[i] - expected) <= tol,
        `${name} step ${step} param ${i}: ${after[i]} vs ${expected}`,
      );
    });
  }
}

test('every kernel variant (table width × control fold × backward order × forward block × chunk) takes the float64 reference step, one thread', async () => {
  const k = await loadKernels('simd');
  const opt = parseOptimizerSpec({ name: 'sgd', lr: 0.1 });
  for (const m of VARIANT_MODELS) {
    const model = parseModelSpec(m);
    for (const choice of VARIANTS) {
      const net = new FastNetwork(k, task.spec.skills, task.spec.bits, model, opt, choice);
      assert.deepEqual(net.choice, choice);
      await checkReferenceSteps(net, model, variantName(m, choice, 1));
    }
  }
});

test('every control fold, backward order and forward block takes the float64 reference step on two threads', async () => {
  const k = await loadKernels('simd');
  const opt = parseOptimizerSpec({ name: 'sgd', lr: 0.1 });
  for (const [i, choice] of VARIANTS.filter((v) => v.groupBits === 4).entries()) {
    const m = VARIANT_MODELS[i % 2];
    const model = parseModelSpec(m);
    const net = await createThreadedNetwork(k, task.spec.skills, task.spec.bits, model, opt, choice);
    try {
      await checkReferenceSteps(net, model, variantName(m, choice, 2));
    } finally {
      await net.close();
    }
  }
});
