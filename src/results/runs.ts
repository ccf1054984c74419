import { UsageError } from '../errors.ts';
import { parseRunConfig, type RunConfig } from '../experiment/config.ts';
import type { IngestReport } from './ingest.ts';
import { queryResults } from './query.ts';

/** A stored run with its resolved config and its R_k/S curve, evaluations in step order. */
export interface StoredRun {
  id: string;
  status: string;
  config: RunConfig;
  curve: { step: number; R: number[] }[];
}

/** Every run in DIR (DIR/runs/<id>/ or one train --out run) read through the results store. */
export async function readRuns(dir: string): Promise<{ runs: StoredRun[]; ingested: IngestReport }> {
  const { rows, ingested } = await queryResults(dir, 'SELECT id, status, config FROM runs ORDER BY id');
  const curves = await queryResults(
    dir,
    'SELECT run_id, step, skill, R FROM curves ORDER BY run_id, step, skill',
  );
  const byId = new Map<string, StoredRun>();
  for (const [id, status, config] of rows as [string, string, string][]) {
    let parsed: RunConfig;
    try {
      parsed = parseRunConfig(JSON.parse(config));
    } catch (e) {
      throw new UsageError(`run ${id}: config.json is not a run config: ${(e as Error).message}`);
    }
    byId.set(id, { id, status, config: parsed, curve: [] });
  }
  for (const [id, step, skill, R] of curves.rows as [string, number, number, number | null][]) {
    const curve = byId.get(id)?.curve;
    if (!curve) continue;
    if (curve.at(-1)?.step !== step) curve.push({ step, R: [] });
    curve[curve.length - 1].R[skill - 1] = R ?? Number.NaN;
  }
  return { runs: [...byId.values()], ingested };
}
