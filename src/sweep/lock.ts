import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

/** The file that says a sweep is running in a directory: the process id of the sweep holding it. */
export const SWEEP_LOCK = 'sweep.lock';

/**
 * Takes `out` for this process: two sweeps in one directory would both resume the same runs. A lock left by
 * a sweep that no longer runs (killed) is taken over. Returns the function that releases it.
 */
export function lockSweep(out: string): () => void {
  const path = join(out, SWEEP_LOCK);
  try {
    writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const holder = Number(readFileSync(path, 'utf8').trim());
    if (holder !== process.pid && isRunning(holder)) {
      throw new UsageError(
        `--out ${out} is in use by another sweep (process ${holder}): wait for it or stop it`,
      );
    }
    writeFileSync(path, `${process.pid}\n`);
  }
  return () => rmSync(path, { force: true });
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
