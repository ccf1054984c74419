import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { INITIAL_STRENGTH_PER_VARIANCE, predictedStep, runTheory } from '../../src/experiment/prediction.ts';
import { mergeRunConfig, preset } from '../../src/experiment/presets.ts';

const fig1a = (override: Record<string, unknown> = {}) =>
  parseRunConfig(mergeRunConfig(preset('fig1a'), override));

test('fig1a maps to η = 2·lr = 0.04, S = 5, R_k(0) = 0.01²/3.6, B² = 1/22 and the task’s Zipf P_s(k)', () => {
  const t = runTheory(fig1a());
  assert.equal(t.eta, 0.04);
  assert.equal(t.S, 5);
  assert.equal(t.r0, 0.01 ** 2 / 3.6);
  assert.equal(INITIAL_STRENGTH_PER_VARIANCE * 0.01 ** 2, t.r0);
  assert.equal(t.B2, 1 / 22);
  // P_s(k) = k^-1.6 / Σ_{j≤5} j^-1.6, summed here independently of zipfProbs.
  const z = [1, 2, 3, 4, 5].reduce((sum, k) => sum + k ** -1.6, 0);
  t.probs.forEach((p, i) => assert.ok(Math.abs(p - (i + 1) ** -1.6 / z) < 1e-15, `k = ${i + 1}`));
});

test('Eq. 14 at the predicted step gives the level (closed form written out here, 1e-12)', () => {
  const t = runTheory(fig1a({ model: { initStd: 0.03 }, task: { S: 2 } }));
  for (let k = 1; k <= 5; k++) {
    for (const level of [0.05, 0.5, 0.95]) {
      const T = predictedStep(t, k, level);
      const rate = 2 * t.eta * t.B2 * t.probs[k - 1] * t.S;
      const R = 1 / (1 + (t.S / t.r0 - 1) * Math.exp(-rate * T));
      assert.ok(Math.abs(R - level) < 1e-12, `k = ${k}, level ${level}: R/S = ${R}`);
    }
  }
});

test('η: mse-half counts lr once, momentum μ divides by 1 − μ; B² and r0 overrides', () => {
  assert.equal(runTheory(fig1a({ model: { loss: 'mse-half' } })).eta, 0.02);
  assert.ok(Math.abs(runTheory(fig1a({ optimizer: { momentum: 0.9 } })).eta / 0.4 - 1) < 1e-12);
  const base = runTheory(fig1a());
  const slower = runTheory(fig1a(), { B2: 1 / 44 });
  assert.ok(Math.abs(predictedStep(slower, 2, 0.5) / predictedStep(base, 2, 0.5) - 2) < 1e-12, 'step ∝ 1/B²');
  assert.equal(runTheory(fig1a(), { r0: 0.5 }).r0, 0.5);
  const uniform = runTheory(fig1a({ task: { distribution: 'uniform', skills: 4 } }));
  assert.deepEqual(Array.from(uniform.probs), [0.25, 0.25, 0.25, 0.25]);
});

test('runs Eq. 14 does not describe are refused, naming the field', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ data: { regime: 'fixed', D: 1000 } }, /^data\.regime must be "online" \(got "fixed"\)/],
    [{ model: { loss: 'ce' } }, /^model\.loss must be "mse" or "mse-half" \(got "ce"\)/],
    [{ optimizer: { name: 'adam' } }, /^optimizer\.name must be "sgd" \(got "adam"\)/],
    [{ optimizer: { name: 'adamw' } }, /^optimizer\.name must be "sgd" \(got "adamw"\)/],
    [{ optimizer: { weightDecay: 1e-4 } }, /^optimizer\.weightDecay must be 0 \(got 0\.0001\)/],
    [
      { optimizer: { schedule: { type: 'step-halving', start: 0, every: 10 } } },
      /^optimizer\.schedule\.type must be "constant" \(got "step-halving"\)/,
    ],
    [{ model: { depth: 3 } }, /^model\.depth must be 2 \(got 3\)/],
    [{ model: { activation: 'tanh' } }, /^model\.activation must be "relu" \(got "tanh"\)/],
    [{ model: { init: 'pytorch' } }, /^model\.init must be "normal" \(got "pytorch"\)/],
    [{ task: { labels: 'binary' } }, /^task\.labels must be "pm" \(got "binary"\)/],
  ];
  for (const [override, message] of cases) {
    assert.throws(
      () => runTheory(fig1a(override)),
      { name: 'UsageError', message },
      JSON.stringify(override),
    );
  }
  assert.throws(() => runTheory(fig1a(), { B2: 0 }), /^UsageError: B2 must be a finite number > 0 \(got 0\)/);
  assert.throws(() => runTheory(fig1a(), { r0: 5 }), /r0 must be in \(0, S = 5\) \(got 5\)/);
  assert.throws(
    () => predictedStep(runTheory(fig1a()), 6, 0.5),
    /k must be an integer from 1 to 5 \(got 6\)/,
  );
});
