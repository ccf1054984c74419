import '../helpers/isolated-cache.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseRunConfig } from '../../src/experiment/config.ts';
import {
  cachedChoice,
  machineKey,
  saveChoice,
  tuningShape,
  wisdomDirectory,
} from '../../src/experiment/kernel-wisdom.ts';
import { trainRun } from '../../src/experiment/run.ts';
import { TUNING_DIMENSIONS, tuneKernels } from '../../src/experiment/tune.ts';
import { defaultKernelChoice, type KernelChoice } from '../../src/nn/fast/kernel-choice.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-tune-'));
after(() => rmSync(root, { recursive: true, force: true }));

// A small run on the plain-SIMD kernels (bit-for-bit reproducible for a given kernel choice).
const config = parseRunConfig({
  task: { skills: 3, bits: 10, m: 2, alpha: 0.6, S: 1 },
  model: { width: 24, initStd: 0.1 },
  optimizer: { name: 'sgd', lr: 0.3 },
  data: { regime: 'online', batch: 64 },
  steps: 20,
  evaluation: { every: 10, perSkill: 200, testPoints: 300 },
  seed: 5,
  kernels: 'simd',
});
const shape = tuningShape(config, 'simd');

const curveOf = (dir: string) => readFileSync(join(dir, 'curve.jsonl'), 'utf8');
const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));

test('the cache directory: EMERGENCE_CACHE_DIR, else $XDG_CACHE_HOME/emergence-lab, else ~/.cache/emergence-lab', () => {
  assert.equal(wisdomDirectory({ EMERGENCE_CACHE_DIR: '/a', XDG_CACHE_HOME: '/b' }), '/a');
  assert.equal(wisdomDirectory({ XDG_CACHE_HOME: '/b' }), join('/b', 'emergence-lab'));
  assert.match(wisdomDirectory({}), /\.cache[/\\]emergence-lab$/);
  assert.ok(wisdomDirectory().startsWith(tmpdir()), 'the tests use a temporary cache');
  assert.ok(machineKey().endsWith(`node ${process.versions.node}`));
});

test('a run without a cached choice runs the default and says so; with one, the cached choice, reproducibly; a resume keeps its choice', async () => {
  const first = join(root, 'default');
  await trainRun(config, { out: first });
  assert.deepEqual(summaryOf(first).kernelChoice, { choice: defaultKernelChoice(shape), source: 'default' });

  const tuned: KernelChoice = {
    chunk: 32,
    groupBits: 4,
    fold: 'first',
    backward: 'rows',
    forwardBlock: 32,
    split: 'units',
  };
  const dir = mkdtempSync(join(root, 'cache-'));
  const saved = saveChoice(shape, tuned, 1.5, dir);
  assert.ok(saved.startsWith(dir));
  assert.deepEqual(cachedChoice(shape, dir), tuned);
  assert.equal(cachedChoice({ ...shape, width: 48 }, dir), null, 'another shape has no choice');
  assert.equal(cachedChoice({ ...shape, threads: 2 }, dir), null, 'nor the same shape on two threads');

  saveChoice(shape, tuned, 1.5);
  const a = join(root, 'tuned-a');
  const b = join(root, 'tuned-b');
  await trainRun(config, { out: a });
  await trainRun(config, { out: b });
  assert.deepEqual(summaryOf(a).kernelChoice, { choice: tuned, source: 'cache' });
  const strip = (text: string) => text.replace(/"seconds":[0-9.e-]+/g, '');
  assert.equal(strip(curveOf(a)), strip(curveOf(b)), 'a choice and a seed give the same run');

  // The first run resumed after the cache changed keeps the choice it started with.
  await trainRun(parseRunConfig({ ...config, steps: 30 }), { out: first, resume: true });
  assert.deepEqual(summaryOf(first).kernelChoice, { choice: defaultKernelChoice(shape), source: 'given' });
});

test('tuneKernels times every dimension, keeps the fastest of each, and caches its choice', async () => {
  const dir = mkdtempSync(join(root, 'search-'));
  const previous = process.env.EMERGENCE_CACHE_DIR;
  process.env.EMERGENCE_CACHE_DIR = dir;
  try {
    const result = await tuneKernels(config, { seconds: 0.4 });
    assert.deepEqual(result.defaultChoice, defaultKernelChoice(shape));
    const dimensions = [...new Set(result.candidates.map((c) => c.dimension))];
    assert.deepEqual(
      dimensions.filter((d) => d !== 'default'),
      TUNING_DIMENSIONS.map((d) => d.name).filter((d) => d !== 'split'), // one thread: nothing to split
    );
    for (const name of dimensions) {
      const stage = result.candidates.filter((c) => c.dimension === name);
      assert.ok(stage.length >= 2 && stage.every((c) => c.rounds >= 3 && c.msPerStep > 0));
    }
    const last = result.candidates.filter((c) => c.dimension === dimensions.at(-1));
    const fastest = last.reduce((x, y) => (y.relative < x.relative ? y : x));
    assert.deepEqual(result.choice, fastest.choice);
    assert.equal(result.msPerStep, fastest.msPerStep);
    assert.deepEqual(cachedChoice(result.shape, dir), result.choice);
    assert.ok(result.saved?.startsWith(dir));
  } finally {
    process.env.EMERGENCE_CACHE_DIR = previous;
  }
});
