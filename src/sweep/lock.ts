import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { replaceOutput } from '../files.ts';

/** The file that says a sweep is running in a directory: the sweep's process id and its runs' processes. */
export const SWEEP_LOCK = 'sweep.lock';

interface LockContent {
  pid: number;
  children: number[];
}

export interface SweepLock {
  /** Records the processes of the running runs. */
  children(pids: number[]): void;
  release(): void;
}

/** How long a sweep waits for the runs of a killed sweep to stop (they stop within a step of noticing). */
const ORPHAN_WAIT_MS = 60_000;

/**
 * Takes `out` for this process: two sweeps in one directory would both resume the same runs. A lock left by
 * a sweep that no longer runs (killed) is taken over once the runs it had started have stopped: they notice
 * their sweep is gone and checkpoint, and must be done writing before their runs are resumed.
 */
export async function lockSweep(out: string): Promise<SweepLock> {
  const path = join(out, SWEEP_LOCK);
  const write = (children: number[]) =>
    replaceOutput(path, `${JSON.stringify({ pid: process.pid, children } satisfies LockContent)}\n`);
  try {
    writeFileSync(path, `${JSON.stringify({ pid: process.pid, children: [] })}\n`, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const held = readLock(path);
    if (held.pid !== process.pid && isRunning(held.pid)) {
      throw new UsageError(
        `--out ${out} is in use by another sweep (process ${held.pid}): wait for it or stop it`,
      );
    }
    const deadline = Date.now() + ORPHAN_WAIT_MS;
    let left = held.children.filter(isRunning);
    while (left.length > 0) {
      if (Date.now() > deadline) {
        throw new UsageError(
          `--out ${out}: runs of a stopped sweep are still running (processes ${left.join(', ')}): stop them first`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = left.filter(isRunning);
    }
    write([]);
  }
  return { children: write, release: () => rmSync(path, { force: true }) };
}

function readLock(path: string): LockContent {
  try {
    const { pid, children } = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return { pid: Number(pid), children: Array.isArray(children) ? children : [] };
  } catch {
    return { pid: 0, children: [] }; // cut short by a crash: nobody holds it
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** An ended process not yet reaped (an orphan whose new parent does not reap): Linux's state Z. */
function isZombie(pid: number): boolean {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
