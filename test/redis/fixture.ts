import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type RedisServer, startRedis } from '../helpers/redis-server.ts';
import { type Child, stopAll } from './processes.ts';

/** A test file's redis-server (started before its tests, stopped after), temporary directory and processes. */
export interface RedisFixture {
  root: string;
  redis: RedisServer;
  /** Child processes to kill, if still running, after the file's tests. */
  children: Child[];
}

export function redisFixture(name: string): RedisFixture {
  const fixture = {
    root: mkdtempSync(join(tmpdir(), `emergence-redis-${name}-`)),
    children: [],
  } as unknown as RedisFixture;
  before(async () => {
    fixture.redis = await startRedis();
  });
  after(async () => {
    stopAll(fixture.children);
    await fixture.redis.stop();
    rmSync(fixture.root, { recursive: true, force: true });
  });
  return fixture;
}
