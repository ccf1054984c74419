import assert from 'node:assert/strict';
import { test } from 'node:test';
import gammainc from '@stdlib/math-base-special-gammainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import { Rng } from '../../src/task/rng.ts';
import { binomialDraw, multinomialDraw, sampledRates } from '../../src/theory/multinomial.ts';

function binomialPmf(n: number, p: number, k: number): number {
  return Math.exp(
    gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p),
  );
}

/** Pearson χ² p-value of `draws` against Binomial(n, p), bins with expected count < 5 pooled at the ends. */
function chiSquarePValue(n: number, p: number, draws: number[]): number {
  const M = draws.length;
  const observed = new Float64Array(n + 1);
  for (const d of draws) observed[d]++;
  const bins: [number, number][] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k <= n; k++) {
    o += observed[k];
    e += M * binomialPmf(n, p, k);
    if (e >= 5) {
      bins.push([o, e]);
      o = 0;
      e = 0;
    }
  }
  bins[bins.length - 1][0] += o;
  bins[bins.length - 1][1] += e;
  const chi2 = bins.reduce((s, [ob, ex]) => s + (ob - ex) ** 2 / ex, 0);
  return gammainc(chi2 / 2, (bins.length - 1) / 2, true, true);
}

test('binomialDraw follows the exact pmf in the inversion and BTRS regimes (χ² p-value > 1e-4, 20000 draws)', () => {
  const rng = Rng.fromSeed(11);
  for (const [n, p] of [
    [20, 0.1],
    [7, 0.5],
    [50, 0.3],
    [1000, 0.7],
    [100_000, 0.02],
  ]) {
    const draws = Array.from({ length: 20_000 }, () => binomialDraw(n, p, rng));
    const pv = chiSquarePValue(n, p, draws);
    assert.ok(pv > 1e-4, `Binomial(${n}, ${p}): χ² p-value ${pv.toExponential(2)} ≤ 1e-4`);
  }
});

test('binomialDraw mean and variance at n = 1e9 (BTRS; mean within 4 SE, variance within 10%)', () => {
  const rng = Rng.fromSeed(3);
  const n = 1e9;
  const p = 1e-3;
  const M = 5000;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < M; i++) {
    const d = binomialDraw(n, p, rng);
    assert.ok(Number.isInteger(d) && d >= 0 && d <= n, 'an integer in [0, n]');
    s += d;
    s2 += d * d;
  }
  const mean = s / M;
  const variance = s2 / M - mean * mean;
  const sd = Math.sqrt(n * p * (1 - p));
  assert.ok(Math.abs(mean - n * p) < (4 * sd) / Math.sqrt(M), `mean ${mean} vs ${n * p}`);
  assert.ok(Math.abs(variance / (sd * sd) - 1) < 0.1, `variance ${variance} vs ${sd * sd}`);
});

test('binomialDraw edge cases: n = 0, p = 0, p = 1 are exact; out of domain is NaN', () => {
  const rng = Rng.fromSeed(1);
  assert.equal(binomialDraw(0, 0.3, rng), 0);
  assert.equal(binomialDraw(10, 0, rng), 0);
  assert.equal(binomialDraw(10, 1, rng), 10);
  for (const [n, p] of [
    [-1, 0.5],
    [2.5, 0.5],
    [5, 1.5],
    [5, Number.NaN],
  ]) {
    assert.ok(Number.isNaN(binomialDraw(n, p, rng)), `Binomial(${n}, ${p}) is NaN`);
  }
});

test('multinomialDraw places exactly n samples, none on zero-mass skills, and is reproducible from the seed', () => {
  const probs = [0.5, 0, 0.25, 0.125, 0.125, 0];
  for (const n of [0, 1, 17, 1e6]) {
    const d = multinomialDraw(n, probs, Rng.fromSeed(5));
    assert.equal(
      d.reduce((a, b) => a + b, 0),
      n,
      `Σ d_k = ${n}`,
    );
    assert.equal(d[1] + d[5], 0, 'zero-mass skills get no samples');
    assert.deepEqual(multinomialDraw(n, probs, Rng.fromSeed(5)), d, 'same seed, same counts');
  }
});

test('multinomialDraw moments: E d_k = n·p_k, Var d_k = n·p_k(1 − p_k), Cov(d_1, d_2) = −n·p_1·p_2 (4 SE)', () => {
  const probs = [0.4, 0.3, 0.2, 0.06, 0.04];
  const n = 200;
  const M = 20_000;
  const rng = Rng.fromSeed(9);
  const s = new Float64Array(5);
  const s2 = new Float64Array(5);
  let s12 = 0;
  const d = new Float64Array(5);
  for (let i = 0; i < M; i++) {
    multinomialDraw(n, probs, rng, d);
    for (let k = 0; k < 5; k++) {
      s[k] += d[k];
      s2[k] += d[k] * d[k];
    }
    s12 += d[0] * d[1];
  }
  for (let k = 0; k < 5; k++) {
    const mean = s[k] / M;
    const variance = s2[k] / M - mean * mean;
    const v = n * probs[k] * (1 - probs[k]);
    assert.ok(Math.abs(mean - n * probs[k]) < 4 * Math.sqrt(v / M), `E d_${k + 1} = ${mean}`);
    // Var of the sample variance ≈ 2v²/M for near-normal counts.
    assert.ok(Math.abs(variance - v) < 4 * v * Math.sqrt(2 / M), `Var d_${k + 1} = ${variance} vs ${v}`);
  }
  const cov = s12 / M - (s[0] / M) * (s[1] / M);
  const want = -n * probs[0] * probs[1];
  const se = Math.sqrt((n * probs[0] * (1 - probs[0]) * n * probs[1] * (1 - probs[1]) + want * want) / M);
  assert.ok(Math.abs(cov - want) < 4 * se, `Cov(d_1, d_2) = ${cov} vs ${want}`);
});

test('sampledRates are the counts over D (exact) and sum to 1 (1e-15)', () => {
  const probs = [0.7, 0.2, 0.1];
  const q = sampledRates(1000, probs, Rng.fromSeed(4));
  const d = multinomialDraw(1000, probs, Rng.fromSeed(4));
  q.forEach((v, k) => assert.equal(v, d[k] / 1000, `q_${k + 1}`));
  assert.ok(Math.abs(q[0] + q[1] + q[2] - 1) < 1e-15);
});
