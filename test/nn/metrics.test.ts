import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  accuracy,
  centredCorrelation,
  meanLoss,
  scalarOutputs,
  skillMetrics,
  targetScale,
} from '../../src/nn/metrics.ts';
import { Rng } from '../../src/task/rng.ts';
import { assertClose } from '../helpers/assert.ts';

const S = 5;
const pm = { labels: 'pm', S } as const;
// Balanced ±S labels: ‖y − ȳ‖ = S·√n exactly, so a perfect predictor scores R/S = 1 exactly.
const y = Float64Array.from({ length: 8 }, (_, i) => (i % 3 === 0 || i === 7 ? S : -S));

test('skillMetrics R: perfect predictor → 1, offset or scaled → 1 and ½, constant → 0, negated → −1 (1e-15)', () => {
  assertClose(skillMetrics('mse', y, y, pm).R, 1, 1e-15, 'f = y');
  assertClose(
    skillMetrics(
      'mse',
      y.map((v) => v + 3),
      y,
      pm,
    ).R,
    1,
    1e-15,
    'f = y + 3 (centred)',
  );
  assertClose(
    skillMetrics(
      'mse',
      y.map((v) => v / 2),
      y,
      pm,
    ).R,
    0.5,
    1e-15,
    'f = y/2',
  );
  assert.equal(skillMetrics('mse', new Float64Array(8).fill(2.5), y, pm).R, 0, 'f constant');
  assertClose(
    skillMetrics(
      'mse',
      y.map((v) => -v),
      y,
      pm,
    ).R,
    -1,
    1e-15,
    'f = −y',
  );
});

test('centredCorrelation by hand: y = (5,5,5,−5), f = (1,2,3,4) → −15/(2·√75) = −√3/2 (1e-15)', () => {
  // ȳ = 2.5, y − ȳ = (2.5, 2.5, 2.5, −7.5); f − f̄ = (−1.5, −0.5, 0.5, 1.5); Σ = −15; ‖y − ȳ‖ = √75; √n = 2.
  assertClose(centredCorrelation([1, 2, 3, 4], [5, 5, 5, -5]), -Math.sqrt(3) / 2, 1e-15, 'corr');
  assert.ok(Number.isNaN(centredCorrelation([1, 2], [5, 5])), 'NaN when every label is the same');
});

test('R/S estimates R_k/S for f = R·g + offset + noise: n = 20,000, R/S = 0.3 recovered within 5 SE', () => {
  const rng = Rng.fromSeed(5);
  const n = 20_000;
  const labels = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? S : -S));
  const f = labels.map((v) => 0.3 * v + 2 + rng.normal());
  // The noise contributes E[(y/S)·ξ] with SE 1/√n, i.e. 1/(S·√n) in R/S.
  assertClose(skillMetrics('mse', f, labels, pm).R, 0.3, 5 / (S * Math.sqrt(n)), 'R/S');
});

test('ce: f := 2·p_even − 1 = tanh((z_even − z_odd)/2), S := 1; logits giving f = 0.6·g score R = 0.6 (1e-15)', () => {
  // z = (atanh(0.6·g), −atanh(0.6·g)) makes p_even − p_odd = 0.6·g exactly, g = +1 even / −1 odd.
  const logits = (g: number) => [Math.atanh(0.6 * g), -Math.atanh(0.6 * g)];
  const outputs = Array.from(y).flatMap((v) => logits(Math.sign(v)));
  assertClose(scalarOutputs('ce', outputs, 8)[0], 0.6, 1e-15, 'f of sample 0');
  assertClose(skillMetrics('ce', outputs, y, pm).R, 0.6, 1e-15, 'pm labels');
  const binary = y.map((v) => (v > 0 ? 0 : 1)); // binary labels are the parity: 0 even, 1 odd
  assertClose(skillMetrics('ce', outputs, binary, { labels: 'binary', S: 1 }).R, 0.6, 1e-15, 'binary labels');
  assert.equal(skillMetrics('ce', outputs, y, pm).accuracy, 1);
});

test('accuracy: sign for ±S labels, the ½ midpoint for {0,1} labels, argmax for ce', () => {
  // Predicted parity (even, odd, even, odd) against labels (even, odd, odd, even): 2 of 4.
  assert.equal(accuracy('mse', [1, -1, 0.1, -3], [5, -5, -5, 5], 'pm'), 0.5);
  assert.equal(accuracy('mse', [0.2, 0.9, 0.4, 0.7], [0, 1, 1, 0], 'binary'), 0.5);
  assert.equal(accuracy('ce', [2, 1, 0, 3, 1, 1], [5, -5, 5], 'pm'), 1, 'tie → even, like torch.argmax');
  assert.equal(accuracy('mse-half', [0, -0], [5, 5], 'pm'), 1, 'f = 0 counts as even');
});

test('loss as trained: mse (no ½), mse-half, ce; targetScale S, ½, 1', () => {
  assert.equal(meanLoss('mse', [4, -5], [5, -5], 'pm'), 0.5);
  assert.equal(meanLoss('mse-half', [4, -5], [5, -5], 'pm'), 0.25);
  assertClose(meanLoss('ce', [0, 0], [5], 'pm'), Math.LN2, 1e-16, 'ce of equal logits = ln 2');
  assert.equal(skillMetrics('mse', [4, -5], [5, -5], pm).loss, 0.5);
  assert.equal(targetScale('mse', pm), 5);
  assert.equal(targetScale('mse', { labels: 'binary', S: 1 }), 0.5);
  assert.equal(targetScale('ce', pm), 1);
});

test('binary labels under mse: f = y scores R/S = 1 with S := ½ (1e-15)', () => {
  const labels = y.map((v) => (v > 0 ? 0 : 1));
  assertClose(skillMetrics('mse', labels, labels, { labels: 'binary', S: 1 }).R, 1, 1e-15, 'f = y');
});
