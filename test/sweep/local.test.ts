import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runId } from '../../src/results/run-id.ts';
import { runCli } from '../helpers/cli.ts';
import {
  curveOf,
  fingerprint,
  runSweepCli,
  storedRuns,
  summaryOf,
  sweepFile,
  TINY,
} from '../helpers/sweep.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-sweep-local-'));
after(() => rmSync(root, { recursive: true, force: true }));

const sorted = (ids: string[]) => [...ids].sort();
const out = join(root, 'grid');
const grid = (widths: number[]) => ({ preset: 'fig11a', set: TINY, grid: { width: widths }, seeds: [1, 2] });

test('a sweep of 4 real runs on 2 cores completes every run, once each in the store', {
  timeout: 300_000,
}, () => {
  const { path, ids } = sweepFile(root, 'grid.json', grid([16, 24]));
  const r = runSweepCli(path, out, '--jobs', '2');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(sorted(r.runs.map((o) => o.id)), sorted(ids));
  assert.ok(
    r.runs.every((o) => o.status === 'completed' && !o.skipped),
    JSON.stringify(r.runs),
  );
  for (const id of ids) {
    assert.equal(summaryOf(out, id).status, 'completed');
    assert.deepEqual(
      curveOf(join(out, 'runs', id)).map((p) => (p as { step: number }).step),
      [0, 10, 20, 30, 40],
    );
  }
  assert.deepEqual(
    storedRuns(out),
    sorted(ids).map((id) => ({ id, status: 'completed' })),
  );
  const record = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
  assert.deepEqual(
    record.sweeps.map((s: { runs: { id: string }[] }) => s.runs.map((run) => run.id)),
    [ids],
  );
  // One progress line for the sweep, as JSON lines (stderr is not a terminal), ending at 4 of 4 runs done.
  const last = JSON.parse(
    r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{"event":"sweep"'))
      .at(-1)!,
  );
  assert.deepEqual(
    [last.done, last.total, last.failed, last.stepsDone, last.stepsTotal],
    [4, 4, 0, 160, 160],
  );

  // The run `emergence train` makes from the same flags is the sweep's run: same id, same curve.
  const single = join(root, 'single');
  const flags = Object.entries(TINY).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const t = runCli([
    'train',
    '--preset',
    'fig11a',
    ...flags,
    '--width',
    '24',
    '--seed',
    '2',
    '--out',
    single,
  ]);
  assert.equal(t.code, 0, t.stderr);
  const id = runId(JSON.parse(readFileSync(join(single, 'config.json'), 'utf8')));
  assert.ok(ids.includes(id), `${id} in ${ids}`);
  assert.deepEqual(curveOf(single), curveOf(join(out, 'runs', id)));
});

test('rerunning with a grid value added runs only the new runs and leaves the others untouched', {
  timeout: 300_000,
}, () => {
  const { ids: before } = sweepFile(root, 'grid.json', grid([16, 24]));
  const kept = Object.fromEntries(before.map((id) => [id, fingerprint(out, id)]));
  const { path, ids } = sweepFile(root, 'grid.json', grid([16, 24, 32]));
  const r = runSweepCli(path, out, '--jobs', '2');
  assert.equal(r.code, 0, r.stderr);
  const added = ids.filter((id) => !before.includes(id));
  assert.equal(added.length, 2);
  assert.deepEqual(sorted(r.runs.filter((o) => o.skipped).map((o) => o.id)), sorted(before));
  assert.deepEqual(
    sorted(r.runs.filter((o) => !o.skipped && o.status === 'completed').map((o) => o.id)),
    sorted(added),
  );
  for (const id of before) assert.deepEqual(fingerprint(out, id), kept[id], `run ${id} not redone`);
  assert.deepEqual(
    storedRuns(out).map((s) => s.id),
    sorted(ids),
  );
  assert.equal(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')).sweeps.length, 2);
});

test('a diverging run is stored diverged with its partial curve, a failing one is reported, the rest complete', {
  timeout: 300_000,
}, () => {
  const dir = join(root, 'mixed');
  const { path, ids } = sweepFile(root, 'mixed.json', {
    preset: 'fig11a',
    set: { ...TINY, width: 16 },
    grid: { lr: [0.02, 1e6, 0.01] },
  });
  const [fine, diverging, failing] = ids;
  // A file where the run's directory should go: that run cannot start.
  mkdirSync(join(dir, 'runs'), { recursive: true });
  writeFileSync(join(dir, 'runs', failing), '');
  const r = runSweepCli(path, dir, '--jobs', '2');
  assert.equal(r.code, 1, 'a run failed');
  const outcome = Object.fromEntries(r.runs.map((o) => [o.id, o]));
  assert.equal(outcome[fine].status, 'completed');
  assert.equal(outcome[diverging].status, 'diverged');
  assert.match(outcome[diverging].message!, /diverged/);
  assert.equal(outcome[failing].status, 'failed');
  assert.match(outcome[failing].message!, /^error: cannot create directory .*: a file of that name exists$/);
  assert.match(r.stderr, new RegExp(`failed ${failing}: error: cannot create directory`));
  const summary = summaryOf(dir, diverging);
  assert.equal(summary.status, 'diverged');
  const partial = curveOf(join(dir, 'runs', diverging)) as { step: number }[];
  assert.ok(partial.length >= 1 && partial.at(-1)!.step < 40, 'the curve up to the divergence');
  assert.deepEqual(
    storedRuns(dir),
    sorted([fine, diverging]).map((id) => ({ id, status: id === fine ? 'completed' : 'diverged' })),
  );

  // Once the obstacle is gone, the failed run runs; the diverged one is not retried.
  rmSync(join(dir, 'runs', failing));
  const kept = fingerprint(dir, diverging);
  const again = runSweepCli(path, dir, '--jobs', '2');
  assert.equal(again.code, 0, again.stderr);
  const second = Object.fromEntries(again.runs.map((o) => [o.id, o]));
  assert.deepEqual(second[diverging], {
    id: diverging,
    status: 'diverged',
    skipped: true,
    message: summary.message,
  });
  assert.deepEqual([second[failing].status, second[failing].skipped], ['completed', false]);
  assert.deepEqual(fingerprint(dir, diverging), kept);
  assert.deepEqual(second[fine], { id: fine, status: 'completed', skipped: true });
});

test('the last run gets two threads when two cores are free, and keeps its id', { timeout: 300_000 }, () => {
  const dir = join(root, 'threads');
  const { path, ids } = sweepFile(root, 'one.json', {
    preset: 'fig11a',
    set: { ...TINY, width: 16 },
    seeds: [5],
  });
  const r = runSweepCli(path, dir, '--jobs', '2');
  assert.equal(r.code, 0, r.stderr);
  const config = JSON.parse(readFileSync(join(dir, 'runs', ids[0], 'config.json'), 'utf8'));
  assert.equal(config.threads, 2);
  assert.equal(runId(config), ids[0]);
  assert.equal(summaryOf(dir, ids[0]).status, 'completed');
});

test('runs that share task, data and batch train as packs, each into its own run directory; pack false trains them alone', {
  timeout: 300_000,
}, () => {
  const split = { preset: 'fig11c', set: TINY, grid: { width: [2, 17] }, seeds: { data: 3, init: [0, 1] } };
  const packed = join(root, 'packed');
  const { path, ids } = sweepFile(root, 'packed.json', split);
  const r = runSweepCli(path, packed, '--jobs', '1');
  assert.equal(r.code, 0, r.stderr);
  assert.ok(
    r.runs.every((o) => o.status === 'completed'),
    JSON.stringify(r.runs),
  );
  assert.deepEqual(
    ids.map((id) => summaryOf(packed, id).packedWith),
    [4, 4, 4, 4],
  );
  const alone = join(root, 'alone');
  const a = runSweepCli(sweepFile(root, 'alone.json', { ...split, pack: false }).path, alone, '--jobs', '1');
  assert.equal(a.code, 0, a.stderr);
  for (const id of ids) {
    assert.equal(summaryOf(alone, id).packedWith, undefined);
    const [p, q] = [curveOf(join(packed, 'runs', id)), curveOf(join(alone, 'runs', id))] as {
      R: number[];
    }[][];
    p.forEach((point, i) => {
      point.R.forEach((R, k) => assert.ok(Math.abs(R - q[i].R[k]) < 1e-4, `${id} point ${i} R[${k}]`));
    });
  }
});
