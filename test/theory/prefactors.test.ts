import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { totalLoss, truncatedZipf } from '../../src/theory/loss.ts';
import { skillLoss } from '../../src/theory/multilinear.ts';
import {
  computePrefactor,
  dataPrefactor,
  paramsPrefactor,
  prefactorAtLambda,
  scalingExponents,
  scalingPrefactors,
  skillLossIntegral,
  skillLossIntegralSmallR,
  timeLawIntegral,
  timeLowerBoundConstant,
  timePrefactor,
} from '../../src/theory/prefactors.ts';
import { zeta } from '../../src/theory/zeta.ts';
import { assertClose, assertRel } from '../helpers/assert.ts';
import { tailMassBySum, timeLawIntegralBySimpson, unseenMassBySum } from '../helpers/laws.ts';

const ALPHAS = [0.3, 0.6, 0.9] as const;

test('scalingExponents(α) is Table 4, and 1/compute = 1/time + 1/params (Lagrange optimum, 1e-15)', () => {
  const e = scalingExponents(0.6);
  assert.deepEqual(e, { time: 0.6 / 1.6, data: 0.6 / 1.6, params: 0.6, compute: 0.6 / 2.6 });
  for (const alpha of [0.1, 0.3, 0.9, 2]) {
    const x = scalingExponents(alpha);
    assertRel(1 / x.compute, 1 / x.time + 1 / x.params, 1e-15, `α = ${alpha}`);
  }
});

test('timeLawIntegral equals Simpson quadrature of Eq. 321 (1e-10) and the paper-stated I_α = 1.2906, 1.2001, 1.0607 (S = 1, r = 0.01; 5e-5 absolute)', () => {
  const want = [1.2906, 1.2001, 1.0607];
  ALPHAS.forEach((alpha, i) => {
    assertRel(timeLawIntegral(alpha), timeLawIntegralBySimpson(alpha), 1e-10, `I_${alpha} vs Simpson`);
    assertRel(
      timeLawIntegral(alpha, { S: 5, r0: 0.2 }),
      timeLawIntegralBySimpson(alpha, 5, 0.2),
      1e-10,
      `I_${alpha} vs Simpson, S = 5, r = 0.2`,
    );
    assertClose(timeLawIntegral(alpha), want[i], 5e-5, `I_${alpha}`);
  });
  // The authors hard-code 1.29, 1.20, 1.06: ours round to the same two decimals.
  ALPHAS.forEach((alpha, i) =>
    assertClose(timeLawIntegral(alpha), [1.29, 1.2, 1.06][i], 5e-3, `I_${alpha} vs code`),
  );
});

test('timePrefactor A_T = (S²/2)·I_α·(ηS)^{−α/(α+1)} and depends on S, η only through ηS and S/r (1e-12)', () => {
  for (const alpha of ALPHAS) {
    assertRel(
      timePrefactor(alpha),
      timeLawIntegral(alpha) / 2,
      1e-14,
      `A_T = I_α/2 at S = η = 1, α = ${alpha}`,
    );
    // S = 5, r = 0.05, η = 0.2 keeps S/r = 100 and ηS = 1: A_T scales by S².
    assertRel(
      timePrefactor(alpha, { S: 5, r0: 0.05, eta: 0.2 }),
      25 * timePrefactor(alpha),
      1e-12,
      'S² scaling',
    );
    assertRel(
      timePrefactor(alpha, { eta: 3 }),
      timePrefactor(alpha) * 3 ** (-alpha / (alpha + 1)),
      1e-14,
      '(ηS)^{−α/(α+1)} scaling',
    );
  }
});

test('Eq. 12 with n_s = ∞ divided by A_T·T^{−α/(α+1)} → 1 as T grows (1e-6 at T = 1e3 and 1e4)', () => {
  for (const alpha of ALPHAS) {
    // n_s = ∞ truncated at K = 1e6: skills beyond K are in the basis but η·P_s(K)·S·T < 1e-4 at T = 1e4, so
    // each still costs Φ(0) (relative error < 1e-5 of a term of the 1e-2-sized tail).
    const { probs, tailMass } = truncatedZipf(alpha, Number.POSITIVE_INFINITY, 1e6);
    const ratio = (T: number) =>
      (totalLoss(T, { probs, S: 1, r0: 0.01, eta: 1 }) + skillLoss(0, 1, 0.01) * tailMass) /
      (timePrefactor(alpha) * T ** (-alpha / (alpha + 1)));
    const early = Math.abs(ratio(10) - 1);
    for (const T of [1e3, 1e4]) {
      const err = Math.abs(ratio(T) - 1);
      assert.ok(err < 1e-6, `α = ${alpha}, T = ${T}: |L/(A_T T^-e) − 1| = ${err.toExponential(2)} < 1e-6`);
      assert.ok(err < early, `α = ${alpha}: closer at T = ${T} than at T = 10 (${early.toExponential(2)})`);
    }
  }
});

