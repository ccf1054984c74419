import { quotedIdentifier, quotedString } from '@duckdb/node-api';

/** Bump when a table or column changes: a database of another version is deleted and rebuilt. */
export const SCHEMA_VERSION = 1;

/** The tables: `curves` (one row per run, evaluation and skill) and the store's own bookkeeping. */
export const CREATE_TABLES = `
CREATE TABLE _meta (key VARCHAR, value VARCHAR);
CREATE TABLE _run_files (
  id VARCHAR, path VARCHAR, status VARCHAR, message VARCHAR, kernels_used VARCHAR,
  config_size BIGINT, config_mtime DOUBLE, summary_size BIGINT, summary_mtime DOUBLE,
  curve_size BIGINT, curve_mtime DOUBLE, config JSON,
  steps_done INTEGER, evaluations BIGINT, seconds DOUBLE
);
CREATE TABLE curves (
  run_id VARCHAR, step INTEGER, skill INTEGER, R DOUBLE, skill_loss DOUBLE, skill_accuracy DOUBLE,
  test_loss DOUBLE, train_loss DOUBLE, lr DOUBLE, seconds DOUBLE
);
INSERT INTO _meta VALUES ('schema', '${SCHEMA_VERSION}');
`;

/**
 * SQL that appends the curves in `files` (curve.jsonl paths, each with its run's id) to `curves`: one row per
 * evaluation and skill, skill counted from 1. Lines that do not parse (the last one of a run being written,
 * cut short) are skipped, as the trainer does on resume.
 */
export function insertCurvesSql(files: { path: string; runId: string }[]): string {
  const ids = files.map((f) => `(${quotedString(f.path)}, ${quotedString(f.runId)})`).join(', ');
  const paths = files.map((f) => quotedString(f.path)).join(', ');
  const columns = `{step: 'INTEGER', loss: 'DOUBLE', R: 'DOUBLE[]', skillLoss: 'DOUBLE[]', skillAccuracy: 'DOUBLE[]', trainLoss: 'DOUBLE', lr: 'DOUBLE', seconds: 'DOUBLE'}`;
  return `
INSERT INTO curves
SELECT f.run_id, p.step, unnest(range(1, len(p.R) + 1)), unnest(p.R), unnest(p.skillLoss),
  unnest(p.skillAccuracy), p.loss, p.trainLoss, p.lr, p.seconds
FROM read_json([${paths}], format = 'newline_delimited', ignore_errors = true, filename = true,
  columns = ${columns}) p
JOIN (VALUES ${ids}) f(filename, run_id) USING (filename)
WHERE p.step IS NOT NULL`;
}

/** SQL that sets the progress of the runs `ids` (last step, evaluations, training seconds) from their curves. */
export function updateProgressSql(ids: string[]): string {
  return `
UPDATE _run_files f SET steps_done = c.steps_done, evaluations = c.evaluations, seconds = c.seconds
FROM (
  SELECT run_id, max(step) AS steps_done, count(DISTINCT step) AS evaluations, max(seconds) AS seconds
  FROM curves WHERE run_id IN (${ids.map(quotedString).join(', ')}) GROUP BY run_id
) c
WHERE f.id = c.run_id`;
}

/** One `runs` column per leaf of the runs' configs, e.g. model.width → model_width. */
export interface ConfigColumn {
  name: string;
  path: string[];
  type: 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR';
}

/** The columns of `runs` that do not come from the config (`seed` is the config's, placed up front). */
export const RUN_COLUMNS = [
  'id',
  'status',
  'seed',
  'steps_done',
  'seconds',
  'steps_per_second',
  'evaluations',
  'kernels_used',
  'message',
  'created',
  'updated',
  'path',
  'config',
] as const;

/**
 * The config columns of `runs` over every run's config, in the order the fields first appear: a leaf's
 * path joined by `_`; its type BIGINT when every value is an integer, DOUBLE when every value is a number,
 * BOOLEAN, else VARCHAR (JSON text for arrays and mixed types). A name taken by RUN_COLUMNS gets `config_`.
 */
export function configColumns(configs: unknown[]): ConfigColumn[] {
  const seen = new Map<string, { path: string[]; values: unknown[] }>();
  for (const config of configs) {
    for (const [path, value] of leaves(config, [])) {
      const key = JSON.stringify(path);
      const entry = seen.get(key) ?? { path, values: [] };
      entry.values.push(value);
      seen.set(key, entry);
    }
  }
  return [...seen.values()]
    .filter(({ path }) => path.join('_') !== 'seed')
    .map(({ path, values }) => {
      const name = path.join('_');
      return {
        name: (RUN_COLUMNS as readonly string[]).includes(name) ? `config_${name}` : name,
        path,
        type: columnType(values),
      };
    });
}

function leaves(value: unknown, path: string[]): [string[], unknown][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[path, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
}

function columnType(values: unknown[]): ConfigColumn['type'] {
  const present = values.filter((v) => v !== null);
  if (present.every((v) => typeof v === 'number')) {
    return present.every((v) => Number.isSafeInteger(v)) ? 'BIGINT' : 'DOUBLE';
  }
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  return 'VARCHAR';
}

/** SQL that (re)builds `runs` from the store's run records and the config columns. */
export function createRunsSql(columns: ConfigColumn[]): string {
  const pick = (path: string[], type: string) =>
    `TRY_CAST(json_extract_string(f.config, ${quotedString(`$.${path.map((k) => JSON.stringify(k)).join('.')}`)}) AS ${type})`;
  const configured = columns.map((c) => `${pick(c.path, c.type)} AS ${quotedIdentifier(c.name)}`);
  return `
CREATE OR REPLACE TABLE runs AS
SELECT f.id, f.status, ${pick(['seed'], 'BIGINT')} AS seed, f.steps_done, f.seconds,
  f.steps_done / nullif(f.seconds, 0) AS steps_per_second, coalesce(f.evaluations, 0) AS evaluations,
  f.kernels_used, f.message, epoch_ms(CAST(f.config_mtime AS BIGINT)) AS created,
  epoch_ms(CAST(greatest(f.config_mtime, f.summary_mtime, f.curve_mtime) AS BIGINT)) AS updated, f.path,
  ${[...configured, 'f.config'].join(',\n  ')}
FROM _run_files f
ORDER BY f.path`;
}
