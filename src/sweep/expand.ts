import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.ts';
import { parseRunConfig, type RunConfig } from '../experiment/config.ts';
import { configFromFields, fieldName } from '../experiment/fields.ts';
import { mergeRunConfig, preset } from '../experiment/presets.ts';
import { readConfigFile } from '../files.ts';
import { type FieldValue, SWEEP_FIELDS, type SweepFile } from './file.ts';
import { type PlannedRun, planRun } from './plan.ts';

/** A planned run with the grid values and seed that made it (what sweep.json lists beside its id). */
export interface SweepRun extends PlannedRun {
  values: Record<string, FieldValue>;
}

/**
 * The runs of a sweep: every point of the grid's cartesian product, once per seed, each resolved as
 * `emergence train` resolves its flags (preset, then config, then `set`, then the grid point, then the seed)
 * and named by its run id. Points that resolve to the same config (same id) are one run. `baseDir` is where a
 * `config` path is read from (the sweep file's directory).
 */
export function expandSweep(file: SweepFile, baseDir: string): SweepRun[] {
  const base = mergeRunConfig(
    file.preset === undefined ? {} : preset(file.preset),
    typeof file.config === 'string'
      ? readConfigFile(resolve(baseDir, file.config), 'config')
      : (file.config ?? {}),
  );
  const set = configFromFields(file.set ?? {}, SWEEP_FIELDS);
  const runs = new Map<string, SweepRun>();
  for (const point of gridPoints(file.grid ?? {})) {
    for (const seeds of seedPairs(file.seeds)) {
      const values = Object.fromEntries([
        ...point.map(({ key, value }) => [key, value]),
        ...Object.entries(seeds),
      ]);
      const config = resolveRun(file, point, () =>
        parseRunConfig(mergeRunConfig(base, set, configFromFields(pointValues(point), SWEEP_FIELDS), seeds)),
      );
      const run = planRun(config);
      if (!runs.has(run.id)) runs.set(run.id, { ...run, values });
    }
  }
  return [...runs.values()];
}

/** A grid point's fields and values. */
function pointValues(point: GridValue[]): Record<string, FieldValue> {
  return Object.fromEntries(point.map(({ key, value }) => [key, value]));
}

/** The run config fields each run's seeds set: `seed`, and with split seeds also `initSeed`. */
function seedPairs(seeds: SweepFile['seeds']): { seed?: number; initSeed?: number }[] {
  if (seeds === undefined) return [{}];
  if (Array.isArray(seeds)) return seeds.map((seed) => ({ seed }));
  const data = Array.isArray(seeds.data) ? seeds.data : [seeds.data];
  return data.flatMap((seed) => seeds.init.map((initSeed) => ({ seed, initSeed })));
}

/** The directory a sweep file's relative `config` path is read from. */
export function sweepBaseDir(path: string): string {
  return dirname(resolve(path));
}

interface GridValue {
  key: string;
  index: number;
  value: FieldValue;
}

/** The grid's cartesian product, the first key varying slowest; one empty point for an empty grid. */
function gridPoints(grid: Record<string, FieldValue[]>): GridValue[][] {
  return Object.entries(grid).reduce<GridValue[][]>(
    (points, [key, values]) =>
      points.flatMap((point) => values.map((value, index) => [...point, { key, index, value }])),
    [[]],
  );
}

/**
 * Resolves one run; an error about a field that `set` or the grid gave is reworded to name it in the sweep
 * file (`model.width must be …` → `grid.width[1] must be …`), any other names the run's grid point.
 */
function resolveRun(file: SweepFile, point: GridValue[], parse: () => RunConfig): RunConfig {
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    const sources = [
      ...point.map(({ key, index }) => ({ key, at: `grid.${key}[${index}]` })),
      ...Object.keys(file.set ?? {}).map((key) => ({ key, at: `set.${key}` })),
    ];
    for (const { key, at } of sources) {
      const path = SWEEP_FIELDS.find((f) => fieldName(f) === key)?.path;
      if (path && e.message.startsWith(`${path} `)) {
        throw new UsageError(`${at}${e.message.slice(path.length)}`);
      }
    }
    if (point.length === 0) throw e;
    const where = point.map(({ key, index }) => `grid.${key}[${index}]`).join(', ');
    throw new UsageError(`the run at ${where}: ${e.message}`);
  }
}
