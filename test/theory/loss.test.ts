import assert from 'node:assert/strict';
import { test } from 'node:test';
import gamma from '@stdlib/math-base-special-gamma';
import { UsageError } from '../../src/errors.ts';
import { Rng } from '../../src/task/rng.ts';
import { zipfProbs } from '../../src/task/zipf.ts';
import {
  expectedDataLoss,
  parameterLoss,
  skillStrengths,
  totalLoss,
  totalLossCurve,
  truncatedZipf,
  zipfTailMass,
} from '../../src/theory/loss.ts';
import { skillStrength } from '../../src/theory/multilinear.ts';
import { sampledRates } from '../../src/theory/multinomial.ts';
import { zeta } from '../../src/theory/zeta.ts';
import { assertClose, assertRel } from '../helpers/assert.ts';
import { timeLawIntegralBySimpson } from '../helpers/laws.ts';

const probs = zipfProbs(20, 0.6);
const model = { probs, S: 5, r0: 0.01, eta: 1 };

test('totalLoss(0) = ½(S − r0)²·Σ_{k≤N}P_s(k) + ½S²·Σ_{k>N}P_s(k) (1e-14 relative)', () => {
  assertRel(totalLoss(0, model), 0.5 * (5 - 0.01) ** 2, 1e-14, 'N = n_s');
  let head = 0;
  for (let k = 0; k < 7; k++) head += probs[k];
  const want = 0.5 * (5 - 0.01) ** 2 * head + 12.5 * (1 - head);
  assertRel(totalLoss(0, { ...model, N: 7 }), want, 1e-14, 'N = 7');
});

test('totalLoss(T) = Σ_k P_s(k)·½(S − R_k(T))² with R_k from Eq. 11 (Eq. 10 route, 1e-12 relative)', () => {
  for (const N of [20, 9]) {
    for (const T of [0.01, 0.3, 1, 4, 30]) {
      let want = 0;
      for (let k = 0; k < 20; k++) {
        const R = k < N ? 5 * skillStrength(T * 5 * probs[k], 5, 0.01) : 0;
        want += probs[k] * 0.5 * (5 - R) ** 2;
      }
      assertRel(totalLoss(T, { ...model, N }), want, 1e-12, `T = ${T}, N = ${N}`);
    }
  }
});

test('totalLoss(∞) with D → ∞ is the parameter law (S²/2)·Σ_{k>N}P_s(k) (Eq. 325, 1e-14 relative)', () => {
  for (const N of [1, 5, 19]) {
    assertRel(totalLoss(Infinity, { ...model, N }), parameterLoss(N, model), 1e-14, `N = ${N}`);
  }
  assert.equal(totalLoss(Infinity, model), 0, 'N = n_s: every skill learned, loss exactly 0');
});

test('totalLossCurve equals totalLoss at each time and writes into the given array (exact)', () => {
  const times = [0, 0.5, 2, 1e3, Infinity];
  const out = new Float64Array(5);
  assert.equal(totalLossCurve(times, { ...model, N: 12 }, out), out, 'returns out');
  times.forEach((T, i) => assert.equal(out[i], totalLoss(T, { ...model, N: 12 }), `T = ${T}`));
});

test('finite D: rates q = d/D set the speed, P_s the weights; at T = ∞ only unseen skills cost ½(S − r0)² (1e-14)', () => {
  const rates = sampledRates(30, probs, Rng.fromSeed(7));
  let unseen = 0;
  for (let k = 0; k < 20; k++) if (rates[k] === 0) unseen += probs[k];
  assert.ok(unseen > 0 && unseen < 1, 'the draw leaves some skills unseen');
  assertRel(totalLoss(Infinity, { ...model, rates }), 0.5 * (5 - 0.01) ** 2 * unseen, 1e-14, 'test loss');
  assert.equal(totalLoss(Infinity, { ...model, probs: rates }), 0, 'training loss L^(D)(∞) is exactly 0');
  const T = 3;
  let want = 0;
  for (let k = 0; k < 20; k++)
    want += probs[k] * 0.5 * 25 * (1 - skillStrength(T * 5 * rates[k], 5, 0.01)) ** 2;
  assertRel(totalLoss(T, { ...model, rates }), want, 1e-12, 'T = 3 against Eq. 10 with q_k = d_k/D');
});

test('expectedDataLoss is the Monte-Carlo mean of totalLoss(∞) over multinomial draws (Eq. 274, 4 standard errors)', () => {
  const rng = Rng.fromSeed(2024);
  for (const [D, N] of [
    [10, 20],
    [60, 20],
    [60, 8],
  ]) {
    const M = 4000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < M; i++) {
      const L = totalLoss(Infinity, { ...model, N, rates: sampledRates(D, probs, rng) });
      sum += L;
      sumSq += L * L;
    }
    const mean = sum / M;
    const se = Math.sqrt((sumSq / M - mean * mean) / M);
    const want = expectedDataLoss(D, { ...model, N });
    assert.ok(
      Math.abs(mean - want) < 4 * se,
      `D = ${D}, N = ${N}: MC mean ${mean} vs Eq. 274 ${want}, |Δ| > 4·SE = ${4 * se}`,
    );
  }
});

