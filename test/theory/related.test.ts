import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeFrontier } from '../../src/theory/compute.ts';
import { expectedDataLoss, parameterLoss, totalLoss, truncatedZipf } from '../../src/theory/loss.ts';
import { skillLoss } from '../../src/theory/multilinear.ts';
import { scalingExponents } from '../../src/theory/prefactors.ts';
import { bordelonExponents, type LawExponents, relatedModels } from '../../src/theory/related.ts';
import { hurwitzZeta, zipfNormaliser } from '../../src/theory/zeta.ts';
import { assertClose } from '../helpers/assert.ts';

test("relatedModels(α) lists Nam, Michaud, Hutter, Bordelon; Nam's row is Table 4", () => {
  const rows = relatedModels(0.6);
  assert.deepEqual(
    rows.map((r) => r.model.split(' ')[0]),
    ['Nam', 'Michaud', 'Hutter', 'Bordelon'],
  );
  assert.deepEqual(rows[0].exponents, scalingExponents(0.6));
});

test("bordelonExponents(α+1, α+1) reproduces Nam's time, parameter and compute exponents (1e-15)", () => {
  for (const alpha of [0.1, 0.3, 0.6, 0.9, 1.5]) {
    const b = bordelonExponents(alpha + 1, alpha + 1);
    const nam = scalingExponents(alpha);
    assertClose(b.time as number, nam.time, 1e-15, `α = ${alpha}: time (a−1)/b = α/(α+1)`);
    assertClose(b.params as number, nam.params, 1e-15, `α = ${alpha}: params min(a−1, 2b) = α`);
    assertClose(b.compute as number, nam.compute, 1e-15, `α = ${alpha}: compute (a−1)/(b+1) = α/(α+2)`);
    // Their data exponent is the parameter one, not the one-shot learner's α/(α+1).
    assertClose(b.data as number, alpha, 1e-15, `α = ${alpha}: data exponent`);
    assert.ok((b.data as number) - nam.data > 1e-3, `α = ${alpha}: data exponent differs from Nam's`);
  }
});

test('bordelonExponents uses min(a−1, 2b) when the target is smoother than twice the spectrum', () => {
  const b = bordelonExponents(6, 2);
  assert.deepEqual(b, { time: 2.5, data: 4, params: 4, compute: (4 * 5) / (2 * 4 + 5) });
});

type Law = keyof LawExponents;
/** A loss as a function of one resource, and the two resource values the slope is measured between. */
type Route = { loss: (x: number) => number; from: number; to: number };

/** Each model's losses computed from its own mechanism (the row's `mechanism`), at Zipf exponent α + 1. */
function routes(alpha: number): Record<string, Partial<Record<Law, Route>>> {
  const s = alpha + 1;
  const A = 1 / zipfNormaliser(alpha, Number.POSITIVE_INFINITY);
  // Σ_{k>K} P_s(k) for n_s = ∞: the loss left when the K commonest skills are learned (and no others).
  const unlearned = (K: number) => A * hurwitzZeta(s, Math.floor(K) + 1);
  // Nam, Eq. 12 (D = N = ∞): 10⁶ skills explicitly; the rest are still at Φ(0) for T ≤ 10⁴.
  const head = truncatedZipf(alpha, Number.POSITIVE_INFINITY, 1e6);
  const nam = { probs: head.probs, S: 1, r0: 0.01, eta: 1 };
  const namTime = (T: number) => totalLoss(T, nam) + skillLoss(0, 1, 0.01) * head.tailMass;
  const namData = (D: number) => expectedDataLoss(D, { ...head, S: 1, r0: 0.01 });
  const namParams = (N: number) => parameterLoss(N, { ...head, S: 1 });
  const namCompute = (C: number) => computeFrontier(C, { alpha, S: 5, maxN: 1e5 }).loss;
  // Michaud: a quantum is learned once seen τ = 5 times (steps or samples alike); n = N/C_q quanta, C_q = 1.
  const quanta = (D: number) => unlearned(((D * A) / 5) ** (1 / s));
  // Bordelon (a = b = α + 1): the modes k ≤ k* = min(t^{1/b}, N, P) are fit, the loss is Σ_{k>k*} k^{−a}.
  const modes = (kStar: number) => hurwitzZeta(s, Math.floor(kStar) + 1);
  const modesCompute = (C: number) => {
    let best = Number.POSITIVE_INFINITY;
    for (let N = 1; N <= 3e4; N++) best = Math.min(best, modes(Math.min((C / N) ** (1 / s), N)));
    return best;
  };
  return {
    Nam: {
      time: { loss: namTime, from: 1e3, to: 1e4 },
      data: { loss: namData, from: 1e4, to: 1e6 },
      params: { loss: namParams, from: 1e3, to: 1e4 },
      compute: { loss: namCompute, from: 1e6, to: 1e8 },
    },
    Michaud: {
      time: { loss: quanta, from: 1e4, to: 1e8 },
      data: { loss: quanta, from: 1e4, to: 1e8 },
      params: { loss: unlearned, from: 1e3, to: 1e5 },
    },
    // Hutter's expected error Σ θ_i(1 − θ_i)^n is the one-shot learner's sum (Eq. 274 with N = ∞).
    Hutter: { data: { loss: namData, from: 1e4, to: 1e6 } },
    Bordelon: {
      time: { loss: (t) => modes(t ** (1 / s)), from: 1e4, to: 1e8 },
      data: { loss: modes, from: 1e3, to: 1e5 },
      params: { loss: modes, from: 1e3, to: 1e5 },
      compute: { loss: modesCompute, from: 1e6, to: 1e9 },
    },
  };
}

test('every stated exponent is the log-log slope of the loss its model computes, and only those are stated (α = 0.3, 0.9; 2e-3)', () => {
  for (const alpha of [0.3, 0.9]) {
    const measured = routes(alpha);
    for (const row of relatedModels(alpha)) {
      const model = row.model.split(' ')[0];
      for (const law of ['time', 'data', 'params', 'compute'] as const) {
        const route = measured[model][law];
        const stated = row.exponents[law];
        const where = `${model} ${law}, α = ${alpha}`;
        if (stated === null || route === undefined) {
          assert.equal(route === undefined, stated === null, `${where}: exponent stated iff derived`);
          continue;
        }
        const { loss, from, to } = route;
        const slope = -Math.log(loss(to) / loss(from)) / Math.log(to / from);
        assertClose(stated, slope, 2e-3, `${where}: stated vs measured slope`);
      }
    }
  }
});
