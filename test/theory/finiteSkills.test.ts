import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossoverLoss } from '../../src/theory/crossover.ts';
import { finiteWidthTimeCurve } from '../../src/theory/finiteN.ts';
import { paramsPrefactor } from '../../src/theory/prefactors.ts';

// A finite number of skills n_s, said one way everywhere: Σ_{k≤n_s} k^{−(α+1)} for ζ(α+1) and sums that end
// at n_s. Each law is checked against its finite sum over skills, written out here (not loss.ts).

const ALPHAS = [0.3, 0.6, 0.9];
const S = 1;
const r0 = 0.01;

/** P_s(k) for k = 1..n_s at index k − 1, normalised by the direct sum from the rarest skill. */
function zipf(alpha: number, skills: number): Float64Array {
  const p = Float64Array.from({ length: skills }, (_, i) => (i + 1) ** -(alpha + 1));
  const z = p.reduceRight((sum, w) => sum + w, 0);
  return p.map((w) => w / z);
}

/** Σ_k term(P_s(k), k), 1-based k, rarest skill first. */
function sumOver(p: Float64Array, term: (q: number, k: number) => number): number {
  let sum = 0;
  for (let i = p.length - 1; i >= 0; i--) sum += term(p[i], i + 1);
  return sum;
}

const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got / want - 1) <= tol, `${what}: ${got} vs ${want} (relative tolerance ${tol})`);

test('Thm 1 at finite n_s: A_N·N^{−α} = S²(1 − γ^α)N^{−α}/(2αZ) is Eq. 325’s sum within α/(N(1 − γ^α)), γ = N/n_s up to ½', () => {
  const skills = 20_000;
  for (const alpha of ALPHAS) {
    const p = zipf(alpha, skills);
    for (const N of [200, 2000, 10_000]) {
      const direct = sumOver(p, (q, k) => (k > N ? (q * S * S) / 2 : 0));
      const tol = alpha / (N * (1 - (N / skills) ** alpha)); // Euler–Maclaurin: the half end terms
      near(paramsPrefactor(alpha, { S, skills, N }) * N ** -alpha, direct, tol, `α = ${alpha}, N = ${N}`);
    }
    assert.equal(paramsPrefactor(alpha, { skills, N: skills }), 0, 'N = n_s: nothing left to learn');
  }
  assert.throws(() => paramsPrefactor(0.6, { skills: 10 }), {
    message: /^N must be a width in \[0, skills = 10\]/,
  });
});

test('Eq. 300 at finite n_s tends to the Eq. 274 sum over n_s skills as D grows at fixed μ = D/N^{α+1} (2e-3 at D = 10⁵)', () => {
  const skills = 100_000;
  for (const alpha of ALPHAS) {
    const p = zipf(alpha, skills);
    for (const mu of [0.3, 3]) {
      const N = Math.round((1e5 / mu) ** (1 / (alpha + 1)));
      const D = 1e5;
      // Eq. 274: seen-or-not for k ≤ N, S²/2 for N < k ≤ n_s.
      const direct = sumOver(p, (q, k) =>
        k <= N ? ((S - r0) ** 2 / 2) * q * (1 - q) ** D : ((S * S) / 2) * q,
      );
      near(crossoverLoss(D, N, alpha, { S, r0, skills }), direct, 2e-3, `α = ${alpha}, μ = ${mu}, N = ${N}`);
    }
    // N = n_s is the data law of Fig. 2(b); N beyond n_s changes nothing.
    const D = 1000;
    const direct = sumOver(p, (q) => ((S - r0) ** 2 / 2) * q * (1 - q) ** D);
    near(crossoverLoss(D, skills, alpha, { S, r0, skills }), direct, 1e-3, `α = ${alpha}, N = n_s`);
    assert.equal(
      crossoverLoss(D, 2 * skills, alpha, { skills }),
      crossoverLoss(D, skills, alpha, { skills }),
    );
  }
});

test('Eq. 56 at N = n_s is the Eq. 12 sum over n_s skills once the first skills have emerged (5e-3 at T = 10², 10⁴)', () => {
  const skills = 100_000;
  for (const alpha of ALPHAS) {
    const p = zipf(alpha, skills);
    const times = [100, 1e4];
    const law = finiteWidthTimeCurve(times, alpha, { S, r0, N: skills });
    times.forEach((T, i) => {
      // Eq. 11: R_k/S = 1/(1 + (S/r − 1)e^{−2ηP_s(k)ST}), η = 1.
      const direct = sumOver(
        p,
        (q) => (q * (S - S / (1 + (S / r0 - 1) * Math.exp(-2 * q * S * T))) ** 2) / 2,
      );
      near(law[i], direct, 5e-3, `α = ${alpha}, T = ${T}`);
    });
  }
});
