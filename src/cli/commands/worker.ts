import { type ChildProcess, spawn } from 'node:child_process';
import { Command } from 'commander';
import { invalid } from '../../errors.ts';
import { connectRedis, parseRedisUrl } from '../../sweep/bullmq/redis.ts';
import { serveRuns } from '../../sweep/bullmq/worker.ts';
import { num } from '../options.ts';

export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'take runs of distributed sweeps from Redis and train them (no shared disk needed): curves, checkpoints ' +
        'and summaries go back through Redis; Ctrl-C or SIGTERM checkpoints and hands the runs back',
    )
    .option('--redis <url>', 'redis://host:port or redis://:PASSWORD@host:port (required)')
    .option('--concurrency <n>', 'runs at once, one process each (default 1; one per core)', num)
    .action((opts) => worker(opts));
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];
/** The shell's exit codes for a process ended by a signal: 128 + its number. */
const EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

async function worker(opts: { redis?: string; concurrency?: number | string }): Promise<void> {
  if (typeof opts.redis !== 'string') throw invalid('--redis', 'a Redis URL redis://host:port');
  const concurrency = opts.concurrency ?? 1;
  if (
    typeof concurrency !== 'number' ||
    !Number.isInteger(concurrency) ||
    concurrency < 1 ||
    concurrency > 256
  ) {
    throw invalid('--concurrency', 'an integer from 1 to 256', concurrency);
  }
  const target = parseRedisUrl(opts.redis);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const redis = await connectRedis(target, log);
  // The first SIGINT/SIGTERM stops after a checkpoint, handing the runs back; a second one exits at once.
  const stop = new AbortController();
  const onSignal = (signal: StopSignal) => {
    if (stop.signal.aborted) process.exit(EXIT_CODES[signal]);
    stop.abort(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  // A worker started by a parent worker stops when the parent dies; the channel alone keeps it from exiting.
  process.once('disconnect', () => stop.abort('SIGTERM'));
  process.channel?.unref();
  try {
    if (concurrency === 1) await serveRuns(redis, { signal: stop.signal, log });
    else {
      redis.disconnect();
      await superviseChildren(opts.redis, concurrency, stop.signal);
    }
  } finally {
    redis.disconnect();
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
  if (stop.signal.aborted) process.exitCode = EXIT_CODES[stop.signal.reason as StopSignal];
}

/**
 * Runs `concurrency` one-run worker processes, passing a stop on to them, until all have exited. They have a
 * process group of their own, so a terminal's Ctrl-C reaches them once (through this process), not twice.
 */
async function superviseChildren(url: string, concurrency: number, stop: AbortSignal): Promise<void> {
  const children: ChildProcess[] = Array.from({ length: concurrency }, () =>
    spawn(process.execPath, [process.argv[1], 'worker', '--redis', url], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true,
    }),
  );
  stop.addEventListener('abort', () => {
    for (const child of children) child.kill(stop.reason as StopSignal);
  });
  const codes = await Promise.all(
    children.map((child) => new Promise<number | null>((resolve) => child.once('exit', resolve))),
  );
  const failed = codes.find((c) => c !== 0 && c !== EXIT_CODES.SIGINT && c !== EXIT_CODES.SIGTERM);
  if (failed !== undefined) process.exitCode = failed ?? 1;
}