test('expectedDataLoss: D = 0 is the untrained loss; a sure skill (P = 1) is always learned (1e-14)', () => {
  assertRel(expectedDataLoss(0, model), 0.5 * (5 - 0.01) ** 2, 1e-14, 'D = 0');
  assert.equal(expectedDataLoss(1, { ...model, probs: Float64Array.of(1) }), 0, 'n_s = 1, D = 1');
  assertRel(
    expectedDataLoss(3, { ...model, probs: Float64Array.of(0.5, 0.5) }),
    0.5 * 4.99 ** 2 * 0.125,
    1e-14,
    '',
  );
});

test('the D → ∞ time law approaches A_T·T^(−α/(α+1)) with the §4.1 integrals 1.2906/1.2001/1.0607 (S = 1, r0 = 0.01, n_s = 1e5; 1%)', () => {
  for (const [alpha, I, T] of [
    [0.6, 1.2001, 300],
    [0.9, 1.0607, 300],
  ]) {
    const m = { probs: zipfProbs(100_000, alpha), S: 1, r0: 0.01, eta: 1 };
    // The quoted I_α is Eq. 321's integral: Simpson quadrature of it agrees to its four decimals.
    const integral = timeLawIntegralBySimpson(alpha);
    assertClose(integral, I, 5e-5, `α = ${alpha}: I_α by Simpson vs the paper`);
    assertRel(totalLoss(T, m), 0.5 * integral * T ** (-alpha / (alpha + 1)), 0.01, `α = ${alpha}, T = ${T}`);
  }
});

test('the data law approaches A_D·D^(−α/(α+1)), A_D = ((S−r)²/2)·ζ^(−1/(α+1))·Γ(α/(α+1))/(α+1) (n_s = 1e5, D = 300; 1%)', () => {
  for (const alpha of [0.6, 0.9]) {
    const m = { probs: zipfProbs(100_000, alpha), S: 1, r0: 0.01 };
    const s = alpha / (alpha + 1);
    const AD = ((0.99 ** 2 / 2) * zeta(alpha + 1) ** (-1 / (alpha + 1)) * gamma(s)) / (alpha + 1);
    assertRel(expectedDataLoss(300, m), AD * 300 ** -s, 0.01, `α = ${alpha}`);
  }
});

test('zipfTailMass: n_s = ∞ against 1 − Σ_{k≤N} P_s(k), finite n_s against the zipfProbs tail (1e-12 relative)', () => {
  for (const alpha of [0.3, 0.6, 1.5]) {
    for (const N of [0, 1, 10, 200]) {
      let head = 0;
      for (let k = N; k >= 1; k--) head += k ** -(alpha + 1) / zeta(alpha + 1);
      assertRel(zipfTailMass(alpha, Infinity, N), 1 - head, 1e-12, `α = ${alpha}, n_s = ∞, N = ${N}`);
      const p = zipfProbs(500, alpha);
      let tail = 0;
      for (let k = 499; k >= N; k--) tail += p[k];
      assertRel(zipfTailMass(alpha, 500, N), tail, 1e-12, `α = ${alpha}, n_s = 500, N = ${N}`);
    }
  }
  assert.equal(zipfTailMass(0.6, 50, 50), 0, 'N = n_s: no tail');
});

test('parameterLoss at n_s = ∞ tends to S²N^(−α)/(2αζ(α+1)) (Thm 1 / Prop. 5; 2% at N = 1000)', () => {
  for (const alpha of [0.3, 0.6, 0.9]) {
    const N = 1000;
    const got = 0.5 * zipfTailMass(alpha, Infinity, N);
    assertRel(got, N ** -alpha / (2 * alpha * zeta(alpha + 1)), 0.02, `α = ${alpha}`);
  }
});

test('truncatedZipf: n_s = ∞ cut at any count gives the same loss once count ≥ N (1e-13 relative)', () => {
  const short = truncatedZipf(0.6, Infinity, 40);
  const long = truncatedZipf(0.6, Infinity, 400);
  assertRel(short.tailMass + short.probs.reduce((a, b) => a + b, 0), 1, 1e-13, 'mass sums to 1');
  for (const T of [0, 3, 100]) {
    const a = totalLoss(T, { ...short, S: 1, r0: 0.01, eta: 1, N: 40 });
    const b = totalLoss(T, { ...long, S: 1, r0: 0.01, eta: 1, N: 40 });
    assertRel(a, b, 1e-13, `T = ${T}`);
  }
  const finite = truncatedZipf(0.6, 20, 1000);
  assert.equal(finite.probs.length, 20, 'a finite law is never longer than n_s');
  finite.probs.forEach((p, k) => assertRel(p, probs[k], 1e-14, `P_s(${k + 1})`));
});

test('skillStrengths: Eq. 11 for k ≤ N, 0 beyond the basis (exact)', () => {
  const R = skillStrengths(2, { ...model, N: 3 });
  for (let k = 0; k < 20; k++)
    assert.equal(R[k], k < 3 ? skillStrength(2 * 5 * probs[k], 5, 0.01) : 0, `k = ${k + 1}`);
});

test('bad models throw UsageError naming the field', () => {
  assert.throws(() => totalLoss(1, { ...model, r0: 5 }), /r0 must be in \(0, S\)/);
  assert.throws(() => totalLoss(1, { ...model, N: -1 }), UsageError);
  assert.throws(() => totalLoss(1, { ...model, rates: new Float64Array(3) }), /rates must be of length 20/);
  assert.throws(
    () => totalLoss(1, { ...truncatedZipf(0.6, Infinity, 10), S: 1, r0: 0.01, eta: 1, N: 11 }),
    /N must be ≤ 10/,
  );
  assert.throws(() => expectedDataLoss(1.5, model), /D must be an integer ≥ 0/);
});
