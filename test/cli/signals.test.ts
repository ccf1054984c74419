import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exited, runCli, spawnCli, waitFor } from '../helpers/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-cli-signals-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** One thread, or two splitting units or samples. */
type Threads = 1 | { split: 'units' | 'samples' };

// A small run on the reproducible kernels, long enough (10⁸ steps) that only a signal ends it.
const run = (threads: Threads, every: number) => [
  'train',
  '--preset',
  'fig1a',
  '--width',
  '128',
  '--batch',
  '256',
  '--eval-every',
  String(every),
  '--eval-samples',
  '200',
  '--test-points',
  '300',
  '--seed',
  '3',
  '--kernels',
  'simd',
  ...(threads === 1 ? ['--threads', '1'] : ['--threads', '2', '--split', threads.split]),
];
const LONG = ['--steps', '100000000'];

const curve = (dir: string) =>
  readFileSync(join(dir, 'curve.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const { seconds: _, ...rest } = JSON.parse(l);
      return rest;
    });

/**
 * Resumes `cut` to `steps`, runs the same config uninterrupted, and checks the curves agree bit for bit, with
 * every evaluation once (at multiples of `every` and at the end).
 */
function assertResumesExactly(cut: string, args: string[], every: number, steps: number): void {
  const resumed = runCli(['train', '--out', cut, '--resume', '--steps', String(steps)]);
  assert.equal(resumed.code, 0, resumed.stderr);
  const reference = runCli([...args, '--steps', String(steps), '--out', `${cut}-whole`]);
  assert.equal(reference.code, 0, reference.stderr);
  const points = curve(cut);
  const evaluations = Array.from({ length: Math.ceil(steps / every) }, (_, i) => i * every);
  assert.deepEqual(
    points.map((p) => p.step),
    [...evaluations, steps],
    'every evaluation once, none lost or repeated',
  );
  assert.deepEqual(points, curve(`${cut}-whole`), 'the resumed curve is the uninterrupted one');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const threadings: Threads[] = [1, { split: 'units' }, { split: 'samples' }];
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)
  for (const threads of threadings) {
    const name = threads === 1 ? '1 thread' : `2 threads splitting ${threads.split}`;
    test(`${signal} stops a real run on ${name} at once, with a checkpoint and exit ${code}; --resume gives the uninterrupted curve`, {
      timeout: 180_000,
    }, async () => {
      // No evaluation after step 0, so nothing but the training loop itself can notice the signal.
      const every = 100_000_000;
      const args = run(threads, every);
      const cut = join(root, `${signal}-${threads === 1 ? 1 : threads.split}`);
      const child = spawnCli([...args, ...LONG, '--out', cut]);
      const end = exited(child);
      await waitFor(child, /"event":"evaluation","step":0,/);
      await sleep(300);
      const sent = performance.now();
      child.kill(signal);
      const result = await Promise.race([end, sleep(20_000).then(() => null)]);
      const seconds = (performance.now() - sent) / 1000;
      if (result === null) {
        child.kill('SIGKILL');
        assert.fail(`still running ${seconds.toFixed(0)} s after ${signal}`);
      }
      assert.deepEqual(result, { code, signal: null }, 'exits with 128 + the signal number');
      const summary = JSON.parse(readFileSync(join(cut, 'summary.json'), 'utf8'));
      assert.equal(summary.status, 'interrupted');
      assert.ok(summary.step > 0 && summary.step < 100_000_000, `stopped at step ${summary.step}`);
      assert.ok(existsSync(join(cut, 'checkpoint.bin')));
      assertResumesExactly(cut, args, every, summary.step + 100);
    });
  }

test('SIGKILL mid-run, then --resume from the last checkpoint, gives the uninterrupted curve', {
  timeout: 180_000,
}, async () => {
  const every = 50;
  const args = run(1, every);
  const cut = join(root, 'SIGKILL-1');
  const child = spawnCli([...args, ...LONG, '--out', cut]);
  const end = exited(child);
  await waitFor(child, new RegExp(`"event":"evaluation","step":${2 * every},`));
  child.kill('SIGKILL');
  assert.deepEqual(await end, { code: null, signal: 'SIGKILL' });
  assert.equal(existsSync(join(cut, 'summary.json')), false, 'no chance to close the run');
  const last = Math.max(...curve(cut).map((p) => p.step));
  assertResumesExactly(cut, args, every, last + 2 * every);
});
