import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `emergence` command's script. */
export const bin = fileURLToPath(new URL('../../bin/emergence.js', import.meta.url));

/**
 * Runs `emergence …args` in a child process, as a user would; with `timeout` (ms) the child is killed when it
 * runs longer, and `signal` says so ('SIGTERM').
 */
export function runCli(
  args: string[],
  timeout?: number,
): { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `emergence …args` in a child process without waiting for it (to send it signals, say). */
export function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args]);
}

/** Flags that shrink a run to about a second: a narrow network, small batches and evaluations. */
export const SMALL_RUN = [
  '--width',
  '16',
  '--batch',
  '64',
  '--eval-every',
  '10',
  '--eval-samples',
  '100',
  '--test-points',
  '200',
];

/** Resolves with the child's stderr once it matches `pattern`; rejects if the child ends first. */
export function waitFor(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk;
      if (!pattern.test(text)) return;
      child.stderr.off('data', onData);
      resolve(text);
    };
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before ${pattern}: ${text}`)));
  });
}

/** Resolves with how the child ended. */
export function exited(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
