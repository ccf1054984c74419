import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { runOnQueue } from '../../src/sweep/bullmq/coordinator.ts';
import { runCli } from '../helpers/cli.ts';
import { freePort, type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { plan, startWorker, TINY } from './processes.ts';

const PASSWORD = 'pw-for-tests';
const root = mkdtempSync(join(tmpdir(), 'emergence-redis-urls-'));
let locked: RedisServer;
before(async () => {
  locked = await startRedis(PASSWORD);
});
after(async () => {
  await locked.stop();
  rmSync(root, { recursive: true, force: true });
});

/** `emergence worker --redis url`: one line on stderr, exit 2, within a few seconds. */
function assertOneLine(url: string, pattern: RegExp): string {
  const t0 = performance.now();
  const r = runCli(['worker', '--redis', url], 20_000);
  const seconds = (performance.now() - t0) / 1000;
  assert.equal(r.code, 2, `${r.signal ?? ''} ${r.stderr}`);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(lines[0], new RegExp(PASSWORD));
  assert.ok(seconds < 10, `answered in ${seconds.toFixed(1)} s`);
  return lines[0];
}

test('a Redis URL nobody answers at gives one line naming it, exit 2', async () => {
  const port = await freePort();
  assertOneLine(
    `redis://127.0.0.1:${port}`,
    new RegExp(`cannot reach Redis at redis://127\\.0\\.0\\.1:${port}`),
  );
  // The coordinator says the same, before writing anything.
  const out = join(root, 'never');
  await assert.rejects(
    runOnQueue(plan([1], TINY), { out, redis: `redis://127.0.0.1:${port}` }),
    (e: Error) => e instanceof UsageError && e.message.includes(`redis://127.0.0.1:${port}`),
  );
});

test('a malformed URL or concurrency names its flag', () => {
  for (const url of ['127.0.0.1:6379', 'http://127.0.0.1:6379', 'redis://', 'redis://host:6379/x']) {
    assertOneLine(url, /^error: --redis must be a Redis URL/);
  }
  const r = runCli(['worker', '--redis', locked.url, '--concurrency', '0']);
  assert.equal(r.code, 2);
  assert.match(r.stderr.trim(), /^error: --concurrency must be an integer from 1 to 256 \(got 0\)$/);
});

test('a server with a password: redis://:PASSWORD@host:port connects; without it or with a wrong one, one line', async () => {
  const display = `redis://127.0.0.1:${locked.port}`;
  assertOneLine(display, /needs a password: give it as redis:\/\/:PASSWORD@host:port/);
  assertOneLine(`redis://:wrong@127.0.0.1:${locked.port}`, /refused the password/);
  // With the password: `--concurrency 2` starts two worker processes; Ctrl-C stops both, exit 130.
  const worker = await startWorker(locked.url, '--concurrency', '2');
  await worker.waitFor(/waiting for runs[\s\S]*waiting for runs/);
  worker.process.kill('SIGINT');
  assert.equal((await worker.exited).code, 130, worker.output());
});
