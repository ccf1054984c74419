import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AliasTable,
  allocBatch,
  batchLabels,
  batchParities,
  createTask,
  denseInputs,
  exactFrequencyCounts,
  exactFrequencyTestSet,
  inputString,
  sampleBatch,
  seededStream,
  skillTestSet,
  type Task,
  taskBit,
  trainingSet,
  zipfProbs,
} from '../../src/task/index.ts';
import { assertClose, assertRel } from '../helpers/assert.ts';
import { chiSquare, chiSquareQuantile } from '../helpers/stats.ts';

const TAIL = 1e-6; // every statistical test rejects at a fixed-seed tail probability of 10^-6

const paper = createTask({}, 1);
const michaud = createTask(
  { skills: 100, bits: 50, m: 3, alpha: 0.5, masks: 'overlapping', labels: 'binary' },
  2,
);
// 37 task bits: two words per sample, with 5 unused high bits in the second.
const twoWords = createTask({ skills: 4, bits: 37, m: 5, alpha: 1 }, 3);

function sampled(task: Task, n: number, seed = 1) {
  const batch = allocBatch(task, n);
  sampleBatch(task, seededStream(seed, 'data'), batch);
  return batch;
}

test("zipfProbs(5, 0.6) are the paper's P_s(k) = [0.5927, 0.1955, 0.1022, 0.0645, 0.0451] (§5.1, ±5e-5), sum to 1 with ratios k^−(α+1) (1e-15)", () => {
  const expected = [0.5927, 0.1955, 0.1022, 0.0645, 0.0451];
  zipfProbs(5, 0.6).forEach((p, k) => assert.ok(Math.abs(p - expected[k]) < 5e-5, `P_s(${k + 1}) = ${p}`));
  for (const alpha of [0.6, 0.9]) {
    const p = zipfProbs(5, alpha);
    assertClose(
      p.reduce((s, q) => s + q, 0),
      1,
      1e-15,
      `α = ${alpha}: Σ P_s`,
    );
    p.forEach((q, k) =>
      assertRel(q / p[0], (k + 1) ** -(alpha + 1), 1e-15, `α = ${alpha}: P_s(${k + 1})/P_s(1)`),
    );
  }
  const p9 = [0.6619, 0.1774, 0.0821, 0.0475, 0.0311]; // α = 0.9, §5.6
  zipfProbs(5, 0.9).forEach((p, k) => assert.ok(Math.abs(p - p9[k]) < 5e-5, `α=0.9 P_s(${k + 1}) = ${p}`));
});

test('AliasTable reproduces every probability exactly (to 1e-12), here for 500 Zipf skills', () => {
  const p = zipfProbs(500, 0.4);
  const table = new AliasTable(p);
  // The implied probability of k: its own column's acceptance plus every column that aliases to it.
  const t = table as unknown as { threshold: Float64Array; alias: Int32Array };
  const implied = new Float64Array(500);
  for (let c = 0; c < 500; c++) {
    const accept = t.threshold[c] / 4294967296;
    implied[c] += accept / 500;
    implied[t.alias[c]] += (1 - accept) / 500;
  }
  implied.forEach((q, k) => assert.ok(Math.abs(q - p[k]) < 1e-12, `k=${k + 1}: ${q} vs ${p[k]}`));
});

test('skill frequencies match k^−(α+1)/Σ_j j^−(α+1) within a chi-square bound (paper task, 10^6 samples)', () => {
  for (const task of [paper, michaud]) {
    const n = 1_000_000;
    const batch = sampled(task, n);
    const counts = new Float64Array(task.spec.skills);
    for (const k of batch.skill) counts[k]++;
    // Eq. 1 written out here, not the task's own probabilities: the sampler and zipfProbs are both tested.
    const weights = Array.from(counts, (_, k) => (k + 1) ** -(task.spec.alpha + 1));
    const total = weights.reduce((s, w) => s + w, 0);
    const chi2 = chiSquare(
      counts,
      weights.map((w) => (w / total) * n),
    );
    const bound = chiSquareQuantile(task.spec.skills - 1, TAIL);
    assert.ok(chi2 < bound, `n_s = ${task.spec.skills}: chi2 = ${chi2.toFixed(1)} ≥ ${bound.toFixed(1)}`);
  }
});

