import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { lockSweep, SWEEP_LOCK } from '../../src/sweep/lock.ts';
import { runCli } from '../helpers/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-sweep-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));

test("a directory a running sweep holds is refused; a dead holder's lock is taken over once its runs stop", async () => {
  const path = join(root, SWEEP_LOCK);
  const holder = (pid: number, children: number[] = []) =>
    writeFileSync(path, JSON.stringify({ pid, children }));
  holder(process.ppid); // a live process: the test runner
  await assert.rejects(lockSweep(root), {
    name: 'UsageError',
    message: `--out ${root} is in use by another sweep (process ${process.ppid}): wait for it or stop it`,
  });
  // A killed sweep whose run is still writing: taken over only when that run has stopped.
  const dead = spawnSync(process.execPath, ['-e', '']).pid;
  const t0 = performance.now();
  const run = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)']);
  holder(dead, [run.pid!]);
  const lock = await lockSweep(root);
  assert.ok(performance.now() - t0 >= 1500, 'waited for the run to end');
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).pid, process.pid);
  lock.children([123]);
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { pid: process.pid, children: [123] });
  lock.release();
  assert.equal(existsSync(path), false);
});

test('emergence sweep: a bad file or option is one line, exit 2, and nothing is written', () => {
  const file = join(root, 'bad.json');
  writeFileSync(file, JSON.stringify({ preset: 'fig11a', grid: { width: [16, -1] } }));
  const out = join(root, 'out');
  for (const [args, message] of [
    [[file, '--out', out], 'error: grid.width[1] must be an integer from 1 to 65536 (got -1)\n'],
    [[file, '--out', out, '--jobs', '0'], 'error: --jobs must be an integer from 1 to 4096 (got 0)\n'],
    [[file], 'error: --out must name the sweep directory\n'],
  ] as const) {
    const r = runCli(['sweep', ...args]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, message);
  }
  assert.equal(existsSync(out), false);
});
