import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeFrontier, computeFrontierCurve } from '../../src/theory/compute.ts';
import { totalLoss, truncatedZipf } from '../../src/theory/loss.ts';
import { computePrefactor } from '../../src/theory/prefactors.ts';
import { assertRel } from '../helpers/assert.ts';

test('computeFrontier equals a brute-force scan over every N ≤ n_s = 300, C = 0.1 … 1e8 (loss to 1e-12)', () => {
  const skills = 300;
  for (const alpha of [0.1, 0.3, 0.9]) {
    for (const [S, r0] of [
      [1, 0.01],
      [5, 0.01],
      [1, 0.4],
    ]) {
      const { probs } = truncatedZipf(alpha, skills, skills);
      const beyond = new Float64Array(skills + 1);
      for (let n = skills - 1; n >= 0; n--) beyond[n] = beyond[n + 1] + probs[n];
      for (let e = -1; e <= 8; e += 0.5) {
        const C = 10 ** e;
        let best = { N: 0, loss: Number.POSITIVE_INFINITY };
        for (let N = 1; N <= skills; N++) {
          const model = { probs: probs.subarray(0, N), tailMass: beyond[N], S, r0, eta: 1 };
          const loss = totalLoss(C / N, model);
          if (loss < best.loss) best = { N, loss };
        }
        const f = computeFrontier(C, { alpha, skills, S, r0 });
        const where = `α = ${alpha}, S = ${S}, r = ${r0}, C = 1e${e}`;
        assert.ok(
          Math.abs(f.loss - best.loss) <= 1e-12 * best.loss,
          `${where}: ${f.loss} vs brute force ${best.loss}`,
        );
        assert.equal(f.T, C / f.N, `${where}: T = C/N`);
      }
    }
  }
});

test('L*(C)/C^{−α/(α+2)} → A_c and N*/(ηSC)^{1/(α+2)} → λ* for n_s = ∞ (S = 5; 2e-3 at C = 1e6, 3e-4 at 1e8)', () => {
  for (const alpha of [0.3, 0.6, 0.9]) {
    const { prefactor, lambda } = computePrefactor(alpha, { S: 5 });
    for (const [C, tol] of [
      [1e6, 2e-3],
      [1e8, 3e-4],
    ]) {
      const f = computeFrontier(C, { alpha, S: 5, maxN: 1e5 });
      const ratio = f.loss / (prefactor * C ** (-alpha / (alpha + 2)));
      const width = f.N / (5 * C) ** (1 / (alpha + 2)) / lambda;
      assert.ok(Math.abs(ratio - 1) < tol, `α = ${alpha}, C = ${C}: L*/(A_c C^-e) = ${ratio} within ${tol}`);
      // N* is an integer near 100–1000 here, so λ* is matched to ~1/N* (plus the same finite-C drift).
      assert.ok(
        Math.abs(width - 1) < 2e-3,
        `α = ${alpha}, C = ${C}: N*/(λ*(ηSC)^{1/(α+2)}) = ${width} within 2e-3`,
      );
    }
  }
});

/** min over every N ≤ 2.5·(ηSC)^{1/(α+2)} of Eq. 12 at T = C/N, n_s = 2e6, S = 5 (λ* < 1, so N* is inside). */
function bruteForceFrontier(alpha: number, C: number): number {
  const top = Math.ceil(2.5 * (5 * C) ** (1 / (alpha + 2)));
  const { probs, tailMass } = truncatedZipf(alpha, 2e6, top);
  let beyond = tailMass;
  let best = Number.POSITIVE_INFINITY;
  for (let N = top; N >= 1; N--) {
    const model = { probs: probs.subarray(0, N), tailMass: beyond, S: 5, r0: 0.01, eta: 1 };
    best = Math.min(best, totalLoss(C / N, model));
    beyond += probs[N - 1];
  }
  return best;
}

test('the paper-stated brute-force frontier at n_s = 2e6: α = 0.6 0.785 → 0.774, α = 0.9 0.646 (×S²/2; 1e-3), and our own scan over every N (1e-12)', () => {
  // n_s = 2e6 < ∞ lowers the unlearned tail, hence the drift below A_c at large C (α = 0.6: A_c ratio 0.788).
  const ratios = (alpha: number, computes: number[]) =>
    computeFrontierCurve(computes, { alpha, skills: 2e6, S: 5, maxN: 1e5 }).map(
      (f, i) => f.loss / computes[i] ** (-alpha / (alpha + 2)) / 12.5,
    );
  const [at6, at9] = ratios(0.6, [1e6, 1e9]);
  assert.ok(Math.abs(at6 - 0.785) < 1e-3, `α = 0.6, C = 1e6: ${at6} vs 0.785 within 1e-3`);
  assert.ok(Math.abs(at9 - 0.774) < 1e-3, `α = 0.6, C = 1e9: ${at9} vs 0.774 within 1e-3`);
  const [high] = ratios(0.9, [1e9]);
  assert.ok(Math.abs(high - 0.646) < 1e-3, `α = 0.9, C = 1e9: ${high} vs 0.646 within 1e-3`);
  for (const [alpha, C, ratio] of [
    [0.6, 1e6, at6],
    [0.9, 1e9, high],
  ]) {
    const scan = bruteForceFrontier(alpha, C) / C ** (-alpha / (alpha + 2)) / 12.5;
    assertRel(ratio, scan, 1e-12, `α = ${alpha}, C = ${C}: frontier vs scan over every N`);
  }
});

test('computeFrontierCurve(computes) equals computeFrontier at each C', () => {
  const options = { alpha: 0.6, skills: 5000, S: 5 };
  const computes = [1e2, 1e4, 1e6];
  assert.deepEqual(
    computeFrontierCurve(computes, options),
    computes.map((C) => computeFrontier(C, options)),
  );
  assert.throws(() => computeFrontierCurve([1, -1], options), {
    message: 'computes[1] must be a finite number > 0 (got -1)',
  });
});

test('computeFrontier validates its input', () => {
  assert.throws(() => computeFrontier(0, { alpha: 0.6, skills: 10 }), {
    message: /^C must be a finite number > 0/,
  });
  assert.throws(() => computeFrontier(1e3, { alpha: 0.6 }), {
    message: 'maxN must be given when skills is Infinity',
  });
  assert.throws(() => computeFrontier(1e3, { alpha: 0.6, skills: 10, maxN: 11 }), {
    message: 'maxN must be ≤ skills = 10 (got 11)',
  });
  assert.throws(() => computeFrontier(1e3, { alpha: 0.6, skills: 10, S: 1, r0: 1 }), {
    message: 'r0 must be < S = 1 (got 1)',
  });
});
