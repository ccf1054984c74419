import { z } from 'zod';
import { integer, valueAt } from '../config.ts';
import { formatValue, UsageError } from '../errors.ts';
import { type ConfigFlag, fieldName, RUN_FLAGS } from '../experiment/fields.ts';
import { readConfigFile } from '../files.ts';

/**
 * A sweep: a base run config (a preset and/or a config, inline or a file), fixed fields (`set`), a grid of
 * fields to cross and the seeds to repeat every point with. Field names are `emergence train`'s flags without
 * `--` (`width`, `lr`, `init-std`, `eval-every`, `D`, …).
 */
export interface SweepFile {
  preset?: string;
  /** A (partial) run config, or the path of a JSON file holding one, relative to the sweep file. */
  config?: Record<string, unknown> | string;
  set?: Record<string, FieldValue>;
  grid?: Record<string, FieldValue[]>;
  /**
   * A list: each seed is a run's `seed` (its masks, data, test sets and initial parameters). An object
   * {"data": …, "init": […]}: every data seed (one or a list: `seed`) with every init seed (`initSeed`), so
   * the runs of one data seed see the same batches and differ in their initial parameters alone.
   */
  seeds?: number[] | SplitSeeds;
  /**
   * Whether the runner packs runs that share task, data stream and batch (all but width, init and learning
   * rate) into one process (docs/trainer.md, Packed ensembles). Default true.
   */
  pack?: boolean;
}

/** Seeds given separately for the data stream and the initial parameters. */
export interface SplitSeeds {
  data: number | number[];
  init: number[];
}

export type FieldValue = number | string;

/** Fields a sweep file does not take in `set` or `grid`: `seeds` gives the seeds, the pool the threads. */
const NOT_SWEPT: Record<string, string> = { seed: 'give seeds', threads: 'the sweep chooses threads' };

/** The fields `set` and `grid` take, by name. */
export const SWEEP_FIELDS: ConfigFlag[] = RUN_FLAGS.filter((f) => !(fieldName(f) in NOT_SWEPT));

/** A field's value: a number for numeric fields (batch also "authors", init also a name), else a string. */
function valueSchema(field: ConfigFlag): z.ZodType<FieldValue> {
  const name = fieldName(field);
  if (name === 'batch')
    return z.union([z.number(), z.literal('authors')], { error: 'a number or "authors"' });
  if (name === 'init') return z.union([z.number(), z.string()], { error: 'a name or a number σ' });
  return field.numeric ? z.number({ error: 'a number' }) : z.string({ error: 'a string' });
}

function fieldsSchema<T extends z.ZodType>(of: (value: z.ZodType<FieldValue>) => T) {
  return z
    .object(Object.fromEntries(SWEEP_FIELDS.map((f) => [fieldName(f), of(valueSchema(f)).optional()])))
    .strict();
}

const seedList = z
  .array(integer(0), { error: 'a non-empty list of integers ≥ 0' })
  .min(1, { error: 'a non-empty list of integers ≥ 0' });

const SweepFileSchema = z
  .object({
    preset: z.string({ error: 'a preset name' }).optional(),
    config: z
      .union([z.string(), z.record(z.string(), z.unknown())], {
        error: 'a run config object or the path of a JSON file',
      })
      .optional(),
    set: fieldsSchema((v) => v).optional(),
    grid: fieldsSchema((v) =>
      z.array(v, { error: 'a non-empty list' }).min(1, { error: 'a non-empty list' }),
    ).optional(),
    seeds: z
      .union([seedList, z.object({ data: z.union([integer(0), seedList]), init: seedList }).strict()], {
        error: 'a non-empty list of integers ≥ 0, or {"data": …, "init": […]}',
      })
      .optional(),
    pack: z.boolean({ error: 'true or false' }).optional(),
  })
  .strict();

/** Validates a parsed sweep file; the first problem is one UsageError line naming its path (`grid.width[1]`). */
export function parseSweepFile(input: unknown): SweepFile {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new UsageError(`the sweep file must be a JSON object (got ${formatValue(input)})`);
  }
  const r = SweepFileSchema.safeParse(input);
  // As written (zod would reorder the keys), so that sweep.json records the file the user gave.
  if (r.success) return input as SweepFile;
  const issue = r.error.issues[0];
  const path = issuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const at = path === '' ? key : `${path}.${key}`;
    if (path === '') throw new UsageError(`unknown field ${at}: a sweep file takes ${TOP_KEYS}`);
    const why = NOT_SWEPT[key] ? ` (${NOT_SWEPT[key]})` : '';
    throw new UsageError(
      `unknown field ${at}${why}: ${path} takes emergence train's flag names: ${SWEEP_FIELDS.map(fieldName).join(', ')}`,
    );
  }
  const got = valueAt(input, issue.path);
  throw new UsageError(
    `${path} must be ${issue.message}${got === undefined ? '' : ` (got ${formatValue(got)})`}`,
  );
}

const TOP_KEYS = 'preset, config, set, grid, seeds, pack';

/** Reads and validates the sweep file at `path`. */
export function readSweepFile(path: string): SweepFile {
  return parseSweepFile(readConfigFile(path, 'FILE'));
}

/** A zod issue path as a reader writes it: grid.width[1]. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i > 0 ? '.' : ''}${String(k)}`)).join('');
}
