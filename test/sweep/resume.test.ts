import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readCurve } from '../../src/experiment/run.ts';
import { exited, runCli, spawnCli } from '../helpers/cli.ts';
import {
  curveOf,
  fingerprint,
  runSweepCli,
  storedRuns,
  summaryOf,
  sweepFile,
  TINY,
} from '../helpers/sweep.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-sweep-resume-'));
after(() => rmSync(root, { recursive: true, force: true }));

// Runs long enough (a few seconds each) to be caught mid-way: 4 of them on 2 cores.
const STEPS = 60_000;
const EVERY = 2000;
const SWEEP = {
  preset: 'fig11a',
  set: { ...TINY, width: 16, steps: STEPS, 'eval-every': EVERY },
  seeds: [1, 2, 3, 4],
};

const hasSummary = (out: string, id: string) => existsSync(join(out, 'runs', id, 'summary.json'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lastStep = (out: string, id: string) =>
  readCurve(join(out, 'runs', id, 'curve.jsonl')).at(-1)?.step ?? 0;

/**
 * Waits (reading the run directories) until a run has completed and another is at most half way, so that it
 * is still running when a signal sent now lands.
 */
async function midway(child: ChildProcessWithoutNullStreams, out: string, ids: string[]): Promise<void> {
  for (;;) {
    assert.equal(child.exitCode, null, 'the sweep ended before it could be caught mid-way');
    const completed = ids.some((id) => hasSummary(out, id) && summaryOf(out, id).status === 'completed');
    const partway = ids.some(
      (id) => !hasSummary(out, id) && lastStep(out, id) > 0 && lastStep(out, id) <= STEPS / 2,
    );
    if (completed && partway) return;
    await sleep(50);
  }
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGKILL', null],
] as const) {
  test(`a sweep stopped by ${signal} mid-way resumes: no run redone, none lost, resumed curves as uninterrupted`, {
    timeout: 300_000,
  }, async () => {
    const out = join(root, signal);
    const { path, ids } = sweepFile(root, `${signal}.json`, SWEEP);
    const child = spawnCli(['sweep', path, '--out', out, '--jobs', '2']);
    const end = exited(child);
    await midway(child, out, ids);
    const completed = ids.filter((id) => hasSummary(out, id) && summaryOf(out, id).status === 'completed');
    const kept = Object.fromEntries(completed.map((id) => [id, fingerprint(out, id)]));
    child.kill(signal);
    const stopped = await Promise.race([end, sleep(30_000).then(() => null)]);
    if (stopped === null) {
      child.kill('SIGKILL');
      assert.fail(`still running 30 s after ${signal}`);
    }
    assert.deepEqual(stopped, code === null ? { code: null, signal } : { code, signal: null });
    if (signal === 'SIGINT') {
      // Interrupted runs checkpointed; the store was brought up to date before exiting.
      assert.ok(existsSync(join(out, 'results.duckdb')));
    } else {
      // Killed at once: its runs notice the sweep is gone and checkpoint themselves.
      const started = ids.filter((id) => existsSync(join(out, 'runs', id, 'config.json')));
      for (let i = 0; i < 100 && !started.every((id) => hasSummary(out, id)); i++) await sleep(100);
    }
    const cut = ids.filter((id) => hasSummary(out, id) && summaryOf(out, id).status === 'interrupted');
    assert.ok(
      cut.some((id) => summaryOf(out, id).step > 0),
      `a run stopped part way: ${ids.map((id) => (hasSummary(out, id) ? summaryOf(out, id).status : 'no summary'))}`,
    );

    const r = runSweepCli(path, out, '--jobs', '2');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.runs.every((o) => o.status === 'completed'),
      JSON.stringify(r.runs),
    );
    for (const id of completed) {
      assert.deepEqual(fingerprint(out, id), kept[id], `completed run ${id} not redone`);
      assert.equal(r.runs.find((o) => o.id === id)?.skipped, true);
    }
    assert.deepEqual(
      storedRuns(out),
      [...ids].sort().map((id) => ({ id, status: 'completed' })),
      'every run once in the store',
    );
    const evaluations = Array.from({ length: STEPS / EVERY + 1 }, (_, i) => i * EVERY);
    for (const id of cut) {
      const resumed = curveOf(join(out, 'runs', id)) as { step: number }[];
      assert.deepEqual(
        resumed.map((p) => p.step),
        evaluations,
        `run ${id}: every evaluation once`,
      );
      const whole = join(root, `${signal}-${id}-whole`);
      const t = runCli(['train', '--config', join(out, 'runs', id, 'config.json'), '--out', whole]);
      assert.equal(t.code, 0, t.stderr);
      assert.deepEqual(resumed, curveOf(whole), `run ${id}: the resumed curve is the uninterrupted one`);
    }
    assert.equal(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')).sweeps.length, 1);
  });
}
