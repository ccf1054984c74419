import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandSweep } from '../../src/sweep/expand.ts';
import { parseSweepFile } from '../../src/sweep/file.ts';
import type { RunOutcome } from '../../src/sweep/plan.ts';
import { runCli } from './cli.ts';

/** Small runs on the reproducible kernels: about a second each, most of it starting the process. */
export const TINY = {
  steps: 40,
  batch: 64,
  'eval-every': 10,
  'eval-samples': 200,
  'test-points': 300,
  kernels: 'simd',
};

/** Writes sweep file `name` in `dir`; returns its path and the ids it plans. */
export function sweepFile(dir: string, name: string, sweep: object): { path: string; ids: string[] } {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(sweep));
  return { path, ids: expandSweep(parseSweepFile(sweep), dir).map((r) => r.id) };
}

/** `emergence sweep FILE --out DIR --json …`, with the runs' outcomes parsed from its stdout. */
export function runSweepCli(file: string, out: string, ...args: string[]) {
  const r = runCli(['sweep', file, '--out', out, '--json', ...args], 300_000);
  const result = r.stdout.trim() === '' ? null : (JSON.parse(r.stdout) as { runs: RunOutcome[] });
  return { ...r, runs: result?.runs ?? [] };
}

export const runPath = (out: string, id: string, file: string) => join(out, 'runs', id, file);

/** A run's curve.jsonl as bytes and its summary.json's modification time: what redoing it would change. */
export function fingerprint(out: string, id: string): { curve: string; summaryMtime: number } {
  return {
    curve: readFileSync(runPath(out, id, 'curve.jsonl'), 'utf8'),
    summaryMtime: statSync(runPath(out, id, 'summary.json')).mtimeMs,
  };
}

export function summaryOf(
  out: string,
  id: string,
): { status: string; step: number; message?: string; packedWith?: number } {
  return JSON.parse(readFileSync(runPath(out, id, 'summary.json'), 'utf8'));
}

/** A run's curve without the timings (which differ between two runs of the same config). */
export function curveOf(dir: string): object[] {
  return readFileSync(join(dir, 'curve.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const { seconds: _, ...rest } = JSON.parse(l);
      return rest;
    });
}

/** The store's `runs` table through `emergence results query DIR … --json`. */
export function storedRuns(out: string): { id: string; status: string }[] {
  const r = runCli(['results', 'query', out, 'SELECT id, status FROM runs ORDER BY id', '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}
