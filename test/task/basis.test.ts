import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  allocBatch,
  batchLabels,
  createTask,
  sampleBatch,
  seededStream,
  skillBasis,
  targetFunction,
} from '../../src/task/index.ts';

// Small enough to enumerate every input: n_s = 3, n_b = 9 (512 bit patterns), m = 3 disjoint.
const task = createTask({ skills: 3, bits: 9, m: 3, S: 2.5 }, 0);
const allX = Array.from({ length: 512 }, (_, x) => Uint32Array.of(x));

test('g_k(i, x) is ±1 on its own skill and 0 elsewhere (Eq. 2)', () => {
  for (const x of allX) {
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 3; k++) {
        const g = skillBasis(task, k, i, x);
        if (i !== k) assert.equal(g, 0);
        else {
          const sum = task.masks[k].reduce((s, b) => s + ((x[0] >>> b) & 1), 0);
          assert.equal(g, (-1) ** sum);
        }
      }
    }
  }
});

test("pointwise orthogonality g_k·g_k' = δ_ik·δ_kk' (Eq. 3), exhaustively", () => {
  for (const x of allX) {
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 3; k++) {
        for (let kk = 0; kk < 3; kk++) {
          const expected = i === k && k === kk ? 1 : 0;
          assert.equal(skillBasis(task, k, i, x) * skillBasis(task, kk, i, x) + 0, expected); // +0 folds −0
        }
      }
    }
  }
});

/** G[k][k'] = Σ_i w_i·2^{−n_b}·Σ_x u(k, i, x)·u(k', i, x) over every input (exact, small n_b). */
function gram(u: (k: number, i: number, x: Uint32Array) => number, weights: ArrayLike<number>): number[][] {
  return Array.from({ length: 3 }, (_, k) =>
    Array.from({ length: 3 }, (_, kk) => {
      let sum = 0;
      for (let i = 0; i < weights.length; i++) {
        // The ±1/0 products add exactly; one scaling per skill keeps the result exact too.
        const count = allX.reduce((c, x) => c + u(k, i, x) * u(kk, i, x), 0);
        sum += (weights[i] * count) / 512;
      }
      return sum;
    }),
  );
}

test("Gram matrices, cross terms included: E_{I,X}[g_k g_k'] = δ_kk'·P_s(k) (Eq. 3) and E_X[χ_k χ_k'] = δ_kk' for the parities χ_k(x) = g_k(k, x), exactly", () => {
  const expected = (diagonal: (k: number) => number) =>
    Array.from({ length: 3 }, (_, k) => Array.from({ length: 3 }, (_, kk) => (k === kk ? diagonal(k) : 0)));
  const g = gram((k, i, x) => skillBasis(task, k, i, x), task.probs);
  assert.deepEqual(
    g,
    expected((k) => task.probs[k]),
    'E_{I,X}[g_k g_k′]',
  );
  // The parities of different skills on the same input: orthogonal because their masks differ.
  const chi = gram((k, _, x) => skillBasis(task, k, k, x), [1]);
  assert.deepEqual(
    chi,
    expected(() => 1),
    'E_X[χ_k χ_k′]',
  );
  for (let k = 0; k < 3; k++) {
    const mean = allX.reduce((s, x) => s + skillBasis(task, k, k, x), 0) / 512;
    assert.equal(mean, 0, `E_X[g_k(k, X)] = 0, k = ${k}`);
  }
});

test('f*(i, x) = S·Σ_k g_k(i, x) (Eq. 4) has E[f*²] = S² and equals the ±S labels', () => {
  let norm = 0;
  for (let i = 0; i < 3; i++) {
    for (const x of allX) norm += (task.probs[i] * targetFunction(task, i, x) ** 2) / 512;
  }
  assert.ok(Math.abs(norm - 2.5 ** 2) < 1e-12, `E[f*²] = ${norm}`);
  const batch = allocBatch(task, 2000);
  sampleBatch(task, seededStream(3, 'data'), batch);
  const y = batchLabels(task, batch);
  for (let i = 0; i < batch.size; i++) {
    assert.equal(y[i], targetFunction(task, batch.skill[i], batch.bits, i * task.words));
  }
});

test('binary labels are the parity: y = (1 − g_i)/2', () => {
  const binary = createTask({ skills: 3, bits: 9, m: 3, labels: 'binary' }, 0);
  const batch = allocBatch(binary, 2000);
  sampleBatch(binary, seededStream(3, 'data'), batch);
  const y = batchLabels(binary, batch);
  for (let i = 0; i < batch.size; i++) {
    assert.equal(y[i], (1 - skillBasis(binary, batch.skill[i], batch.skill[i], batch.bits, i)) / 2);
  }
});