test("every label (and batchParities) is the parity of the sample's own skill bits, recomputed from the dense input", () => {
  for (const task of [paper, michaud, twoWords]) {
    const batch = sampled(task, 20_000);
    const y = batchLabels(task, batch);
    const parities = batchParities(task, batch);
    const x = denseInputs(task, batch);
    const { skills, bits, S, labels } = task.spec;
    for (let i = 0; i < batch.size; i++) {
      const row = x.subarray(i * (skills + bits), (i + 1) * (skills + bits));
      const k = row.indexOf(1);
      assert.equal(k, batch.skill[i]);
      assert.equal(
        row.subarray(0, skills).reduce((a, b) => a + b),
        1,
        'control block is one-hot',
      );
      const parity = task.masks[k].reduce((acc, b) => acc ^ row[skills + b], 0);
      assert.equal(y[i], labels === 'pm' ? (parity ? -S : S) : parity);
      assert.equal(parities[i], parity);
    }
  }
});

test('bits are uniform and independent of the skill (chi-square per skill × bit, 4·10^5 samples)', () => {
  for (const task of [paper, twoWords]) {
    const n = 400_000;
    const batch = sampled(task, n, 4);
    const { skills, bits } = task.spec;
    const ones = new Float64Array(skills * bits);
    const perSkill = new Float64Array(skills);
    for (let i = 0; i < n; i++) {
      const k = batch.skill[i];
      perSkill[k]++;
      for (let j = 0; j < bits; j++) ones[k * bits + j] += taskBit(batch, i, j);
    }
    // Each (skill, bit) cell: ones ~ Binomial(n_k, ½); sum of squared z-scores ~ χ² with skills·bits df.
    let chi2 = 0;
    for (let k = 0; k < skills; k++) {
      for (let j = 0; j < bits; j++) chi2 += (ones[k * bits + j] - perSkill[k] / 2) ** 2 / (perSkill[k] / 4);
    }
    const bound = chiSquareQuantile(skills * bits, TAIL);
    assert.ok(chi2 < bound, `chi2 = ${chi2.toFixed(1)} ≥ ${bound.toFixed(1)}`);
    // Unused high bits of the last word stay zero.
    const spare = task.words * 32 - bits;
    if (spare > 0) {
      for (let i = 0; i < n; i++)
        assert.equal(batch.bits[i * task.words + task.words - 1] >>> (32 - spare), 0);
    }
  }
});

test('pairs of bits are independent and every byte value occurs (no 255-byte quirk): chi-square', () => {
  const n = 256_000;
  const batch = sampled(paper, n, 6);
  const bytes = new Float64Array(256);
  const pairs = new Float64Array(4); // bits (0, 31): the two ends of the word
  for (let i = 0; i < n; i++) {
    const w = batch.bits[i];
    for (let b = 0; b < 4; b++) bytes[(w >>> (8 * b)) & 255]++;
    pairs[(w & 1) * 2 + (w >>> 31)]++;
  }
  assert.ok(bytes[255] > 0, 'the all-ones byte occurs');
  assert.ok(chiSquare(bytes, new Array(256).fill((4 * n) / 256)) < chiSquareQuantile(255, TAIL));
  assert.ok(chiSquare(pairs, new Array(4).fill(n / 4)) < chiSquareQuantile(3, TAIL));
});

