import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Rng, seededStream } from '../../src/task/rng.ts';
import { chiSquare, chiSquareQuantile } from '../helpers/stats.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/xoshiro128/xoshiro128.json', import.meta.url), 'utf8'),
) as { state: number[]; outputs: number[]; afterJump: number[]; afterLongJump: number[] };

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.nextU32());

test('Rng.nextU32() matches the C reference of xoshiro128** (test/fixtures/xoshiro128/generate.c)', () => {
  assert.deepEqual(draw(Rng.fromState(fixture.state), 16), fixture.outputs);
});

test('Rng.fill() produces the same words as nextU32()', () => {
  const words = new Uint32Array(16);
  Rng.fromState(fixture.state).fill(words);
  assert.deepEqual(Array.from(words), fixture.outputs);
});

test('Rng.jump() and longJump() match the C reference', () => {
  const a = Rng.fromState(fixture.state);
  a.jump();
  assert.deepEqual(draw(a, 8), fixture.afterJump);
  const b = Rng.fromState(fixture.state);
  b.longJump();
  assert.deepEqual(draw(b, 8), fixture.afterLongJump);
});

// The state transition is linear over GF(2): jump() must equal the 2^64-th power of its 128×128 matrix.
type Vec = [number, number, number, number];
function step(v: Vec): Vec {
  if (v.every((w) => w === 0)) return [0, 0, 0, 0];
  const r = Rng.fromState(v);
  r.nextU32();
  return r.state;
}
function applyMatrix(cols: Vec[], v: Vec): Vec {
  const out: Vec = [0, 0, 0, 0];
  for (let j = 0; j < 128; j++) {
    if ((v[j >>> 5] >>> (j & 31)) & 1) for (let w = 0; w < 4; w++) out[w] ^= cols[j][w];
  }
  return out.map((w) => w >>> 0) as Vec;
}

test('Rng.jump() equals M^(2^64) for the GF(2) transition matrix M (independent route)', () => {
  let cols: Vec[] = Array.from({ length: 128 }, (_, j) => {
    const e: Vec = [0, 0, 0, 0];
    e[j >>> 5] = (1 << (j & 31)) >>> 0;
    return step(e);
  });
  for (let i = 0; i < 64; i++) cols = cols.map((c) => applyMatrix(cols, c));
  const start: Vec = [0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321];
  const jumped = Rng.fromState(start);
  jumped.jump();
  assert.deepEqual(jumped.state, applyMatrix(cols, start));
});

test('fromSeed is deterministic, and distinct seeds and streams differ', () => {
  assert.deepEqual(draw(Rng.fromSeed(7), 5), draw(Rng.fromSeed(7), 5));
  assert.notDeepEqual(draw(Rng.fromSeed(7), 5), draw(Rng.fromSeed(8), 5));
  assert.notDeepEqual(draw(seededStream(7, 'masks'), 5), draw(seededStream(7, 'data'), 5));
  // A seed above 2^32 is not folded onto a small one.
  assert.notDeepEqual(draw(Rng.fromSeed(2 ** 32 + 7), 5), draw(Rng.fromSeed(7), 5));
  assert.throws(() => Rng.fromSeed(-1), RangeError);
  assert.throws(() => Rng.fromSeed(1.5), RangeError);
});

test('stream(i) is a pure function of the seed: i + 1 jumps of a copy', () => {
  const base = Rng.fromSeed(3);
  const manual = base.clone();
  manual.jump();
  manual.jump();
  assert.deepEqual(base.stream(1).state, manual.state);
  assert.deepEqual(base.stream(1).state, Rng.fromSeed(3).stream(1).state);
});

test('Rng.int(n) is uniform: chi-square over 7 buckets, 70,000 draws, below the 1e-6 tail', () => {
  const rng = Rng.fromSeed(11);
  const counts = new Array(7).fill(0);
  for (let i = 0; i < 70_000; i++) counts[rng.int(7)]++;
  const chi2 = chiSquare(counts, new Array(7).fill(10_000));
  assert.ok(chi2 < chiSquareQuantile(6, 1e-6), `chi2 = ${chi2}`);
});

test('Rng.uniform() lies in [0, 1) with mean ½ and variance 1/12 (±5σ over 10^5 draws)', () => {
  const rng = Rng.fromSeed(5);
  const n = 100_000;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    assert.ok(u >= 0 && u < 1);
    sum += u;
    sq += u * u;
  }
  const mean = sum / n;
  assert.ok(Math.abs(mean - 0.5) < 5 * Math.sqrt(1 / 12 / n), `mean ${mean}`);
  assert.ok(Math.abs(sq / n - mean * mean - 1 / 12) < 0.002, `variance ${sq / n - mean * mean}`);
});

test('Rng.normal() has mean 0 and variance 1 (±5σ over 10^5 draws)', () => {
  const rng = Rng.fromSeed(9);
  const n = 100_000;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    sum += z;
    sq += z * z;
  }
  assert.ok(Math.abs(sum / n) < 5 / Math.sqrt(n), `mean ${sum / n}`);
  assert.ok(Math.abs(sq / n - 1) < 5 * Math.sqrt(2 / n), `variance ${sq / n}`);
});
