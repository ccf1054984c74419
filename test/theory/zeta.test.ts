import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipfProbs } from '../../src/task/zipf.ts';
import { truncatedZipf } from '../../src/theory/loss.ts';
import { hurwitzZeta, powerSum, shiftedPowerSum, zeta, zipfNormaliser } from '../../src/theory/zeta.ts';
import { assertRel } from '../helpers/assert.ts';

/** Σ_{k=1}^{n} k^{-s} added from the smallest term: the independent reference. */
function directSum(s: number, n: number): number {
  let sum = 0;
  for (let k = n; k >= 1; k--) sum += k ** -s;
  return sum;
}

test('zeta(s) matches the closed forms ζ(2) = π²/6, ζ(4) = π⁴/90 (1e-14 relative)', () => {
  assertRel(zeta(2), Math.PI ** 2 / 6, 1e-14, 'ζ(2)');
  assertRel(zeta(4), Math.PI ** 4 / 90, 1e-14, 'ζ(4)');
  assert.ok(Number.isNaN(zeta(1)), 'ζ(1) is the pole: NaN');
});

test('hurwitzZeta(s, 1) equals zeta(s) for s from 1.01 to 20 (1e-13 relative)', () => {
  for (const s of [1.01, 1.1, 1.3, 1.6, 1.9, 2, 3.5, 10, 20]) {
    assertRel(hurwitzZeta(s, 1), zeta(s), 1e-13, `ζ(${s}, 1)`);
  }
});

test('hurwitzZeta(s, ½) = (2^s − 1)·ζ(s) (1e-13 relative)', () => {
  for (const s of [1.1, 1.5, 2, 3, 7]) {
    assertRel(hurwitzZeta(s, 0.5), (2 ** s - 1) * zeta(s), 1e-13, `ζ(${s}, ½)`);
  }
});

test('hurwitzZeta(2, 101) = π²/6 − H^{(2)}_100 and ζ(s, a) = a^{-s} + ζ(s, a+1) (1e-12 relative)', () => {
  assertRel(hurwitzZeta(2, 101), Math.PI ** 2 / 6 - directSum(2, 100), 1e-12, 'ζ(2, 101)');
  for (const [s, a] of [
    [1.3, 0.25],
    [2.5, 7.5],
    [1.05, 3e5],
  ]) {
    assertRel(hurwitzZeta(s, a), a ** -s + hurwitzZeta(s, a + 1), 1e-12, `ζ(${s}, ${a}) recurrence`);
  }
});

test('hurwitzZeta returns NaN outside s > 1, a > 0', () => {
  for (const [s, a] of [
    [1, 1],
    [0.5, 1],
    [2, 0],
    [2, -1],
    [Number.NaN, 1],
  ]) {
    assert.ok(Number.isNaN(hurwitzZeta(s, a)), `ζ(${s}, ${a}) is NaN`);
  }
});

test('powerSum(s, n) matches a direct loop for n up to 1e5, s from 0.5 to 20 (1e-13 relative)', () => {
  for (const s of [0.5, 1, 1.01, 1.1, 1.6, 1.9, 3, 20]) {
    for (const n of [1, 7, 48, 49, 1000, 100_000]) {
      assertRel(powerSum(s, n), directSum(s, n), 1e-13, `Σ_{k≤${n}} k^-${s}`);
    }
  }
});

test('powerSum(s, n) = ζ(s) − ζ(s, n+1) for n = 1e6, 1e9 (1e-12 relative)', () => {
  for (const s of [1.1, 1.3, 1.9]) {
    for (const n of [1e6, 1e9]) {
      assertRel(powerSum(s, n), zeta(s) - hurwitzZeta(s, n + 1), 1e-12, `Σ_{k≤${n}} k^-${s}`);
    }
  }
});

test('powerSum(1, n) is H_n ≈ ln n + γ + 1/(2n) − 1/(12n²) (1e-14 relative at n = 1e8)', () => {
  const n = 1e8;
  const eulerGamma = 0.5772156649015329;
  assertRel(powerSum(1, n), Math.log(n) + eulerGamma + 1 / (2 * n) - 1 / (12 * n * n), 1e-14, 'H_1e8');
});

