// Reading what the Results view is given: a run directory's curve.jsonl (with its config.json, if given), or
// a sweep export from `emergence results export` (curves and runs tables, as CSV or Parquet). Pure: files
// in, runs out; a file that is neither throws ResultsFileError with one line naming it.
import { parquetReadObjects } from 'hyparquet';
import { parseRunConfig, type RunConfig } from '../../../src/experiment/config.ts';

export interface InputFile {
  name: string;
  bytes: ArrayBuffer;
}

/** One run as the viewer draws it: R_k/S per evaluated step, skill k at index k − 1. */
export interface LoadedRun {
  id: string;
  /** The run's config (config.json, or the export's runs table); null when not given. */
  config: RunConfig | null;
  curve: { step: number; R: number[] }[];
}

export class ResultsFileError extends Error {
  override readonly name = 'ResultsFileError';
}

type Row = Record<string, unknown>;

const CURVE_COLUMNS = ['run_id', 'step', 'skill', 'R'];
const RUN_COLUMNS = ['id', 'config'];

/** The runs in `files`: curve.jsonl (+ config.json), or an export's curves table (+ its runs table). */
export async function readResultFiles(files: readonly InputFile[]): Promise<LoadedRun[]> {
  if (files.length === 0) throw new ResultsFileError('no file given');
  let curveFile: Omit<LoadedRun, 'config'> | null = null;
  let config: RunConfig | null = null;
  let curves: Row[] | null = null;
  let runs: Row[] | null = null;
  for (const file of files) {
    const name = file.name.toLowerCase();
    if (name.endsWith('.jsonl')) curveFile = readCurveJsonl(file);
    else if (name.endsWith('.json')) config = readConfig(file);
    else {
      const rows = name.endsWith('.parquet') ? await readParquet(file) : readCsvFile(file);
      const columns = Object.keys(rows[0] ?? {});
      if (CURVE_COLUMNS.every((c) => columns.includes(c))) curves = rows;
      else if (RUN_COLUMNS.every((c) => columns.includes(c))) runs = rows;
      else
        throw new ResultsFileError(
          `${file.name} is not an export of \`emergence results export\`: its curves table has the columns ` +
            `${CURVE_COLUMNS.join(', ')}, its runs table ${RUN_COLUMNS.join(', ')}`,
        );
    }
  }
  if (curveFile) return [{ ...curveFile, config }];
  if (curves) return exportRuns(curves, runs);
  if (runs) throw new ResultsFileError('the runs table holds no curves: open the curves table with it');
  throw new ResultsFileError('a config.json alone holds no curve: open the run’s curve.jsonl with it');
}

/** A run directory's curve.jsonl: one JSON evaluation a line, with `step` and `R` (R_k/S per skill). */
function readCurveJsonl(file: InputFile): Omit<LoadedRun, 'config'> {
  const lines = text(file)
    .split('\n')
    .map((l) => l.trim());
  const curve: LoadedRun['curve'] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    let point: unknown;
    try {
      point = JSON.parse(line);
    } catch {
      // The last line of a run being written may be cut short, as the trainer allows on resume.
      if (i >= lines.length - 2) return;
      throw new ResultsFileError(`${file.name} is not a run's curve.jsonl: line ${i + 1} is not JSON`);
    }
    const { step, R } = (point ?? {}) as { step?: unknown; R?: unknown };
    if (!isCount(step) || !Array.isArray(R) || !R.every(isFiniteNumber)) {
      throw new ResultsFileError(
        `${file.name} is not a run's curve.jsonl: line ${i + 1} has no step and R (R_k/S per skill)`,
      );
    }
    curve.push({ step, R });
  });
  if (curve.length === 0) throw new ResultsFileError(`${file.name} holds no evaluation`);
  return { id: file.name.replace(/\.jsonl$/i, ''), curve };
}

function readConfig(file: InputFile): RunConfig {
  try {
    return parseRunConfig(JSON.parse(text(file)));
  } catch (e) {
    throw new ResultsFileError(`${file.name} is not a run's config.json: ${(e as Error).message}`);
  }
}

async function readParquet(file: InputFile): Promise<Row[]> {
  try {
    return (await parquetReadObjects({ file: file.bytes })) as Row[];
  } catch (e) {
    throw new ResultsFileError(`${file.name} is not a Parquet file: ${(e as Error).message}`);
  }
}

function readCsvFile(file: InputFile): Row[] {
  const [header, ...records] = parseCsv(text(file));
  if (!header || records.length === 0) throw new ResultsFileError(`${file.name} holds no table`);
  return records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** RFC 4180 CSV: comma-separated, fields optionally in double quotes with "" for a quote. */
export function parseCsv(source: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** The export's curves rows (one per run, step and skill) as runs, with configs from its runs rows. */
function exportRuns(curves: Row[], runs: Row[] | null): LoadedRun[] {
  const configs = new Map<string, RunConfig | null>();
  for (const row of runs ?? []) configs.set(String(row.id), exportConfig(row.config));
  const byRun = new Map<string, Map<number, number[]>>();
  curves.forEach((row, i) => {
    const id = String(row.run_id);
    const step = Number(row.step);
    const skill = Number(row.skill);
    const R = Number(row.R);
    if (!isCount(step) || !(Number.isInteger(skill) && skill >= 1) || !Number.isFinite(R)) {
      throw new ResultsFileError(`row ${i + 1} of the curves table has no step, skill ≥ 1 and R`);
    }
    const steps = byRun.get(id) ?? new Map<number, number[]>();
    const values = steps.get(step) ?? [];
    values[skill - 1] = R;
    steps.set(step, values);
    byRun.set(id, steps);
  });
  return [...byRun].map(([id, steps]) => ({
    id,
    config: configs.get(id) ?? null,
    curve: [...steps]
      .sort(([a], [b]) => a - b)
      .map(([step, R]) => ({ step, R: Array.from(R, (r) => r ?? Number.NaN) })),
  }));
}

/** The runs table's config column: JSON text (CSV) or already parsed (Parquet's JSON type). */
function exportConfig(value: unknown): RunConfig | null {
  try {
    return parseRunConfig(typeof value === 'string' ? JSON.parse(value) : value);
  } catch {
    return null; // a run the viewer still draws, without its model
  }
}

function text(file: InputFile): string {
  return new TextDecoder().decode(file.bytes);
}

function isCount(v: unknown): v is number {
  return Number.isInteger(v) && (v as number) >= 0;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
