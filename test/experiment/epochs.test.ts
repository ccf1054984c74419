import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { dataSource } from '../../src/experiment/data.ts';
import { authorsBatch, scheduleInSteps, stepsPerEpoch } from '../../src/experiment/epochs.ts';
import { mergeRunConfig, preset } from '../../src/experiment/presets.ts';
import { parseOptimizerSpec } from '../../src/nn/config.ts';
import { learningRate } from '../../src/nn/optimizer.ts';
import { allocBatch } from '../../src/task/batch.ts';
import { createTask } from '../../src/task/task.ts';

test('authorsBatch is D // max(1, D // 2000): the whole set below 4000, then 2000 to 4000', () => {
  const cases = [
    [1, 1],
    [500, 500],
    [3999, 3999],
    [4000, 2000],
    [5999, 2999],
    [10_000, 2000],
    [35_000, 2058], // 35000 // 17
  ];
  for (const [D, batch] of cases) assert.equal(authorsBatch(D), batch, `D = ${D}`);
});

test('stepsPerEpoch is ⌈D / min(batch, D)⌉, counting the short last batch', () => {
  const cases = [
    [10_000, 2000, 5],
    [35_000, 2058, 18], // 17 full batches of 2058 and one of 14
    [500, 4000, 1],
    [150, 64, 3],
    [128, 64, 2],
  ];
  for (const [D, batch, steps] of cases)
    assert.equal(stepsPerEpoch(D, batch), steps, `D ${D}, batch ${batch}`);
});

test('a fixed data source starts a new epoch after exactly stepsPerEpoch(D, batch) batches', () => {
  const task = createTask({ skills: 3, bits: 10, m: 2 }, 1);
  const config = parseRunConfig({
    optimizer: { lr: 0.1 },
    data: { regime: 'fixed', D: 150, batch: 64 },
    steps: 10,
  });
  const data = dataSource(task, config);
  const batch = allocBatch(task, 64);
  const sizes = Array.from({ length: stepsPerEpoch(150, 64) }, () => data.next(batch).size);
  assert.deepEqual(sizes, [64, 64, 22]);
  assert.equal(data.state().epoch, 0);
  data.next(batch);
  assert.equal(data.state().epoch, 1);
});

test('scheduleInSteps multiplies an epoch schedule by the steps per epoch and leaves the others alone', () => {
  const inEpochs = { type: 'step-halving', unit: 'epochs', start: 1, every: 10_000 } as const;
  assert.deepEqual(scheduleInSteps(inEpochs, 18), {
    type: 'step-halving',
    unit: 'steps',
    start: 18,
    every: 180_000,
  });
  const inSteps = { type: 'step-halving', unit: 'steps', start: 3, every: 7 } as const;
  assert.deepEqual(scheduleInSteps(inSteps, 18), inSteps);
  assert.deepEqual(scheduleInSteps({ type: 'constant' }, 18), { type: 'constant' });
  assert.throws(
    () => learningRate(parseOptimizerSpec({ lr: 1, schedule: inEpochs }), 0),
    /must be turned into steps/,
    'the optimiser refuses a schedule still in epochs',
  );
});

/** fig1b at one D, as `emergence train --preset fig1b --D <D>` builds it. */
const fig1b = (D: number) =>
  parseRunConfig(mergeRunConfig(preset('fig1b'), { data: { regime: 'fixed', D } }));

test('fig1b --D 500: batch 500, 10⁵ steps, lr halved at steps 1, 10001, 20001, …', () => {
  const config = fig1b(500);
  assert.equal(config.data.batch, 500);
  assert.equal(config.steps, 100_000);
  assert.deepEqual(config.optimizer.schedule, {
    type: 'step-halving',
    unit: 'steps',
    start: 1,
    every: 10_000,
  });
  const lr = (step: number) => learningRate(config.optimizer, step);
  assert.deepEqual(
    [0, 1, 10_000, 10_001, 20_000, 20_001].map(lr),
    [0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625],
  );
  assert.equal(lr(config.steps), 0.05 * 2 ** -10, 'the final lr: halved after epoch 1, then 9 more times');
});

test('fig1b --D 35000: batch 2058, 18 steps per epoch, halved at step 18 and then every 180,000 steps', () => {
  const config = fig1b(35_000);
  assert.equal(config.data.batch, 2058);
  assert.equal(config.steps, 1_800_000);
  assert.deepEqual(config.optimizer.schedule, {
    type: 'step-halving',
    unit: 'steps',
    start: 18,
    every: 180_000,
  });
  const lr = (step: number) => learningRate(config.optimizer, step);
  assert.deepEqual([17, 18, 180_017, 180_018].map(lr), [0.05, 0.025, 0.025, 0.0125]);
});

test('fig1b at its default D = 10,000 is the authors’ 5·10⁵ steps of 2000, halved at step 5 and every 5·10⁴', () => {
  const config = parseRunConfig(preset('fig1b'));
  assert.equal(config.data.batch, 2000);
  assert.equal(config.steps, 500_000);
  assert.deepEqual(config.optimizer.schedule, {
    type: 'step-halving',
    unit: 'steps',
    start: 5,
    every: 50_000,
  });
});

test('the resolved config parses back to itself (config.json, --resume)', () => {
  const config = fig1b(35_000);
  assert.deepEqual(parseRunConfig(structuredClone(config)), config);
  assert.equal('epochs' in config, false);
});

test('steps and epochs: the last source giving either decides the length', () => {
  const short = parseRunConfig(mergeRunConfig(preset('fig1b'), { steps: 300 }));
  assert.equal(short.steps, 300);
  const epochs = parseRunConfig(mergeRunConfig(preset('fig1b'), { steps: 300 }, { epochs: 3 }));
  assert.equal(epochs.steps, 15);
});

test('epochs, batch "authors" and a schedule in epochs are refused for online data, with a clear line', () => {
  const online = { optimizer: { lr: 0.1 }, data: { regime: 'online', batch: 100 } };
  const cases: [object, RegExp][] = [
    [{ ...online, epochs: 3 }, /^epochs needs a fixed training set \(regime "fixed" with data\.D\)/],
    [
      { ...online, data: { regime: 'online', batch: 'authors' }, steps: 3 },
      /^data\.batch "authors" needs a fixed training set/,
    ],
    [
      {
        ...online,
        optimizer: { lr: 0.1, schedule: { type: 'step-halving', unit: 'epochs', start: 1, every: 2 } },
        steps: 3,
      },
      /^optimizer\.schedule\.unit "epochs" needs a fixed training set/,
    ],
    [
      { ...online, data: { regime: 'fixed', D: 10, batch: 5 }, steps: 3, epochs: 2 },
      /^give steps or epochs, not both \(got steps 3, epochs 2\)$/,
    ],
    [
      { ...online },
      /^steps must be set \(an integer from 1 to 1000000000\), or epochs for a fixed training set$/,
    ],
    [
      { ...online, data: { regime: 'fixed', D: 10, batch: 'some' }, steps: 3 },
      /^data\.batch must be an integer from 1 to 1000000 or "authors" \(got "some"\)$/,
    ],
    [
      { ...online, data: { regime: 'fixed', D: 100_000_000, batch: 1 }, epochs: 100 },
      /^epochs must make at most 1000000000 steps \(got 100 × 100000000\)$/,
    ],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseRunConfig(input), { name: 'UsageError', message });
  }
});
