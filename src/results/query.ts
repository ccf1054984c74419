import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { quotedString } from '@duckdb/node-api';
import { oneOf, parseInput } from '../config.ts';
import { UsageError } from '../errors.ts';
import { openStore } from './database.ts';
import { type IngestReport, ingest } from './ingest.ts';

/** A query's answer: column names and rows of plain JSON-able values; and what the ingest before it did. */
export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  ingested: IngestReport;
}

/** The tables a user sees (the store's own start with `_`). */
export const RESULT_TABLES = ['runs', 'curves'] as const;

/**
 * Runs `sql` on DIR's results after bringing the store up to date. The database is opened read-only, so a
 * query cannot change what was built from the run files. An SQL error is a UsageError of one line.
 */
export async function queryResults(dir: string, sql: string): Promise<QueryResult> {
  const ingested = await ingest(dir);
  const store = await openStore(dir, { readOnly: true });
  try {
    const reader = await store.connection.runAndReadAll(sql).catch((e: Error) => {
      throw new UsageError(`the query failed: ${oneLine(e.message)}`);
    });
    return {
      columns: reader.columnNames(),
      rows: reader.getRowsJS().map((row) => row.map(plain)),
      ingested,
    };
  } finally {
    store.close();
  }
}

export const EXPORT_FORMATS = ['parquet', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Writes each of RESULT_TABLES to `out` (default DIR/export) as <table>.parquet or .csv. */
export async function exportResults(
  dir: string,
  format: string,
  out = join(dir, 'export'),
): Promise<{ paths: string[]; ingested: IngestReport }> {
  const checked = parseInput(oneOf(EXPORT_FORMATS), format, '--format');
  const ingested = await ingest(dir);
  mkdirSync(out, { recursive: true });
  const store = await openStore(dir, { readOnly: true });
  try {
    const paths: string[] = [];
    for (const table of RESULT_TABLES) {
      const path = resolve(out, `${table}.${checked}`);
      const options = checked === 'parquet' ? 'FORMAT parquet' : 'FORMAT csv, HEADER true';
      await store.connection.run(`COPY ${table} TO ${quotedString(path)} (${options})`);
      paths.push(path);
    }
    return { paths, ingested };
  } finally {
    store.close();
  }
}

/** DuckDB's message without its caret diagram: the lines before `LINE n:`, joined. */
function oneLine(message: string): string {
  const lines = message.split('\n');
  const end = lines.findIndex((l) => /^LINE \d+:/.test(l));
  return (end < 0 ? lines : lines.slice(0, end))
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
}

/** A DuckDB value as plain JSON-able data: integers as numbers (as text beyond 2^53), times as ISO text. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}
