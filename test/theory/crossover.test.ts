import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crossoverLoss } from '../../src/theory/crossover.ts';
import { expectedDataLoss, truncatedZipf } from '../../src/theory/loss.ts';
import { dataPrefactor, paramsPrefactor } from '../../src/theory/prefactors.ts';
import { relativeError } from '../helpers/assert.ts';

const ALPHAS = [0.3, 0.6, 0.9];

test('crossoverLoss(D, N) → A_D·D^{−α/(α+1)} as N → ∞ (1e-14 at N = ∞, 1e-4 at N = 1e12)', () => {
  for (const alpha of ALPHAS) {
    const dataLaw = dataPrefactor(alpha) * 1e4 ** (-alpha / (alpha + 1));
    assert.ok(
      relativeError(crossoverLoss(1e4, Number.POSITIVE_INFINITY, alpha), dataLaw) < 1e-14,
      `α = ${alpha}, N = ∞`,
    );
    assert.ok(relativeError(crossoverLoss(1e4, 1e12, alpha), dataLaw) < 1e-4, `α = ${alpha}, N = 1e12`);
  }
});

test('crossoverLoss(D, N) → A_N·N^{−α} when N ≪ D^{1/(α+1)} (1e-12 at D/N^{α+1} ≥ 1e3)', () => {
  for (const alpha of ALPHAS) {
    for (const N of [10, 100]) {
      const D = 1e3 * N ** (alpha + 1);
      const err = relativeError(crossoverLoss(D, N, alpha), paramsPrefactor(alpha) * N ** -alpha);
      assert.ok(err < 1e-12, `α = ${alpha}, N = ${N}: ${err.toExponential(2)} < 1e-12`);
    }
  }
});

test('crossoverLoss approaches the Eq. 274 sum (n_s = ∞) as D grows at fixed μ = D/N^{α+1} (1e-3 at D = 1e6)', () => {
  for (const alpha of ALPHAS) {
    for (const mu of [0.3, 1, 3]) {
      const errAt = (D: number) => {
        const N = Math.round((D / mu) ** (1 / (alpha + 1)));
        const { probs, tailMass } = truncatedZipf(alpha, Number.POSITIVE_INFINITY, N);
        return relativeError(
          crossoverLoss(D, N, alpha),
          expectedDataLoss(D, { probs, tailMass, S: 1, r0: 0.01 }),
        );
      };
      const small = errAt(1e4);
      const large = errAt(1e6);
      const where = `α = ${alpha}, μ = ${mu}`;
      assert.ok(large < 1e-3, `${where}: rel. error ${large.toExponential(2)} at D = 1e6 < 1e-3`);
      assert.ok(large < small / 2, `${where}: error falls from ${small.toExponential(2)} (D = 1e4)`);
    }
  }
});
