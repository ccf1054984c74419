import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../src/task/rng.ts';
import { zipfProbs } from '../../src/task/zipf.ts';
import { emergenceTime } from '../../src/theory/emergence.ts';
import {
  dataEmergence,
  dataShotCorrelation,
  dataShotLoss,
  dataShotStrength,
  extendedTimeStrength,
  FITTED,
  paramEmergence,
  paramShotStrength,
} from '../../src/theory/extended.ts';
import { multinomialDraw } from '../../src/theory/multinomial.ts';
import { assertClose } from '../helpers/assert.ts';

const probs = zipfProbs(5, 0.6);

test('Eq. 14: R/S at τ^(e)(ε) of the rate-scaled model is ε for κ = 1/22 (1e-12)', () => {
  const m = { S: 5, r0: 0.01 ** 2 / 3.6, eta: 0.04, rateScale: FITTED.rateScale };
  for (const p of probs) {
    for (const eps of [0.05, 0.5, 0.95]) {
      const R = extendedTimeStrength(emergenceTime(p, eps, m), p, m);
      assert.ok(Math.abs(R - eps) < 1e-12, `p = ${p}, ε = ${eps}: ${R}`);
    }
  }
});

test('Eq. 17 with d_k = D·P_s(k), D_c = 800: saturation at D = D_c/P_s(k) = [1350, 4092, 7828, 12404, 17727] (§5.2), R/S = ½ at 0.75× (1e-12; 1e-7 at saturation)', () => {
  const saturation = Array.from(probs, (p) => FITTED.Dc / p);
  const want = [1350, 4092, 7828, 12404, 17727];
  assert.deepEqual(saturation.map(Math.round), want);
  // §5.2's code formula in its own terms, R_k/S = 1 − √max(0, 1 − D·P_s(k)/800) with P_s(k) = k^{−1.6}/Σ_j j^{−1.6},
  // first reaches 1 within half a sample of each of the paper's values.
  const norm = [1, 2, 3, 4, 5].reduce((s, j) => s + j ** -1.6, 0);
  const authors = (k: number, D: number) => 1 - Math.sqrt(Math.max(0, 1 - (D * k ** -1.6) / norm / 800));
  want.forEach((n, i) => {
    assert.ok(
      authors(i + 1, n - 0.5) < 1 && authors(i + 1, n + 0.5) === 1,
      `k = ${i + 1}: saturates at ${n}`,
    );
  });
  saturation.forEach((D, k) => {
    // D·P_s(k) is D_c only up to rounding, and the √ of Eq. 17 turns 1e-16 into 1e-8.
    assert.ok(dataEmergence(D, probs, FITTED.Dc)[k] > 1 - 1e-7, `skill ${k + 1} complete at D_c/P_s`);
    assert.equal(dataEmergence(1.000001 * D, probs, FITTED.Dc)[k], 1, `skill ${k + 1} exactly 1 beyond`);
    assert.ok(dataEmergence(0.999 * D, probs, FITTED.Dc)[k] < 1, `skill ${k + 1} incomplete just before`);
    assert.ok(
      Math.abs(dataEmergence(0.75 * D, probs, FITTED.Dc)[k] - 0.5) < 1e-12,
      `skill ${k + 1} half at 0.75×`,
    );
  });
});

test('Eq. 17 and Eq. 104 agree: ½(S − R_k(∞))² = (S²/2)(1 − d_k/D_c) (1e-12 relative)', () => {
  for (const dk of [0, 1, 100, 400, 799, 800, 5000]) {
    const R = 3 * dataShotStrength(dk, 800);
    const L = dataShotLoss(dk, 800, 3);
    assert.ok(
      Math.abs(0.5 * (3 - R) ** 2 - L) <= 1e-12 * Math.max(L, 1),
      `d_k = ${dk}: ${0.5 * (3 - R) ** 2} vs ${L}`,
    );
  }
});

/**
 * |P·e_1|² for P the projection onto the span of `vectors` (modified Gram–Schmidt, dependent vectors
 * dropped): the squared g_k-component kept by the minimum-norm interpolant.
 */