test('prefactorAtLambda A(λ) (Eq. 238) matches the Eq. 236 sum at N = λ(ηST)^{1/(α+1)} (α = 0.6; 2e-5 at ηST = 1e8)', () => {
  const alpha = 0.6;
  const x = 1e8;
  for (const lambda of [0.2, 0.5, 2]) {
    const N = Math.round(lambda * x ** (1 / (alpha + 1)));
    const { probs, tailMass } = truncatedZipf(alpha, Number.POSITIVE_INFINITY, N);
    const sum = totalLoss(x, { probs, tailMass, S: 1, r0: 0.01, eta: 1 });
    const exactLambda = N / x ** (1 / (alpha + 1));
    assertRel(
      sum,
      prefactorAtLambda(exactLambda, alpha) * x ** (-alpha / (alpha + 1)),
      2e-5,
      `λ = ${lambda}`,
    );
  }
  // A(λ) − A(∞) = O(λ^{−α}): at λ = 1e30 it is below 1e-17.
  assertRel(
    prefactorAtLambda(1e30, alpha),
    prefactorAtLambda(Number.POSITIVE_INFINITY, alpha),
    1e-12,
    'λ → ∞',
  );
});

test('dataPrefactor: Eq. 324 is the limit of the Eq. 322 sum (1e-4 at D = 1e4) and gives the paper-stated 0.529, 0.442, 0.367; Thm 5 is (1 − r)² times that (5e-4 / 1e-14)', () => {
  const want = [0.529, 0.442, 0.367];
  ALPHAS.forEach((alpha, i) => {
    const eq324 = dataPrefactor(alpha, { data: 'eq324' });
    // (S²/2)·Σ_k P_s(k)(1 − P_s(k))^D·D^{α/(α+1)} → A_D like 1/D (3.5e-5 at D = 1e4).
    const sum = 0.5 * unseenMassBySum(alpha, 1e4) * 1e4 ** (alpha / (alpha + 1));
    assertRel(eq324, sum, 1e-4, `A_D(${alpha}) vs the Eq. 322 sum at D = 1e4`);
    assertClose(eq324, want[i], 5e-4, `A_D(${alpha}), S²`);
    assertRel(dataPrefactor(alpha), 0.99 ** 2 * eq324, 1e-14, `A_D(${alpha}), (S − r)²`);
  });
});

test('paramsPrefactor: Thm 1 is the limit of the Eq. 325 sum (1e-4 at N = 1e4) and gives the paper-stated 0.424, 0.365, 0.318; Eq. 327 gives S²/2 (5e-4)', () => {
  const want = [0.424, 0.365, 0.318];
  ALPHAS.forEach((alpha, i) => {
    // (S²/2)·Σ_{k>N} P_s(k)·N^α → A_N like α/(2N) (4.5e-5 at N = 1e4).
    const sum = 0.5 * tailMassBySum(alpha, 1e4) * 1e4 ** alpha;
    assertRel(paramsPrefactor(alpha), sum, 1e-4, `A_N(${alpha}) vs the Eq. 325 sum at N = 1e4`);
    assertClose(paramsPrefactor(alpha), want[i], 5e-4, `A_N(${alpha})`);
    assertRel(paramsPrefactor(alpha, { S: 5 }), 25 / (2 * alpha * zeta(alpha + 1)), 1e-15, 'S = 5 (1e-15)');
  });
  assert.equal(paramsPrefactor(0.6, { S: 2, params: 'eq327' }), 2, 'Eq. 327: S²/2');
});

