import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../errors.ts';
import { CREATE_TABLES, SCHEMA_VERSION } from './schema.ts';

/** The store's file in DIR: derived from the run files, so it may be deleted at any time. */
export const DATABASE_FILE = 'results.duckdb';

/** An open store: close it to release the file for other processes. */
export interface Store {
  connection: DuckDBConnection;
  close(): void;
}

/** How long to wait for another process (a sweep, another query) to release the database file. */
const LOCK_WAIT_MS = 10_000;

/**
 * Opens DIR/results.duckdb. Writable: creates it, or deletes and recreates it when it is not a DuckDB file
 * or holds another SCHEMA_VERSION. Read-only: for queries, which then cannot change what ingest built.
 */
export async function openStore(dir: string, { readOnly = false } = {}): Promise<Store> {
  const path = join(dir, DATABASE_FILE);
  let store = await openFile(path, readOnly);
  if (!readOnly && (await schemaVersion(store.connection)) !== String(SCHEMA_VERSION)) {
    store.close();
    removeDatabase(path);
    store = await openFile(path, readOnly);
    await store.connection.run(CREATE_TABLES);
  }
  return store;
}

async function openFile(path: string, readOnly: boolean): Promise<Store> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let removed = false;
  for (let wait = 50; ; wait = Math.min(2 * wait, 1000)) {
    try {
      const instance = await DuckDBInstance.create(path, {
        access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
        // Everything needed (json, parquet) is built in: never fetch an extension.
        autoinstall_known_extensions: 'false',
      });
      const connection = await instance.connect();
      return {
        connection,
        close() {
          connection.closeSync();
          instance.closeSync();
        },
      };
    } catch (e) {
      const message = (e as Error).message;
      // Not a database this DuckDB can read (another file, another storage version): it is rebuilt.
      if (!readOnly && !removed && /not a valid DuckDB database file|storage version/i.test(message)) {
        removeDatabase(path);
        removed = true;
        continue;
      }
      if (!/Could not set lock/.test(message)) throw e;
      if (Date.now() + wait > deadline) {
        const holder = /\(PID (\d+)\)/.exec(message)?.[1];
        throw new UsageError(
          `${path} is in use by another process${holder ? ` (PID ${holder})` : ''}: try again when it finishes`,
        );
      }
      await sleep(wait);
    }
  }
}

async function schemaVersion(connection: DuckDBConnection): Promise<string | null> {
  const known = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '_meta'`,
  );
  if (Number(known.getRowObjectsJS()[0].n) === 0) return null;
  const rows = (
    await connection.runAndReadAll(`SELECT value FROM _meta WHERE key = 'schema'`)
  ).getRowObjectsJS();
  return rows.length > 0 ? String(rows[0].value) : null;
}

function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