test('disjoint masks: m distinct sorted positions per skill, no bit shared between skills', () => {
  for (const seed of [0, 1, 2, 3]) {
    const task = createTask({ skills: 10, bits: 32, m: 3 }, seed);
    const all = task.masks.flat();
    assert.equal(new Set(all).size, 30);
    for (const mask of task.masks) {
      assert.equal(mask.length, 3);
      assert.deepEqual(
        [...mask],
        [...mask].sort((a, b) => a - b),
      );
      for (const b of mask) assert.ok(Number.isInteger(b) && b >= 0 && b < 32);
    }
  }
});

test('overlapping masks: distinct subsets that may share bits (Michaud)', () => {
  // 20 skills of 3 bits among 8: 60 > 8 slots, so bits must be shared; C(8,3) = 56 ≥ 20 subsets.
  const task = createTask({ skills: 20, bits: 8, m: 3, masks: 'overlapping' }, 5);
  const keys = task.masks.map((m) => m.join(','));
  assert.equal(new Set(keys).size, 20);
  for (const mask of task.masks) assert.equal(new Set(mask).size, 3);
  // Every subset of 3 of 8 bits is drawn uniformly: over many seeds each bit is used about equally.
  const uses = new Float64Array(8);
  for (let seed = 0; seed < 200; seed++) {
    for (const b of createTask({ skills: 5, bits: 8, m: 3, masks: 'overlapping' }, seed).masks.flat())
      uses[b]++;
  }
  assert.ok(chiSquare(uses, new Array(8).fill(3000 / 8)) < chiSquareQuantile(7, TAIL));
});

test('the same seed gives the same masks and samples; different seeds differ', () => {
  const a = createTask({}, 42);
  const b = createTask({}, 42);
  assert.deepEqual(a.masks, b.masks);
  const sa = sampled(a, 1000, 42);
  const sb = sampled(b, 1000, 42);
  assert.deepEqual(sa.skill, sb.skill);
  assert.deepEqual(sa.bits, sb.bits);
  assert.notDeepEqual(createTask({}, 43).masks, a.masks);
  assert.notDeepEqual(sampled(a, 1000, 43).bits, sa.bits);
  // Pinned values: the same on every machine (pure 32-bit integer arithmetic).
  assert.deepEqual(createTask({}, 7).masks, [
    [0, 5, 22],
    [9, 18, 23],
    [7, 8, 25],
    [6, 17, 26],
    [10, 28, 30],
  ]);
});

test('online batches are fresh every call; a training set is fixed', () => {
  const rng = seededStream(1, 'data');
  const batch = allocBatch(paper, 100);
  sampleBatch(paper, rng, batch);
  const first = batch.bits.slice();
  sampleBatch(paper, rng, batch);
  assert.notDeepEqual(batch.bits, first);
  const D = trainingSet(paper, seededStream(1, 'data'), 500);
  assert.equal(D.size, 500);
  assert.throws(() => trainingSet(paper, rng, 0), /D must be an integer ≥ 1 \(got 0\)/);
});

test('per-skill test sets hold one skill; exact-frequency sets hold ⌊P_s(k)·n⌋ of each', () => {
  const t = skillTestSet(paper, seededStream(1, 'evaluation'), 3, 2000);
  assert.ok(t.skill.every((k) => k === 3));
  const counts = exactFrequencyCounts(paper.probs, 30_000);
  assert.deepEqual(Array.from(counts), [17780, 5865, 3065, 1934, 1353]);
  const e = exactFrequencyTestSet(paper, seededStream(1, 'evaluation'), 30_000);
  assert.equal(e.size, 17780 + 5865 + 3065 + 1934 + 1353);
  const seen = new Float64Array(5);
  for (const k of e.skill) seen[k]++;
  assert.deepEqual(Array.from(seen), Array.from(counts));
});

test('inputString is the dense input as characters, control bits first', () => {
  const batch = sampled(twoWords, 50);
  const x = denseInputs(twoWords, batch);
  for (let i = 0; i < 50; i++) {
    const s = inputString(twoWords, batch, i);
    assert.equal(s.length, 41);
    assert.equal(s, Array.from(x.subarray(i * 41, (i + 1) * 41)).join(''));
  }
});