test('computePrefactor: A_c/(S²/2) and λ* match the paper-stated 0.953/0.789/0.647 and 0.37/0.50/0.60 (S = 5)', () => {
  // Our minimum lies ~1e-3 below the paper's figures (0.9525, 0.7880, 0.6464): a finer minimiser finds a
  // lower value. The independent route is compute.test.ts: Eq. 12's compute frontier, minimised over N,
  // approaches A_c·C^{−α/(α+2)} and N*/(ηSC)^{1/(α+2)} approaches λ* at every α here.
  const ratio = [0.953, 0.789, 0.647];
  const lambda = [0.37, 0.5, 0.6];
  ALPHAS.forEach((alpha, i) => {
    const c = computePrefactor(alpha, { S: 5, r0: 0.01, eta: 1 });
    assertClose(c.prefactor / 12.5, ratio[i], 2e-3, `A_c/(S²/2) at α = ${alpha}`);
    assertClose(c.lambda, lambda[i], 0.015, `λ* at α = ${alpha}`);
  });
});

test('computePrefactor is the minimum of Cor. 5: no grid value of the objective lies below it (1e-12)', () => {
  const alpha = 0.6;
  const { prefactor, lambda } = computePrefactor(alpha, { S: 5 });
  const objective = (l: number) =>
    prefactorAtLambda(l ** ((alpha + 2) / (alpha + 1)), alpha, { S: 5 }) *
    l ** (alpha / (alpha + 1)) *
    5 ** (-alpha / (alpha + 2));
  assertRel(objective(lambda), prefactor, 1e-12, 'value at λ*');
  for (let l = 0.05; l < 20; l *= 1.1)
    assert.ok(objective(l) >= prefactor * (1 - 1e-12), `λ = ${l} not lower`);
});

test('Prop. 7: the Eq. 238 integral over its small-r asymptote → 1 like 1/ln(S/r)', () => {
  let previous = Number.POSITIVE_INFINITY;
  for (const r0 of [1e-2, 1e-8, 1e-50, 1e-300]) {
    const err = Math.abs(skillLossIntegral(0.6, 0, 1, r0) / skillLossIntegralSmallR(0.6, 1, r0) - 1);
    assert.ok(err < previous, `r = ${r0}: error ${err.toExponential(2)} shrinks`);
    assert.ok(err * Math.log(1 / r0) < 1.2, `r = ${r0}: error·ln(S/r) = ${err * Math.log(1 / r0)} < 1.2`);
    previous = err;
  }
});

test('timeLowerBoundConstant κ (Eq. 229) lies below A(∞)/S² even at the largest allowed r (S/2)', () => {
  for (const alpha of [0.1, 0.3, 0.6, 0.9, 2]) {
    const kappa = timeLowerBoundConstant(alpha);
    assert.ok(kappa > 0, `κ(${alpha}) > 0`);
    assert.ok(kappa < prefactorAtLambda(Number.POSITIVE_INFINITY, alpha, { r0: 0.49 }), `κ(${alpha}) < A(∞)`);
  }
});

test('scalingPrefactors(α) returns the four laws (n_s = ∞) and honours the variants', () => {
  const laws = scalingPrefactors(0.6, { S: 5 });
  assert.deepEqual(Object.keys(laws), ['exponents', 'prefactors']);
  assert.deepEqual(laws.exponents, scalingExponents(0.6));
  assert.equal(laws.prefactors.time, timePrefactor(0.6, { S: 5 }));
  assert.equal(laws.prefactors.data, dataPrefactor(0.6, { S: 5 }));
  assert.equal(laws.prefactors.params, paramsPrefactor(0.6, { S: 5 }));
  assert.equal(laws.prefactors.compute, computePrefactor(0.6, { S: 5 }).prefactor);
  const paper = scalingPrefactors(0.6, { data: 'eq324', params: 'eq327' });
  assert.equal(paper.prefactors.params, 0.5, 'Eq. 327');
  assert.equal(paper.prefactors.data, dataPrefactor(0.6, { data: 'eq324' }), 'Eq. 324');
});

test('scalingPrefactors rejects bad input with a UsageError naming the field', () => {
  assert.throws(() => scalingPrefactors(-1), {
    name: 'UsageError',
    message: /^alpha must be a finite number > 0/,
  });
  assert.throws(() => scalingPrefactors(0.6, { r0: 2 }), { message: 'r0 must be < S = 1 (got 2)' });
  assert.throws(() => scalingPrefactors(0.6, { skills: 5 } as never), { message: 'unknown field skills' });
  assert.throws(
    () => scalingPrefactors(0.6, { data: 'S2' as 'eq324' }),
    (e: unknown) => e instanceof UsageError && /^data must be one of theorem5, eq324/.test(e.message),
  );
});
