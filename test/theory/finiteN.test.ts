import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finiteWidthOffset, finiteWidthTimeCurve, finiteWidthTimeLaw } from '../../src/theory/finiteN.ts';
import { totalLossCurve, truncatedZipf } from '../../src/theory/loss.ts';
import { timePrefactor } from '../../src/theory/prefactors.ts';
import { powerSum } from '../../src/theory/zeta.ts';

test('finiteWidthOffset(α, N) = S²·A·N^{−α}/(2α), A = 1/Σ_{k≤n_s} k^{−(α+1)} (Eq. 56; 1e-14 relative)', () => {
  const got = finiteWidthOffset(0.1, 50_000, { S: 2 });
  const want = (4 * 50_000 ** -0.1) / (0.2 * powerSum(1.1, 50_000));
  assert.ok(Math.abs(got / want - 1) < 1e-14, `L_C = ${got} vs ${want} within 1e-14`);
  // N = 50,000, α = 0.1: N^{−α} ≈ 0.34, the paper's "not negligible" example.
  assert.ok(Math.abs(50_000 ** -0.1 - 0.34) < 0.005, 'N^{−α} ≈ 0.34 within 0.005');
});

test('finiteWidthTimeLaw solves dL/dT = −(α/(α+1))(L + L_C)/T (central difference, 1e-7 relative)', () => {
  for (const alpha of [0.1, 0.5]) {
    const law = finiteWidthTimeLaw(alpha, { N: 50_000 });
    const L = (T: number) => law.prefactor * T ** -law.exponent - law.offset;
    for (const T of [3, 100, 1000]) {
      const h = 1e-4 * T;
      const slope = (L(T + h) - L(T - h)) / (2 * h);
      const want = (-(alpha / (alpha + 1)) * (L(T) + law.offset)) / T;
      assert.ok(Math.abs(slope / want - 1) < 1e-7, `α = ${alpha}, T = ${T}: slope ${slope} vs ${want}`);
    }
    assert.equal(law.prefactor, timePrefactor(alpha, { skills: 50_000 }), 'A_T at the n_s = N normaliser');
  }
});

test('Fig. 7: at N = n_s = 50,000 the corrected law tracks Eq. 12 within 2.5%, ≥ 10× closer than the plain law', () => {
  const times = [100, 1000];
  for (const alpha of [0.1, 0.3, 0.5, 0.7]) {
    const { probs } = truncatedZipf(alpha, 50_000, 50_000);
    const exact = totalLossCurve(times, { probs, S: 1, r0: 0.01, eta: 1 });
    const corrected = finiteWidthTimeCurve(times, alpha, { N: 50_000 });
    const { prefactor, exponent } = finiteWidthTimeLaw(alpha, { N: 50_000 });
    times.forEach((T, i) => {
      const errCorrected = Math.abs(corrected[i] / exact[i] - 1);
      const errPlain = Math.abs((prefactor * T ** -exponent) / exact[i] - 1);
      const where = `α = ${alpha}, T = ${T}`;
      assert.ok(errCorrected < 0.025, `${where}: corrected off by ${errCorrected.toFixed(4)} < 0.025`);
      assert.ok(
        errCorrected * 10 < errPlain,
        `${where}: ${errCorrected.toFixed(5)} ≤ plain ${errPlain.toFixed(5)}/10`,
      );
    });
  }
});
