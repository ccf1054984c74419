// Mean ± std over seeds of R_k/S against the step, per group of runs that differ only in the seed: the
// viewer's counterpart of src/results/aggregate.ts timeBands, on runs read from files instead of the store.
import type { RunConfig } from '../../../src/experiment/config.ts';
import { meanStd } from '../../../src/fit/calibration.ts';
import type { BandStat } from '../../../src/results/aggregate.ts';
import type { LoadedRun } from './parse.ts';

/** Runs whose configs differ only in these are seeds of one group (as in src/results/aggregate.ts). */
const SEED_ONLY = ['seed', 'threads', 'preset'];

export interface RunGroup {
  /** What sets the group apart from the others (e.g. "model.width = 128"); '' for one group. */
  label: string;
  /** The group's config (its first run's); null when the files gave none. */
  config: RunConfig | null;
  runIds: string[];
  /** Per evaluated step and skill (1-based), over the group's runs that have that point. */
  stats: BandStat[];
}

/** The runs grouped by config but the seed (runs without a config form one group), with their bands. */
export function groupBands(runs: readonly LoadedRun[]): RunGroup[] {
  const groups = new Map<string, LoadedRun[]>();
  for (const run of runs) {
    const key = run.config ? JSON.stringify(withoutSeed(run.config)) : '';
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const labels = groupLabels([...groups.values()].map((g) => g[0].config));
  return [...groups.values()].map((members, i) => ({
    label: labels[i],
    config: members[0].config,
    runIds: members.map((r) => r.id),
    stats: bands(members),
  }));
}

function bands(runs: readonly LoadedRun[]): BandStat[] {
  const values = new Map<number, number[][]>();
  for (const run of runs) {
    for (const { step, R } of run.curve) {
      const perSkill = values.get(step) ?? [];
      R.forEach((r, k) => {
        if (!Number.isFinite(r)) return;
        perSkill[k] = perSkill[k] ?? [];
        perSkill[k].push(r);
      });
      values.set(step, perSkill);
    }
  }
  return [...values]
    .sort(([a], [b]) => a - b)
    .flatMap(([x, perSkill]) =>
      perSkill.flatMap((rs, k) => {
        if (!rs?.length) return [];
        const { mean, std } = meanStd(rs);
        return [{ x, skill: k + 1, mean: mean!, std, runs: rs.length }];
      }),
    );
}

function withoutSeed(config: RunConfig): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([k]) => !SEED_ONLY.includes(k)));
}

/** Per group, the config fields whose values differ between groups, as "field = value, …". */
function groupLabels(configs: (RunConfig | null)[]): string[] {
  if (configs.length < 2) return configs.map(() => '');
  const leaves = configs.map((c) => (c ? leafMap(withoutSeed(c)) : new Map<string, string>()));
  const fields = [...new Set(leaves.flatMap((m) => [...m.keys()]))].filter(
    (f) => new Set(leaves.map((m) => m.get(f))).size > 1,
  );
  return leaves.map((m, i) =>
    configs[i] ? fields.map((f) => `${f} = ${m.get(f) ?? '–'}`).join(', ') : 'runs without a config',
  );
}

function leafMap(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.set(path, JSON.stringify(value));
    return out;
  }
  for (const [k, v] of Object.entries(value)) leafMap(v, path ? `${path}.${k}` : k, out);
  return out;
}
