import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { queryResults } from '../../src/results/index.ts';
import { type PlannedRun, runDirectory } from '../../src/sweep/plan.ts';
import { redisFixture } from './fixture.ts';
import { type Child, curveOf, plan, startCoordinator, startWorker, sweepResult } from './processes.ts';

// Runs of a few seconds each (a worker sends progress once a second), evaluated every 100 steps.
const SHORT = {
  steps: 3000,
  model: { width: 128 },
  data: { batch: 500 },
  evaluation: { every: 100, perSkill: 500, testPoints: 500 },
};
const STEPS = Array.from({ length: 31 }, (_, i) => i * 100);

const fixture = redisFixture('restart');
const { root, children } = fixture;

const completions = (worker: Child) => worker.output().match(/completed at step/g)?.length ?? 0;

test('a coordinator killed and started again: every run once in DIR/runs and in the store, none missing', async () => {
  const runs = plan([11, 12, 13, 14, 15], SHORT);
  const out = join(root, 'sweep');
  const worker = await startWorker(fixture.redis.url);
  children.push(worker);
  const first = startCoordinator(runs, out, fixture.redis.url);
  children.push(first);
  // Kill it once it has collected a run and copied part of the next one's curve.
  const has = (r: PlannedRun, file: string) => existsSync(join(runDirectory(out, r.id), file));
  const collected = () => runs.filter((r) => has(r, 'summary.json')).length;
  const partial = () =>
    runs.some(
      (r) =>
        !has(r, 'summary.json') &&
        has(r, 'curve.jsonl') &&
        readFileSync(join(runDirectory(out, r.id), 'curve.jsonl'), 'utf8').split('\n').length > 2,
    );
  while ((collected() < 1 || !partial()) && collected() < runs.length)
    await new Promise((r) => setTimeout(r, 20));
  assert.ok(partial(), 'the coordinator was stopped with part of a curve copied');
  first.process.kill('SIGKILL');
  await first.exited;
  const before = collected();
  // A run finishes while no coordinator is there to collect it.
  const seen = completions(worker);
  await worker.waitFor(new RegExp(`(completed at step[\\s\\S]*){${seen + 1}}`));

  const second = startCoordinator(runs, out, fixture.redis.url);
  children.push(second);
  const { runs: outcomes, progress } = await sweepResult(second);
  assert.deepEqual([progress.done, progress.failed, progress.skipped], [5, 0, before]);
  assert.deepEqual(
    outcomes.map((r) => r.status),
    runs.map(() => 'completed'),
  );
  assert.equal(
    outcomes.filter((r) => r.skipped).length,
    before,
    'the runs collected before the kill are skipped',
  );
  assert.ok(before < 5, 'the first coordinator was killed before the end');

  assert.deepEqual(readdirSync(join(out, 'runs')).sort(), runs.map((r) => r.id).sort());
  for (const run of runs) {
    assert.deepEqual(
      curveOf(runDirectory(out, run.id)).map((p) => p.step),
      STEPS,
      `run ${run.id}: every evaluation once`,
    );
  }
  const stored = await queryResults(
    out,
    'SELECT id, status, count(*) OVER (PARTITION BY id) AS n FROM runs ORDER BY id',
  );
  assert.deepEqual(
    stored.rows,
    runs.map((r) => [r.id, 'completed', 1]).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const repeated = await queryResults(
    out,
    'SELECT run_id, step, skill FROM curves GROUP BY ALL HAVING count(*) > 1',
  );
  assert.deepEqual(repeated.rows, [], 'no evaluation stored twice');
  assert.equal(completions(worker), 5, 'each run trained to the end once');
  const client = new Redis(fixture.redis.port, '127.0.0.1');
  try {
    assert.deepEqual(await client.keys('emergence:*'), []);
  } finally {
    client.disconnect();
  }
});
