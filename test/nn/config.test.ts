import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { parseModelSpec, parseOptimizerSpec } from '../../src/nn/config.ts';

test('parseModelSpec({}) is the paper network: width 1000, depth 2, relu, mse (no ½), N(0, 0.01²)', () => {
  assert.deepEqual(parseModelSpec({}), {
    width: 1000,
    depth: 2,
    activation: 'relu',
    loss: 'mse',
    init: 'normal',
    initStd: 0.01,
  });
});

test('parseOptimizerSpec fills PyTorch defaults and a constant schedule', () => {
  assert.deepEqual(parseOptimizerSpec({ lr: 0.02 }), {
    name: 'sgd',
    lr: 0.02,
    momentum: 0,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0,
    schedule: { type: 'constant' },
  });
  const halving = { type: 'step-halving', every: 50_000, start: 5 } as const;
  assert.deepEqual(
    parseOptimizerSpec({ lr: 0.05, schedule: halving }).schedule,
    { ...halving, unit: 'steps' },
    'a schedule counts steps unless it says epochs',
  );
});

test('bad specs are UsageErrors naming the field, what it allows and the value', () => {
  const cases: [() => unknown, RegExp][] = [
    [() => parseModelSpec({ width: 0 }), /^width must be an integer from 1 to 65536 \(got 0\)$/],
    [() => parseModelSpec({ width: 2.5 }), /^width must be an integer from 1 to 65536 \(got 2.5\)$/],
    [() => parseModelSpec({ depth: 1 }), /^depth must be an integer from 2 to 6 \(got 1\)$/],
    [
      () => parseModelSpec({ activation: 'gelu' }),
      /^activation must be one of relu, tanh, sigmoid \(got "gelu"\)$/,
    ],
    [() => parseModelSpec({ loss: 'l1' }), /^loss must be one of mse, mse-half, ce \(got "l1"\)$/],
    [() => parseModelSpec({ initStd: 0 }), /^initStd must be a finite number > 0 \(got 0\)$/],
    [() => parseModelSpec({ widht: 3 }), /^unknown field widht$/],
    [() => parseOptimizerSpec({}), /^lr must be a finite number > 0$/],
    [() => parseOptimizerSpec({ lr: Number.POSITIVE_INFINITY }), /^lr must be a finite number > 0/],
    [() => parseOptimizerSpec({ lr: Number.NaN }), /^lr must be a finite number > 0/],
    [() => parseOptimizerSpec({ lr: -1 }), /^lr must be a finite number > 0 \(got -1\)$/],
    [() => parseOptimizerSpec({ lr: 1, name: 'rmsprop' }), /^name must be one of sgd, adam, adamw/],
    [() => parseOptimizerSpec({ lr: 1, momentum: 1 }), /^momentum must be a number in \[0, 1\) \(got 1\)$/],
    [() => parseOptimizerSpec({ lr: 1, beta2: -0.1 }), /^beta2 must be a number in \[0, 1\) \(got -0.1\)$/],
    [
      () => parseOptimizerSpec({ lr: 1, weightDecay: -1 }),
      /^weightDecay must be a finite number ≥ 0 \(got -1\)$/,
    ],
    [
      () => parseOptimizerSpec({ lr: 1, name: 'adam', momentum: 0.9 }),
      /^momentum must be 0 for adam \(got 0.9\)/,
    ],
    [
      () => parseOptimizerSpec({ lr: 1, schedule: { type: 'cosine' } }),
      /^schedule\.type must be one of constant, step-halving \(got "cosine"\)$/,
    ],
    [
      () => parseOptimizerSpec({ lr: 1, schedule: 'constant' }),
      /^schedule must be an object such as \{"type": "constant"\} \(got "constant"\)$/,
    ],
    [
      () => parseOptimizerSpec({ lr: 1, schedule: { type: 'step-halving', every: 0, start: 0 } }),
      /^schedule\.every must be an integer ≥ 1 \(got 0\)$/,
    ],
    [
      () => parseModelSpec({ depth: 9 }, 'train.model.'),
      /^train\.model\.depth must be an integer from 2 to 6 \(got 9\)$/,
    ],
  ];
  for (const [run, message] of cases) {
    assert.throws(run, (e) => {
      assert.ok(e instanceof UsageError, `${e} is a UsageError`);
      assert.match(e.message, message);
      return true;
    });
  }
});
