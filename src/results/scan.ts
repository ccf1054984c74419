import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { RUN_FILES } from '../experiment/run.ts';

/** A file's size and modification time: what tells the store it changed since it was read. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** A run directory: DIR/runs/<id>/ (a sweep's), or DIR itself when it holds one `train --out` run. */
export interface RunDir {
  /** The directory's name under runs/ (the run's id), null for DIR itself. */
  name: string | null;
  /** Relative to DIR ('.' for DIR itself). */
  path: string;
  dir: string;
  config: FileStamp;
  summary: FileStamp | null;
  curve: FileStamp | null;
}

/** The sub-directory of DIR that a sweep fills with one directory per run. */
export const RUNS_FOLDER = 'runs';

/** Every run directory in `dir` (those with a config.json), sorted by path; a clear error when there is none. */
export function scanRuns(dir: string): RunDir[] {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`DIR must be a directory of runs (got "${dir}", which is not a directory)`);
  }
  const runs: RunDir[] = [];
  const self = runDir(root, '.', null);
  if (self) runs.push(self);
  const folder = join(root, RUNS_FOLDER);
  if (existsSync(folder)) {
    for (const name of readdirSync(folder).sort()) {
      const run = runDir(join(folder, name), `${RUNS_FOLDER}/${name}`, name);
      if (run) runs.push(run);
    }
  }
  if (runs.length === 0) {
    throw new UsageError(
      `${dir} holds no runs: expected ${RUNS_FOLDER}/<id>/${RUN_FILES.config} (a sweep's) or ${RUN_FILES.config} (one train --out run)`,
    );
  }
  return runs;
}

function runDir(dir: string, path: string, name: string | null): RunDir | null {
  const config = stamp(join(dir, RUN_FILES.config));
  if (!config) return null;
  return {
    name,
    path,
    dir,
    config,
    summary: stamp(join(dir, RUN_FILES.summary)),
    curve: stamp(join(dir, RUN_FILES.curve)),
  };
}

function stamp(path: string): FileStamp | null {
  try {
    const s = statSync(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}
