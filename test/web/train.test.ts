import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { predictedStep, runTheory } from '../../src/experiment/prediction.ts';
import { crossingTime } from '../../src/theory/emergence.ts';
import { modelCurves } from '../../web/src/train/model.ts';
import { BROWSER_PRESETS, browserRunConfig, presetFields } from '../../web/src/train/presets.ts';

test('every browser preset is a short run the model describes: n_s 3–5, width 128–1000, skill 1 predicted to emerge within it', () => {
  for (const name of Object.keys(BROWSER_PRESETS)) {
    const config = browserRunConfig(name, {});
    assert.ok(config.task.skills >= 3 && config.task.skills <= 5, name);
    assert.ok(config.model.width >= 128 && config.model.width <= 1000, name);
    assert.ok(predictedStep(runTheory(config), 1, 0.5) < config.steps / 2, name);
    assert.deepEqual(presetFields(name), {
      skills: config.task.skills,
      width: config.model.width,
      lr: config.optimizer.lr,
      steps: config.steps,
      seed: 0,
    });
  }
});

test('the fields over a preset change its run, and a value out of range names the field', () => {
  const config = browserRunConfig('small', { skills: 3, width: 300, lr: 0.02, steps: 100, seed: 7 });
  assert.equal(config.task.skills, 3);
  assert.equal(config.model.width, 300);
  assert.equal(config.optimizer.lr, 0.02);
  assert.equal(config.steps, 100);
  assert.equal(config.seed, 7);
  assert.throws(
    () => browserRunConfig('small', { width: 0 }),
    (e: Error) => e instanceof UsageError && /^model\.width must be/.test(e.message),
  );
});

test('the drawn model crosses R_k/S = ½ where predictedStep puts it, for every skill', () => {
  const config = browserRunConfig('fig1a', {});
  const theory = runTheory(config);
  const curves = modelCurves(config, 20_000, undefined, 2000);
  for (let k = 1; k <= config.task.skills; k++) {
    const mine = curves.filter((p) => p.skill === k);
    const t = crossingTime(
      mine.map((p) => p.step),
      mine.map((p) => p.R),
      0.5,
    );
    const expected = predictedStep(theory, k, 0.5);
    assert.ok(Math.abs(t - expected) / expected < 0.01, `skill ${k}: ${t} vs ${expected}`);
  }
});
