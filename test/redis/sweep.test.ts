import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queryResults } from '../../src/results/index.ts';
import { jobIdFor, QUEUE } from '../../src/sweep/bullmq/protocol.ts';
import { runDirectory } from '../../src/sweep/plan.ts';
import { redisFixture } from './fixture.ts';
import {
  curveOf,
  plan,
  startCoordinator,
  startWorker,
  sweepResult,
  TINY,
  trainLocally,
} from './processes.ts';

const fixture = redisFixture('sweep');
const { root, children } = fixture;

// First, while no worker serves the queue.
test('a coordinator stopped (SIGTERM) before its runs ended: they are `interrupted`, the queue keeps them', async () => {
  const runs = plan([9], TINY);
  const coordinator = startCoordinator(runs, join(root, 'stopped'), fixture.redis.url);
  children.push(coordinator);
  await coordinator.waitFor(/"progress"/);
  coordinator.process.kill('SIGTERM');
  const { runs: outcomes, progress } = await sweepResult(coordinator);
  assert.deepEqual(outcomes, [{ id: runs[0].id, status: 'interrupted', skipped: false }]);
  assert.deepEqual([progress.done, progress.running], [0, 0]);
  const queue = new Queue(QUEUE, { connection: { port: fixture.redis.port } });
  try {
    assert.equal(await queue.getJobState(jobIdFor(runs[0].id)), 'waiting');
    await queue.obliterate({ force: true }); // the next tests start from an empty queue
  } finally {
    await queue.close();
  }
});

test('a sweep over two worker processes writes the same runs as emergence train, each once', async () => {
  // Four runs, and one that diverges within 10 steps, before its first checkpoint: a result, not a failure.
  const diverging = plan([1], { ...TINY, optimizer: { lr: 1000 } });
  const runs = [...plan([1, 2, 3, 4], TINY), ...diverging];
  const status = (id: string) => (id === diverging[0].id ? 'diverged' : 'completed');
  const out = join(root, 'sweep');
  const workers = [await startWorker(fixture.redis.url), await startWorker(fixture.redis.url)];
  children.push(...workers);
  const coordinator = startCoordinator(runs, out, fixture.redis.url);
  children.push(coordinator);
  const result = await sweepResult(coordinator);
  // Each run once, in plan order, with how it ended (the diverging one with the trainer's reason).
  assert.deepEqual(
    result.runs.map((r) => [r.id, r.status, r.skipped]),
    runs.map((r) => [r.id, status(r.id), false]),
  );
  assert.match(result.runs[4].message ?? '', /the run diverged/);
  assert.deepEqual([result.progress.done, result.progress.failed, result.progress.skipped], [5, 1, 0]);

  assert.deepEqual(readdirSync(join(out, 'runs')).sort(), runs.map((r) => r.id).sort());
  for (const run of runs) {
    const local = join(root, `local-${run.id}`);
    trainLocally(run, local);
    const dir = runDirectory(out, run.id);
    assert.deepEqual(curveOf(dir), curveOf(local), `run ${run.id}: the curve differs from a local run's`);
    assert.equal(
      readFileSync(join(dir, 'config.json'), 'utf8'),
      readFileSync(join(local, 'config.json'), 'utf8'),
    );
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    const expected = JSON.parse(readFileSync(join(local, 'summary.json'), 'utf8'));
    assert.deepEqual([summary.status, summary.step], [status(run.id), expected.step]);
  }
  // Both workers took runs.
  for (const worker of workers) assert.match(worker.output(), /completed at step 40/);

  const stored = await queryResults(out, 'SELECT id, status FROM runs ORDER BY id');
  assert.deepEqual(
    stored.rows,
    runs.map((r) => [r.id, status(r.id)]).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  // Collected runs leave nothing behind in Redis but the queue's own bookkeeping.
  const client = new Redis(fixture.redis.port, '127.0.0.1');
  try {
    assert.deepEqual(await client.keys('emergence:*'), []);
    assert.equal(await client.llen('bull:emergence-runs:wait'), 0);
  } finally {
    client.disconnect();
  }

  // Again on the same DIR, with a run planned twice: nothing to do, every run skipped with its status.
  const rerun = startCoordinator([...runs, runs[0]], out, fixture.redis.url);
  children.push(rerun);
  const again = await sweepResult(rerun);
  assert.deepEqual(
    again.runs.map((r) => [r.id, r.status, r.skipped]),
    runs.map((r) => [r.id, status(r.id), true]),
  );
  assert.deepEqual([again.progress.done, again.progress.skipped, again.progress.running], [5, 5, 0]);
});

test('a run whose job fails is `failed` with the error; the other runs go on', async () => {
  const [good, planned] = plan([7, 8], TINY);
  // A config the worker rejects (as `emergence train` would): not retried, the job fails at once.
  const bad = { ...planned, config: { ...planned.config, steps: -1 } };
  children.push(await startWorker(fixture.redis.url));
  const coordinator = startCoordinator([good, bad], join(root, 'failing'), fixture.redis.url);
  children.push(coordinator);
  const { runs: outcomes, progress } = await sweepResult(coordinator);
  assert.deepEqual(
    outcomes.map((r) => [r.id, r.status]),
    [
      [good.id, 'completed'],
      [bad.id, 'failed'],
    ],
  );
  assert.match(outcomes[1].message ?? '', /steps/);
  assert.deepEqual([progress.done, progress.failed], [1, 1]);
});
