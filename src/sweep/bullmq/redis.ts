import { Redis, type RedisOptions } from 'ioredis';
import { invalid, UsageError } from '../../errors.ts';

/** A Redis server named by a URL: connection options, and the URL without its password (for messages). */
export interface RedisTarget {
  options: RedisOptions;
  display: string;
}

const URL_FORM = 'a Redis URL redis://host:port, or redis://:PASSWORD@host:port';
/** How long the first connection may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 3000;

/** Parses `redis://[[user]:password@]host[:port][/db]`; a malformed URL is a UsageError naming `flag`. */
export function parseRedisUrl(text: string, flag = '--redis'): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(flag, URL_FORM, hidePassword(text));
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const db = url.pathname.replace(/^\//, '');
  if (url.protocol !== 'redis:' || host === '' || !/^\d*$/.test(db) || url.search || url.hash) {
    throw invalid(flag, URL_FORM, hidePassword(text));
  }
  const port = url.port === '' ? 6379 : Number(url.port);
  const options: RedisOptions = { host, port, db: db === '' ? 0 : Number(db) };
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  const display = `redis://${url.host}${db === '' ? '' : `/${db}`}`;
  return { options, display };
}

function hidePassword(text: string): string {
  return text.replace(/:[^:/@]*@/, ':***@');
}

/**
 * Connects to `target` and checks it answers (PING), within a few seconds: an unreachable server, a missing
 * or wrong password give one UsageError naming the URL. Once connected, a lost connection is retried for
 * ever (a sweep outlives a Redis restart), each loss reported once through `onError`.
 */
export async function connectRedis(target: RedisTarget, onError?: (message: string) => void): Promise<Redis> {
  let connected = false;
  const redis = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: null, // BullMQ's workers need it; commands wait for a reconnection
    retryStrategy: (times) => (connected ? Math.min(200 * times, 2000) : null),
  });
  let reported = false;
  let refusal: Error | null = null; // the server's own reason (NOAUTH, …): connect() only says "closed"
  redis.on('error', (e: Error) => {
    if (!connected) refusal ??= e;
    if (!connected || reported) return;
    reported = true;
    onError?.(`${target.display}: ${describe(e)}; retrying`);
  });
  redis.on('ready', () => {
    reported = false;
  });
  try {
    await withTimeout(
      (async () => {
        await redis.connect();
        await redis.ping();
      })(),
      CONNECT_TIMEOUT_MS + 1000,
    );
  } catch (e) {
    redis.disconnect();
    throw unreachable(target, refusal ?? (e as Error));
  }
  connected = true;
  return redis;
}

function unreachable(target: RedisTarget, e: Error): UsageError {
  const text = e.message;
  if (/NOAUTH/.test(text)) {
    return new UsageError(
      `Redis at ${target.display} needs a password: give it as redis://:PASSWORD@host:port`,
    );
  }
  if (/WRONGPASS|invalid password|invalid username-password/i.test(text)) {
    return new UsageError(`Redis at ${target.display} refused the password in the URL`);
  }
  return new UsageError(`cannot reach Redis at ${target.display} (${describe(e)})`);
}

function describe(e: Error): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return 'connection refused: is redis-server running there?';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host';
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(e.message)) {
    return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  }
  return code ?? e.message.split('\n')[0];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