test('zipfNormaliser(α, Infinity) = ζ(α+1); finite n_s sums k^-(α+1) (1e-13 relative)', () => {
  assertRel(zipfNormaliser(1, Number.POSITIVE_INFINITY), Math.PI ** 2 / 6, 1e-14, 'ζ(2)');
  assertRel(zipfNormaliser(0.6, 5), directSum(1.6, 5), 1e-15, 'n_s = 5');
  assertRel(zipfNormaliser(0.3, 100_000), directSum(1.3, 100_000), 1e-13, 'n_s = 1e5');
});

test('zipfProbs(n_s, α) sums to 1, falls as k^−(α+1) and has P_s(1) = 1/Σ_{k≤n_s} k^−(α+1) (1e-14)', () => {
  for (const alpha of [-0.5, 0, 0.3, 0.6, 0.9]) {
    for (const skills of [1, 5, 1000, 100_000]) {
      const p = zipfProbs(skills, alpha);
      const where = `α = ${alpha}, n_s = ${skills}`;
      assert.equal(p.length, skills, `${where}: one probability per skill`);
      let sum = 0;
      for (let k = skills - 1; k >= 0; k--) sum += p[k];
      assertRel(sum, 1, 1e-14, `${where}: Σ P_s(k)`);
      for (const k of [2, 3, 10, skills].filter((k) => k <= skills)) {
        assertRel(p[k - 1] / p[0], k ** -(alpha + 1), 1e-14, `${where}: P_s(${k})/P_s(1)`);
      }
      // Euler–Maclaurin for the normaliser against the array's own direct sum.
      assertRel(p[0], 1 / zipfNormaliser(alpha, skills), 1e-13, `${where}: P_s(1)`);
    }
  }
  // §5.1's n_s = 5 frequencies, printed to four digits.
  const chk06 = [0.5927, 0.1955, 0.1022, 0.0645, 0.0451];
  const chk09 = [0.6619, 0.1774, 0.0821, 0.0475, 0.0311];
  zipfProbs(5, 0.6).forEach((p, k) => assert.ok(Math.abs(p - chk06[k]) < 1e-4, `α = 0.6, P_s(${k + 1})`));
  zipfProbs(5, 0.9).forEach((p, k) => assert.ok(Math.abs(p - chk09[k]) < 1e-4, `α = 0.9, P_s(${k + 1})`));
});

test('truncatedZipf(α, n_s, count) is the first count of P_s(k) = k^−(α+1)/Σ_{j≤n_s} j^−(α+1), n_s = ∞ too (1e-14)', () => {
  for (const [alpha, skills] of [
    [0.6, Number.POSITIVE_INFINITY],
    [0.3, 100_000],
    [0.9, 50],
  ]) {
    const { probs, tailMass } = truncatedZipf(alpha, skills, 40);
    const z = skills === Number.POSITIVE_INFINITY ? zeta(alpha + 1) : directSum(alpha + 1, skills);
    probs.forEach((p, i) =>
      assertRel(p, (i + 1) ** -(alpha + 1) / z, 1e-14, `n_s = ${skills}: P_s(${i + 1})`),
    );
    assertRel(tailMass, 1 - directSum(alpha + 1, 40) / z, 1e-12, `n_s = ${skills}: tail mass`);
  }
});

test('shiftedPowerSum(s, a, n) matches a direct loop for non-integer a and long ranges (1e-13 relative)', () => {
  for (const [s, a, n] of [
    [1.3, 0.25, 10_000],
    [0.7, 3.5, 500],
    [2.2, 1e4, 50_000],
  ]) {
    let want = 0;
    for (let k = n - 1; k >= 0; k--) want += (a + k) ** -s;
    assertRel(shiftedPowerSum(s, a, n), want, 1e-13, `Σ (${a} + k)^-${s}, ${n} terms`);
  }
  assert.equal(shiftedPowerSum(2, 1, 0), 0, 'empty sum is 0');
  assert.ok(Number.isNaN(shiftedPowerSum(1, 1, Number.POSITIVE_INFINITY)), 'divergent series is NaN');
});