function projectedFirstAxis(vectors: Float64Array[]): number {
  const basis: Float64Array[] = [];
  for (const v of vectors) {
    const w = Float64Array.from(v);
    for (const q of basis) {
      let dot = 0;
      for (let i = 0; i < w.length; i++) dot += q[i] * w[i];
      for (let i = 0; i < w.length; i++) w[i] -= dot * q[i];
    }
    const norm = Math.hypot(...w);
    if (norm > 1e-9 * Math.sqrt(w.length)) basis.push(w.map((x) => x / norm));
  }
  return basis.reduce((s, q) => s + q[0] * q[0], 0);
}

test('the D_c-shot model converged to the min-norm interpolant: mean loss is Eq. 104, mean g_k-coefficient S·d_k/D_c, not Eq. 17 (4 SE)', () => {
  // In the basis χ of D_c independent Walsh functions (χ_1 = g_k) the features at a uniform input form a
  // uniform ±1 vector; the e_{k,l} are an orthogonal rotation of χ, which no projection norm sees (§7 [INF]).
  // The interpolant of S·g_k on d samples is S·P·e_1, so L_k = (S²/2)(1 − |P e_1|²), E[g_k f]/S = |P e_1|².
  const Dc = 32;
  const rng = Rng.fromSeed(8);
  for (const d of [8, 16, 24]) {
    const M = 400;
    let sum = 0;
    let sumSq = 0;
    for (let t = 0; t < M; t++) {
      const samples = Array.from({ length: d }, () =>
        Float64Array.from({ length: Dc }, () => (rng.nextU32() & 1 ? 1 : -1)),
      );
      const x = projectedFirstAxis(samples);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / M;
    const se = Math.sqrt((sumSq / M - mean * mean) / M);
    const lossRatio = 1 - mean;
    assert.ok(
      Math.abs(lossRatio - dataShotLoss(d, Dc, 1) * 2) < 4 * se,
      `d = ${d}: mean 2L/S² = ${lossRatio} vs Eq. 104 ${1 - d / Dc} (4·SE = ${4 * se})`,
    );
    assert.ok(Math.abs(mean - dataShotCorrelation(d, Dc)) < 4 * se, `d = ${d}: E[g f]/S = ${mean}`);
    assert.ok(
      Math.abs(mean - dataShotStrength(d, Dc)) > 10 * se,
      `d = ${d}: Eq. 17 (${dataShotStrength(d, Dc)}) is not the correlation`,
    );
  }
});

test('dataEmergence with an rng uses one multinomial draw of the counts (same seed, exact)', () => {
  const got = dataEmergence(3000, probs, 800, Rng.fromSeed(12));
  const d = multinomialDraw(3000, probs, Rng.fromSeed(12));
  got.forEach((R, k) => assert.equal(R, dataShotStrength(d[k], 800), `skill ${k + 1}`));
});

test("Eq. 21 equals the authors' clip((N − (k−1)·N_c)/N_c, 0, 1) and N_c = 4 completes skill k at width 4k (exact)", () => {
  for (const Nc of [1, 3, 4]) {
    for (let N = 0; N <= 30; N++) {
      for (let k = 1; k <= 8; k++) {
        const code = Math.min(1, Math.max(0, (N - (k - 1) * Nc) / Nc));
        assert.equal(paramShotStrength(k, N, Nc), code, `N_c = ${Nc}, N = ${N}, k = ${k}`);
      }
    }
  }
  // A fitted N_c is not an integer: the skill being filled still ends at R_k/S = 1, never above.
  for (const Nc of [3.5, 4.3]) {
    for (let N = 0; N <= 30; N += 0.25) {
      for (let k = 1; k <= 8; k++) {
        const code = Math.min(1, Math.max(0, (N - (k - 1) * Nc) / Nc));
        assertClose(paramShotStrength(k, N, Nc), code, 1e-12, `N_c = ${Nc}, N = ${N}, k = ${k}`);
      }
    }
  }
  for (let k = 1; k <= 5; k++) {
    assert.equal(paramEmergence(4 * k, 5, FITTED.Nc)[k - 1], 1, `width ${4 * k} completes skill ${k}`);
    assert.equal(paramEmergence(4 * k - 1, 5, FITTED.Nc)[k - 1], 0.75, `width ${4 * k - 1}: ¾ of skill ${k}`);
  }
});
