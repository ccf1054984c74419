import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, quotedString } from '@duckdb/node-api';
import type { RunConfig } from '../experiment/config.ts';
import { RUN_FILES, type RunSummary } from '../experiment/run.ts';
import { openStore } from './database.ts';
import { runId } from './run-id.ts';
import { type FileStamp, type RunDir, scanRuns } from './scan.ts';
import { configColumns, createRunsSql, insertCurvesSql, updateProgressSql } from './schema.ts';

/** What an ingest did: runs read anew (added or changed), removed, left as they were, and those skipped. */
export interface IngestReport {
  runs: number;
  read: number;
  removed: number;
  unchanged: number;
  /** Run directories whose config.json could not be read (being written, or not JSON): tried again next time. */
  skipped: { path: string; reason: string }[];
  seconds: number;
}

const STAMPS = ['config_size', 'config_mtime', 'summary_size', 'summary_mtime', 'curve_size', 'curve_mtime'];

/** A run directory as the store last read it. */
interface Known {
  id: string;
  path: string;
  config_size: number;
  config_mtime: number;
  summary_size: number | null;
  summary_mtime: number | null;
  curve_size: number | null;
  curve_mtime: number | null;
}

/** A run read from its files, ready for `_run_files`. */
interface RunRecord {
  id: string;
  run: RunDir;
  status: string;
  message: string | null;
  kernelsUsed: string | null;
  config: string;
}

/**
 * Brings DIR/results.duckdb up to date with the run directories: reads only the runs whose files changed
 * size or modification time since the last ingest (or are new), drops the runs that are gone, then rebuilds
 * `runs`. All in one transaction: an ingest that fails leaves the previous state.
 */
export async function ingest(dir: string): Promise<IngestReport> {
  const t0 = performance.now();
  const found = scanRuns(dir);
  const store = await openStore(dir, { readOnly: false });
  try {
    const { connection } = store;
    const stamps = `SELECT id, path, ${STAMPS.map((c) => `CAST(${c} AS DOUBLE) AS ${c}`).join(', ')} FROM _run_files`;
    const known = new Map(
      ((await connection.runAndReadAll(stamps)).getRowObjectsJS() as unknown as Known[]).map((k) => [
        k.path,
        k,
      ]),
    );
    const changed = found.filter((run) => !sameFiles(known.get(run.path), run));
    const present = new Set(found.map((r) => r.path));
    const reread = new Set(changed.map((r) => r.path));
    const stale = [...known.values()].filter((k) => !present.has(k.path) || reread.has(k.path));
    const skipped: IngestReport['skipped'] = [];
    const records = changed.flatMap((run) => {
      try {
        return [readRun(run)];
      } catch (e) {
        skipped.push({ path: run.path, reason: (e as Error).message });
        return [];
      }
    });
    if (stale.length > 0 || records.length > 0) {
      await connection.run('BEGIN TRANSACTION');
      try {
        await write(connection, stale, records);
        await connection.run('COMMIT');
      } catch (e) {
        await connection.run('ROLLBACK');
        throw e;
      }
    }
    return {
      runs: found.length - skipped.length,
      read: records.length,
      removed: stale.filter((k) => !present.has(k.path)).length,
      unchanged: found.length - changed.length,
      skipped,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    store.close();
  }
}

async function write(connection: DuckDBConnection, stale: Known[], records: RunRecord[]): Promise<void> {
  if (stale.length > 0) {
    const ids = stale.map((k) => quotedString(k.id)).join(', ');
    await connection.run(`DELETE FROM curves WHERE run_id IN (${ids})`);
    await connection.run(`DELETE FROM _run_files WHERE id IN (${ids})`);
  }
  const appender = await connection.createAppender('_run_files');
  for (const r of records) {
    const { run } = r;
    for (const v of [r.id, run.path, r.status, r.message, r.kernelsUsed]) appendText(v);
    for (const s of [run.config, run.summary, run.curve]) {
      appendNumber(s?.size ?? null);
      appendNumber(s?.mtimeMs ?? null);
    }
    appendText(r.config);
    // steps_done, evaluations, seconds: set from the run's curve below.
    for (let i = 0; i < 3; i++) appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
  const curves = records
    .filter((r) => (r.run.curve?.size ?? 0) > 0)
    .map((r) => ({ path: join(r.run.dir, RUN_FILES.curve), runId: r.id }));
  if (curves.length > 0) {
    await connection.run(insertCurvesSql(curves));
    await connection.run(updateProgressSql(curves.map((c) => c.runId)));
  }
  const configs = (await connection.runAndReadAll('SELECT config FROM _run_files')).getRowsJS();
  await connection.run(createRunsSql(configColumns(configs.map(([c]) => JSON.parse(String(c))))));

  function appendText(v: string | null) {
    if (v === null) appender.appendNull();
    else appender.appendVarchar(v);
  }
  function appendNumber(v: number | null) {
    if (v === null) appender.appendNull();
    else appender.appendDouble(v);
  }
}

function sameFiles(known: Known | undefined, run: RunDir): boolean {
  const same = (size: number | null, mtime: number | null, s: FileStamp | null) =>
    s === null ? size === null : size === s.size && mtime === s.mtimeMs;
  return (
    known !== undefined &&
    same(known.config_size, known.config_mtime, run.config) &&
    same(known.summary_size, known.summary_mtime, run.summary) &&
    same(known.curve_size, known.curve_mtime, run.curve)
  );
}

/**
 * Reads a run's config and summary. Its status is the summary's, unless the curve was written after the
 * summary (a resumed run) or there is no summary yet: then "running" (or killed before it could write one).
 */
function readRun(run: RunDir): RunRecord {
  const text = readFileSync(join(run.dir, RUN_FILES.config), 'utf8');
  let config: RunConfig;
  try {
    config = JSON.parse(text) as RunConfig;
  } catch {
    throw new Error(`${RUN_FILES.config} is not JSON (yet)`);
  }
  const summary = run.summary ? readSummary(join(run.dir, RUN_FILES.summary)) : null;
  const current = summary && run.summary!.mtimeMs >= (run.curve?.mtimeMs ?? 0);
  return {
    id: run.name ?? runId(config),
    run,
    status: current ? summary.status : 'running',
    message: current ? (summary.message ?? null) : null,
    kernelsUsed: summary?.kernels ?? null,
    config: text,
  };
}

function readSummary(path: string): RunSummary | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunSummary;
  } catch {
    return null; // being written: read again when it changes
  }
}
