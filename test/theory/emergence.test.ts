import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipfProbs } from '../../src/task/zipf.ts';
import { crossingTime, emergenceTime, isStageLike, saturationTime } from '../../src/theory/emergence.ts';
import { totalLoss } from '../../src/theory/loss.ts';
import { skillStrength } from '../../src/theory/multilinear.ts';

// The authors' code convention (§5.1): R_k(0) = init²/3.6 with init = 0.01, S = 5, lr = 0.02, rate factor
// 4/22 for un-halved MSE, i.e. η = 2·lr and κ = 1/22; n_s = 5, α = 0.6.
const codeModel = { S: 5, r0: 0.01 ** 2 / 3.6, eta: 2 * 0.02, rateScale: 1 / 22 };
const codeProbs = zipfProbs(5, 0.6);

test("steps at which R_k/S = 0.05 / 0.5 / 0.95 are the §5.1 values (nearest step), where the authors' own formula crosses ε", () => {
  const want: Record<number, number[]> = {
    0.05: [850, 2576, 4928, 7808, 11159],
    0.5: [1123, 3404, 6513, 10319, 14747],
    0.95: [1396, 4232, 8097, 12830, 18336],
  };
  // The §5.1 code formula in its own terms: R_k/S = 1/(1 + c·e^{−m_k·T}), c = S·3.6/init² − 1,
  // m_k = P_s(k)·S·lr·4/22, P_s(k) = k^{−1.6}/Σ_{j≤5} j^{−1.6}.
  const norm = [1, 2, 3, 4, 5].reduce((s, j) => s + j ** -1.6, 0);
  const c = (5 * 3.6) / 0.01 ** 2 - 1;
  const authors = (k: number, T: number) =>
    1 / (1 + c * Math.exp(((-(k ** -1.6) / norm) * 5 * 0.02 * 4 * T) / 22));
  for (const eps of [0.05, 0.5, 0.95]) {
    const got = Array.from(codeProbs, (p) => Math.round(emergenceTime(p, eps, codeModel)));
    assert.deepEqual(got, want[eps], `ε = ${eps}`);
    want[eps].forEach((n, i) => {
      const where = `ε = ${eps}, k = ${i + 1}: the code formula crosses within half a step of ${n}`;
      assert.ok(authors(i + 1, n - 0.5) < eps && authors(i + 1, n + 0.5) >= eps, where);
    });
  }
});

test('τ^(e)(1 − ε) = τ^(e)(ε) + τ^(s)(ε), and τ^(e)(½) is halfway (1e-12 relative)', () => {
  for (const p of codeProbs) {
    for (const eps of [0.01, 0.05, 0.2]) {
      const te = emergenceTime(p, eps, codeModel);
      const ts = saturationTime(p, eps, codeModel);
      const late = emergenceTime(p, 1 - eps, codeModel);
      assert.ok(Math.abs((te + ts) / late - 1) < 1e-12, `p = ${p}, ε = ${eps}`);
      assert.ok(Math.abs((te + ts / 2) / emergenceTime(p, 0.5, codeModel) - 1) < 1e-12, 'midpoint');
    }
  }
});

test('Eq. 11 evaluated at τ^(e)(ε) gives R/S = ε (independent route, 1e-12)', () => {
  const { S, r0, eta, rateScale } = codeModel;
  for (const p of codeProbs) {
    for (const eps of [0.05, 0.3, 0.5, 0.9]) {
      const T = emergenceTime(p, eps, codeModel);
      const R = skillStrength(eta * rateScale * p * S * T, S, r0);
      assert.ok(Math.abs(R - eps) < 1e-12, `p = ${p}, ε = ${eps}: R/S = ${R}`);
    }
  }
});

test('times scale as 1/(κ·q): τ ∝ k^(α+1) for Zipf skills (1e-12 relative)', () => {
  const m = { S: 1, r0: 0.01, eta: 1 };
  for (let k = 2; k <= 5; k++) {
    const ratio = emergenceTime(codeProbs[k - 1], 0.05, m) / emergenceTime(codeProbs[0], 0.05, m);
    assert.ok(Math.abs(ratio / k ** 1.6 - 1) < 1e-12, `k = ${k}`);
    const scaled = emergenceTime(codeProbs[k - 1], 0.05, { ...m, rateScale: 0.25 });
    assert.ok(Math.abs(scaled / (4 * emergenceTime(codeProbs[k - 1], 0.05, m)) - 1) < 1e-12, 'κ = ¼');
  }
  assert.equal(emergenceTime(0, 0.05, m), Infinity, 'an unseen skill never emerges');
});

test('isStageLike (Eq. 41) switches at q_k/q_{k+1} = 1 + 2·ln(1/ε − 1)/ln[(S/r0 − 1)/(1/ε − 1)]', () => {
  const m = { S: 5, r0: 0.01, eta: 1 };
  const eps = 0.05;
  const threshold = 1 + (2 * Math.log(1 / eps - 1)) / Math.log((5 / 0.01 - 1) / (1 / eps - 1));
  assert.equal(isStageLike([0.5, 0.5 / (threshold * 1.001)], eps, m), true, 'just above the threshold');
  assert.equal(isStageLike([0.5, 0.5 / (threshold * 0.999)], eps, m), false, 'just below');
  // Fig. 6 (α = 0.6, S = 5): skills 1 and 2 are stage-like (2^1.6 ≈ 3.03 > 2.80), skills 2 and 3 are not.
  assert.equal(isStageLike(codeProbs.subarray(0, 2), eps, m), true);
  assert.equal(isStageLike(codeProbs.subarray(0, 3), eps, m), false);
});

test('Fig. 6(b): while skill 1 goes from ε to 1 − ε the loss drops by ½S²P_s(1) up to O(ε) (within 2ε relative)', () => {
  const m = { probs: codeProbs, S: 5, r0: 0.01, eta: 1 };
  const eps = 0.05;
  const drop =
    totalLoss(emergenceTime(codeProbs[0], eps, m), m) - totalLoss(emergenceTime(codeProbs[0], 1 - eps, m), m);
  const quantum = 0.5 * 25 * codeProbs[0];
  assert.ok(Math.abs(drop / quantum - 1) < 2 * eps, `ΔL = ${drop} vs ½S²P_s(1) = ${quantum}`);
});

test('crossingTime interpolates linearly between the bracketing samples and is NaN if never reached', () => {
  assert.equal(crossingTime([0, 1, 2, 3], [0, 0.2, 0.6, 1], 0.5), 1.75);
  assert.equal(crossingTime([5, 6], [0.7, 0.9], 0.5), 5, 'already above at the first sample');
  assert.ok(Number.isNaN(crossingTime([0, 1], [0, 0.4], 0.5)));
});

test('emergence functions reject bad ε and models', () => {
  assert.throws(() => saturationTime(0.5, 0.5, codeModel), /epsilon must be in \(0, ½\)/);
  assert.throws(() => emergenceTime(0.5, 1, codeModel), /epsilon must be in \(0, 1\)/);
  assert.throws(() => emergenceTime(0.5, 0.1, { ...codeModel, rateScale: 0 }), /rateScale must be/);
  assert.throws(() => emergenceTime(0.5, 0.1, { ...codeModel, r0: 5 }), /r0 must be in/);
});
