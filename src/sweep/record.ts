import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirectory, replaceOutput } from '../files.ts';
import { canonicalJson } from '../results/run-id.ts';
import type { SweepRun } from './expand.ts';
import type { FieldValue, SweepFile } from './file.ts';

/** The file in a sweep directory that says what the directory holds. */
export const SWEEP_RECORD = 'sweep.json';

/** One sweep file run into the directory: the file as given and the runs it planned (id, grid values, seed). */
export interface SweepRecordEntry {
  recorded: string;
  file: SweepFile;
  runs: { id: string; values: Record<string, FieldValue> }[];
}

/**
 * Records in out/sweep.json the sweep about to run: `{"sweeps": [entry, …]}`, a new entry whenever the file
 * differs from the last one recorded, so that every directory under out/runs/ is accounted for by some
 * entry (a changed file adds its runs; earlier runs stay).
 */
export function recordSweep(out: string, file: SweepFile, runs: SweepRun[]): void {
  makeDirectory(out);
  const path = join(out, SWEEP_RECORD);
  const sweeps = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { sweeps: SweepRecordEntry[] }).sweeps
    : [];
  const last = sweeps.at(-1);
  if (last && canonicalJson(last.file) === canonicalJson(file)) return;
  sweeps.push({
    recorded: new Date().toISOString(),
    file,
    runs: runs.map(({ id, values }) => ({ id, values })),
  });
  replaceOutput(path, `${JSON.stringify({ sweeps }, null, 2)}\n`);
}
