import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { type CurvePoint, readRunConfig, trainRun } from '../../src/experiment/run.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-run-'));
after(() => rmSync(root, { recursive: true, force: true }));

// A small, fast run on the plain-SIMD kernels (bit-for-bit reproducible).
const base = {
  task: { skills: 3, bits: 10, m: 2, alpha: 0.6, S: 1 },
  model: { width: 24, initStd: 0.1 },
  optimizer: { name: 'sgd', lr: 0.3 },
  data: { regime: 'online', batch: 64 },
  steps: 40,
  evaluation: { every: 10, perSkill: 200, testPoints: 300 },
  seed: 5,
  kernels: 'simd',
};

const curve = (dir: string): CurvePoint[] =>
  readFileSync(join(dir, 'curve.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

test('trainRun writes config.json (resolved), curve.jsonl (one line per evaluation) and summary.json', async () => {
  const out = join(root, 'plain');
  const config = parseRunConfig(base);
  const summary = await trainRun(config, { out });
  assert.equal(summary.status, 'completed');
  assert.equal(summary.step, 40);
  assert.deepEqual(readRunConfig(out), config);
  const points = curve(out);
  assert.deepEqual(
    points.map((p) => p.step),
    [0, 10, 20, 30, 40],
  );
  for (const p of points) {
    assert.equal(p.R.length, 3);
    assert.equal(p.skillLoss.length, 3);
    assert.equal(p.skillAccuracy.length, 3);
    assert.ok(typeof p.loss === 'number' && p.loss > 0);
  }
  assert.equal(points[0].trainLoss, null);
  assert.ok(points[4].loss! < points[0].loss!, 'the test loss falls');
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).final, points[4]);
});

test('the same seed gives the same curve, bit for bit; another seed differs', async () => {
  const a = join(root, 'same-a');
  const b = join(root, 'same-b');
  const c = join(root, 'other');
  await trainRun(parseRunConfig(base), { out: a });
  await trainRun(parseRunConfig(base), { out: b });
  await trainRun(parseRunConfig({ ...base, seed: 6 }), { out: c });
  const strip = (ps: CurvePoint[]) => ps.map(({ seconds: _, ...rest }) => rest);
  assert.deepEqual(strip(curve(a)), strip(curve(b)));
  assert.notDeepEqual(strip(curve(a)), strip(curve(c)));
});

for (const regime of ['online', 'fixed'] as const) {
  test(`an interrupted ${regime} run resumes to exactly the uninterrupted curve (nothing lost, nothing redone)`, async () => {
    const config = parseRunConfig({
      ...base,
      data: regime === 'fixed' ? { regime, D: 150, batch: 64 } : base.data,
    });
    const whole = join(root, `whole-${regime}`);
    await trainRun(config, { out: whole });
    const cut = join(root, `cut-${regime}`);
    const stop = new AbortController();
    const first = await trainRun(config, {
      out: cut,
      signal: stop.signal,
      onStep: (step) => {
        if (step === 23) stop.abort(); // mid-way between evaluations, mid-epoch for D = 150
      },
    });
    assert.equal(first.status, 'interrupted');
    assert.equal(first.step, 23);
    assert.ok(existsSync(join(cut, 'checkpoint.bin')));
    const second = await trainRun(readRunConfig(cut), { out: cut, resume: true });
    assert.equal(second.status, 'completed');
    const strip = (ps: CurvePoint[]) => ps.map(({ seconds: _, ...rest }) => rest);
    assert.deepEqual(strip(curve(cut)), strip(curve(whole)));
  });
}

test('a second run into the same directory is refused unless resumed', async () => {
  const out = join(root, 'twice');
  await trainRun(parseRunConfig({ ...base, steps: 10 }), { out });
  await assert.rejects(trainRun(parseRunConfig(base), { out }), /already holds a run: use --resume/);
});

test('a diverging run stops with status diverged, a clear message and its results so far', async () => {
  const out = join(root, 'nan');
  const summary = await trainRun(parseRunConfig({ ...base, optimizer: { name: 'sgd', lr: 1e30 } }), { out });
  assert.equal(summary.status, 'diverged');
  assert.match(summary.message!, /training loss became (NaN|Infinity) at step \d+: the run diverged/);
  assert.ok(curve(out).length >= 1, 'the evaluations before it are kept');
});
