import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../src/task/rng.ts';
import { zipfProbs } from '../../src/task/zipf.ts';
import { crossingTime, emergenceTime } from '../../src/theory/emergence.ts';
import { linearSkillStrength } from '../../src/theory/linear.ts';
import { expectedDataLoss, lossOfStrengths, skillStrengths, totalLoss } from '../../src/theory/loss.ts';
import { sampledRates } from '../../src/theory/multinomial.ts';
import { simulateFlow, simulateGradientDescent, simulateLinearFlow } from '../../src/theory/simulate.ts';
import { relativeError } from '../helpers/assert.ts';

const probs = zipfProbs(5, 0.6);
const model = { probs, rates: probs, S: 5, r0: 0.01, eta: 1 };
/** Until skill 5 is past R/S = 0.95, on 400 points. */
const END = 1.3 * emergenceTime(probs[4], 0.95, model);
const times = Float64Array.from({ length: 400 }, (_, i) => (END * (i + 1)) / 400);

function maxRelError(sim: Float64Array[], exact: (i: number) => Float64Array): number {
  let worst = 0;
  sim.forEach((R, i) => {
    const want = exact(i);
    for (let k = 0; k < R.length; k++) {
      if (want[k] !== 0) worst = Math.max(worst, relativeError(R[k], want[k]));
      else assert.equal(R[k], 0, `t index ${i}, k = ${k + 1}: absent skill stays 0`);
    }
  });
  return worst;
}

test('the integrated gradient flow (Lemma 1) matches Eq. 11 over the whole sigmoid (1e-8 relative)', () => {
  for (const N of [5, 3]) {
    const m = { ...model, N };
    const err = maxRelError(simulateFlow(m, times), (i) => skillStrengths(times[i], m));
    assert.ok(err < 1e-8, `N = ${N}: max relative error ${err.toExponential(2)} ≥ 1e-8`);
  }
});

test('the loss of the simulated flow equals totalLoss (Eq. 12) at every time (1e-8 relative)', () => {
  const m = { ...model, N: 4 };
  simulateFlow(m, times).forEach((R, i) => {
    const got = lossOfStrengths(R, probs, 5);
    const want = totalLoss(times[i], m);
    assert.ok(Math.abs(got / want - 1) < 1e-8, `T = ${times[i]}: ${got} vs ${want}`);
  });
});

test('finite D: the flow with q_k = d_k/D from a multinomial draw matches Eq. 11 at those rates (1e-8 relative)', () => {
  const rates = sampledRates(40, probs, Rng.fromSeed(4));
  assert.ok(rates.includes(0), 'the draw leaves a skill unseen, which must stay at r0');
  const m = { ...model, rates };
  const err = maxRelError(simulateFlow(m, times), (i) => skillStrengths(times[i], m));
  assert.ok(err < 1e-8, `max relative error ${err.toExponential(2)}`);
  const last = simulateFlow(m, [END])[0];
  const want = totalLoss(END, m);
  assert.ok(Math.abs(lossOfStrengths(last, probs, 5) / want - 1) < 1e-8, 'test loss weights P_s, rates q');
});

test('discrete gradient descent converges to the flow at rate O(η): the error halves with η (ratio 2 ± 0.1)', () => {
  const errorAt = (eta: number) => {
    const steps = [0.5, 1, 2, 3, 4, 6].map((u) => Math.round(u / eta));
    const m = { ...model, eta };
    let worst = 0;
    simulateGradientDescent(m, steps).forEach((R, i) => {
      const want = skillStrengths(steps[i], m);
      for (let k = 0; k < 5; k++) worst = Math.max(worst, Math.abs(R[k] - want[k]));
    });
    return worst;
  };
  const e1 = errorAt(0.02);
  const e2 = errorAt(0.01);
  const e3 = errorAt(0.005);
  assert.ok(e1 < 0.04, `η = 0.02: max |ΔR/S| = ${e1} (O(η) with constant ≈ 1.5)`);
  for (const [a, b] of [
    [e1, e2],
    [e2, e3],
  ]) {
    assert.ok(Math.abs(a / b - 2) < 0.1, `error ratio ${a / b} for η halved`);
  }
});

test('emergence times read off the simulated flow match Eq. 40 (1e-4 relative; linear interpolation on 4000 points)', () => {
  const grid = Float64Array.from({ length: 4000 }, (_, i) => (END * i) / 3999);
  const sim = simulateFlow(model, grid);
  for (let k = 0; k < 5; k++) {
    for (const eps of [0.05, 0.5, 0.95]) {
      const got = crossingTime(
        grid,
        sim.map((R) => R[k]),
        eps,
      );
      const want = emergenceTime(probs[k], eps, model);
      assert.ok(Math.abs(got / want - 1) < 1e-4, `k = ${k + 1}, ε = ${eps}: ${got} vs ${want}`);
    }
  }
});

test('T → ∞ by gradient descent: the Monte-Carlo mean loss over multinomial draws is Eq. 274 (4 standard errors)', () => {
  const p = zipfProbs(10, 0.6);
  const rng = Rng.fromSeed(99);
  for (const [D, N] of [
    [8, 10],
    [25, 6],
  ]) {
    const M = 600;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < M; i++) {
      const rates = sampledRates(D, p, rng);
      // 3000 steps of η = 0.5: every seen skill (q ≥ 1/D) is within 1e-12 of S.
      const [R] = simulateGradientDescent({ rates, S: 1, r0: 0.01, eta: 0.5, N }, [3000]);
      const L = lossOfStrengths(R, p, 1);
      sum += L;
      sumSq += L * L;
    }
    const mean = sum / M;
    const se = Math.sqrt((sumSq / M - mean * mean) / M);
    const want = expectedDataLoss(D, { probs: p, S: 1, r0: 0.01, N });
    assert.ok(Math.abs(mean - want) < 4 * se, `D = ${D}, N = ${N}: ${mean} vs ${want}, 4·SE = ${4 * se}`);
  }
});

test('the linear model’s integrated flow matches Eq. 125 (1e-8 relative)', () => {
  for (const N of [5, 2]) {
    const m = { rates: probs, S: 5, eta: 1, N };
    const err = maxRelError(simulateLinearFlow(m, times), (i) =>
      Float64Array.from(probs, (q, k) => (k < N ? linearSkillStrength(times[i], q, 1) : 0)),
    );
    assert.ok(err < 1e-8, `N = ${N}: max relative error ${err.toExponential(2)}`);
  }
});

test('simulations validate their model and step list', () => {
  assert.throws(() => simulateFlow({ ...model, r0: 6 }, [1]), /r0 must be in \(0, S\)/);
  assert.throws(() => simulateGradientDescent(model, [3, 2]), /steps must be non-decreasing integers/);
});
