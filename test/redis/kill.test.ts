import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runDirectory } from '../../src/sweep/plan.ts';
import { redisFixture } from './fixture.ts';
import { curveOf, plan, startCoordinator, startWorker, trainLocally, waitForLines } from './processes.ts';

// One run long enough (4–12 s) to stop its worker in the middle: evaluated every 100 steps.
const LONG = {
  steps: 8000,
  model: { width: 256 },
  data: { batch: 1000 },
  evaluation: { every: 100, perSkill: 500, testPoints: 500 },
};
const STEPS = Array.from({ length: 81 }, (_, i) => i * 100);

const fixture = redisFixture('kill');
const { root, children } = fixture;

/**
 * Starts the run on a first worker, stops that worker with `signal` once DIR holds a few evaluations, and has a
 * second worker finish it; returns the second worker's output and the first's exit.
 */
async function interrupt(name: string, seed: number, signal: NodeJS.Signals) {
  const [run] = plan([seed], LONG);
  const out = join(root, name);
  const first = await startWorker(fixture.redis.url);
  const coordinator = startCoordinator([run], out, fixture.redis.url);
  children.push(first, coordinator);
  await waitForLines(out, run.id, 4);
  assert.doesNotMatch(first.output(), /completed/, 'the first worker was stopped mid-run');
  first.process.kill(signal);
  const firstExit = await first.exited;
  const second = await startWorker(fixture.redis.url);
  children.push(second);
  const { code } = await coordinator.exited;
  assert.equal(code, 0, coordinator.output());
  second.process.kill('SIGTERM');
  await second.exited;
  const local = join(root, `${name}-local`);
  trainLocally(run, local);
  const curve = curveOf(runDirectory(out, run.id));
  assert.deepEqual(
    curve.map((p) => p.step),
    STEPS,
    'every evaluation once, none lost or repeated',
  );
  assert.deepEqual(curve, curveOf(local), 'the curve equals the uninterrupted run');
  const resumedAt = Number(second.output().match(/resuming from step (\d+)/)?.[1]);
  assert.ok(resumedAt >= 300, `the second worker resumed from the checkpoint: ${second.output()}`);
  return { firstExit, first: first.output(), resumedAt };
}

test('a worker killed (SIGKILL) mid-run: another worker finishes the run from its last checkpoint', async () => {
  const { firstExit } = await interrupt('killed', 5, 'SIGKILL');
  assert.equal(firstExit.signal, 'SIGKILL');
});

test('a worker stopped by SIGTERM checkpoints, hands the run back and exits 143', async () => {
  const { firstExit, first } = await interrupt('stopped', 6, 'SIGTERM');
  assert.equal(firstExit.code, 143, first);
  assert.match(first, /stopped at step \d+, back in the queue/);
});
