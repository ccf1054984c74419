import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { jobIdFor, publishProgress, readProgress, runKeys } from '../../src/sweep/bullmq/protocol.ts';

import { redisFixture } from './fixture.ts';

const fixture = redisFixture('protocol');
let client: Redis | null = null;
const connection = () => (client ??= new Redis(fixture.redis.port, '127.0.0.1'));
after(() => client?.disconnect());

const LOCK = 'bull:emergence-runs:r1:lock';
// Every byte value, as a checkpoint's float32 data holds them.
const checkpoint = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));

test('a worker appends lines and replaces the checkpoint only while it holds the job lock', async () => {
  const redis = connection();
  await redis.set(LOCK, 'token-a');
  const lines = ['{"step":0}', '{"step":10}'];
  assert.equal(
    await publishProgress(redis, 'r1', { key: LOCK, token: 'token-b' }, lines, 10, checkpoint),
    false,
  );
  assert.equal(
    await redis.exists(runKeys('r1').curve, runKeys('r1').state),
    0,
    'nothing written without the lock',
  );

  assert.equal(
    await publishProgress(redis, 'r1', { key: LOCK, token: 'token-a' }, lines, 10, checkpoint),
    true,
  );
  assert.equal(
    await publishProgress(redis, 'r1', { key: LOCK, token: 'token-a' }, ['{"step":20}'], 20, checkpoint),
    true,
  );
  const all = await readProgress(redis, 'r1');
  assert.deepEqual(all.lines, [...lines, '{"step":20}']);
  assert.equal(all.step, 20);
  assert.ok(all.checkpoint?.equals(checkpoint), 'the checkpoint comes back byte for byte');
  // From line 2 on, and without the checkpoint when its step is known.
  assert.deepEqual(await readProgress(redis, 'r1', 2, 20), {
    lines: ['{"step":20}'],
    step: 20,
    checkpoint: null,
  });
});

test('a run id that reads as an integer gets a job id BullMQ accepts; others are the job id', () => {
  assert.equal(jobIdFor('1234567890123456'), 'run-1234567890123456');
  assert.equal(jobIdFor('0123456789012345'), '0123456789012345');
  assert.equal(jobIdFor('4caaff4004c56fc4'), '4caaff4004c56fc4');
});
