import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kernelData } from '../../src/experiment/kernel-data.ts';
import { trainingTargets } from '../../src/experiment/network.ts';
import { loadKernels } from '../../src/kernels/node.ts';
import { parseModelSpec } from '../../src/nn/config.ts';
import { allocBatch, createTask, sampleBatch, seededStream } from '../../src/task/index.ts';

// The kernels draw the same batches as src/task (skills, bits, and the generator's state after each batch),
// and the same training targets, bit for bit.
const TASKS = {
  paper: createTask({}, 1),
  michaud: createTask({ skills: 100, bits: 50, m: 3, alpha: 0.5, masks: 'overlapping', labels: 'binary' }, 2),
  'two words (n_b 37)': createTask({ skills: 4, bits: 37, m: 5, masks: 'overlapping' }, 3),
  'uniform, 64 bits': createTask({ skills: 7, bits: 64, m: 4, distribution: 'uniform' }, 4),
  'three words (n_b 80)': createTask({ skills: 6, bits: 80, m: 3, masks: 'overlapping' }, 5),
};

for (const [name, task] of Object.entries(TASKS)) {
  test(`kernel batches and targets equal the TypeScript ones: ${name}`, async () => {
    const k = await loadKernels('simd');
    const data = kernelData(k, task);
    const size = 1001;
    const ours = data.allocBatch(size);
    const theirs = allocBatch(task, size);
    const rngOurs = seededStream(7, 'data');
    const rngTheirs = seededStream(7, 'data');
    const out = data.allocTargets(size);
    const expected = new Float32Array(size);
    for (let b = 0; b < 3; b++) {
      data.draw(rngOurs, ours);
      sampleBatch(task, rngTheirs, theirs);
      assert.deepEqual(Array.from(ours.skill), Array.from(theirs.skill), `batch ${b}: skills`);
      assert.deepEqual(Array.from(ours.bits), Array.from(theirs.bits), `batch ${b}: bits`);
      assert.deepEqual(rngOurs.state, rngTheirs.state, `batch ${b}: generator state`);
      for (const loss of ['mse', 'ce'] as const) {
        const model = parseModelSpec({ loss });
        data.targets(model, ours, out);
        trainingTargets(task, model, theirs, expected);
        assert.deepEqual(Array.from(out), Array.from(expected), `batch ${b}: ${loss} targets`);
      }
    }
  });
}

test('kernelData refuses a batch outside kernel memory', async () => {
  const task = TASKS.paper;
  const data = kernelData(await loadKernels('simd'), task);
  assert.throws(() => data.draw(seededStream(1, 'data'), allocBatch(task, 10)), /views of kernel memory/);
});
