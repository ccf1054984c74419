import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { predictedStep, runTheory } from '../../src/experiment/prediction.ts';
import { type CurvePoint, trainRun } from '../../src/experiment/run.ts';
import { crossingTime } from '../../src/theory/emergence.ts';

// End to end: task, kernels, metric and the run-to-theory mapping together. A real network (n_s = 2, width
// 512, online batches of 500, the paper's SGD lr 0.02 and init 0.01 on un-halved MSE) against Eq. 14 with the
// paper's B² = 1/22, fitted on width 1000 and n_s = 1 (Fig. 11a). Predicted R/S = ½ at steps 885 and 2683.
//
// Tolerance: measured/predicted step at R/S = ½ lies in [1/1.3, 1.3]. Over seeds 1–16 (3500 steps, this
// configuration) the ratio ranged 0.92–1.19 for skill 1 and 0.93–1.14 for skill 2, mean 1.01 for both; seed 1
// gives 0.94 and 0.99. A factor 1.3 holds every seed measured with room, while a mapping off by the factor 2
// of the MSE convention (η = lr instead of 2·lr) or a rate off by 2 fails it. See docs/run-to-theory.md.
const FACTOR = 1.3;

const config = parseRunConfig({
  task: { skills: 2, bits: 32, m: 3, alpha: 0.6, S: 5 },
  model: { width: 512, initStd: 0.01, loss: 'mse' },
  optimizer: { name: 'sgd', lr: 0.02 },
  data: { regime: 'online', batch: 500 },
  steps: 3500,
  evaluation: { every: 25, perSkill: 2000, testPoints: 0 },
  seed: 1,
  kernels: 'simd',
});

test('a trained network reaches R/S = ½ within a factor 1.3 of Eq. 14 (B² = 1/22), in frequency order', async () => {
  const out = mkdtempSync(join(tmpdir(), 'emergence-e2e-'));
  const curve: CurvePoint[] = [];
  try {
    const summary = await trainRun(config, { out, onEvaluation: (p) => curve.push(p) });
    assert.equal(summary.status, 'completed');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const theory = runTheory(config);
  const steps = curve.map((p) => p.step);
  const half = [1, 2].map((k) => {
    const measured = crossingTime(
      steps,
      curve.map((p) => p.R[k - 1]),
      0.5,
    );
    const predicted = predictedStep(theory, k, 0.5);
    const ratio = measured / predicted;
    assert.ok(
      ratio >= 1 / FACTOR && ratio <= FACTOR,
      `skill ${k}: R/S = ½ at step ${measured.toFixed(0)}, predicted ${predicted.toFixed(0)} (ratio ${ratio})`,
    );
    return measured;
  });
  assert.ok(half[0] < half[1], `the frequent skill emerges first (${half.join(' < ')})`);
  const highest = Math.max(...curve.flatMap((p) => p.R));
  assert.ok(highest <= 1.05, `R/S saturates at 1, not above (max ${highest})`);
  assert.ok(curve.at(-1)!.R[0] >= 0.9, `skill 1 has saturated by the end (R/S = ${curve.at(-1)!.R[0]})`);
});
