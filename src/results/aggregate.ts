// Mean ± 1 std over seeds of the skill strengths R_k/S in a results store, for the network figures: against
// the step (time emergence) and, at the end of the runs, against a swept config field (D, width). Runs are
// grouped when their configs differ only in the seed (and `threads`, `split`, `preset`, which do not change results).

import { quotedString } from '@duckdb/node-api';
import { queryResults } from './query.ts';
import { NOT_IN_RUN_ID } from './run-id.ts';

/** Mean, sample std (n − 1; null for one run) and number of runs of one skill's R_k/S at one x. */
export interface SeedStat {
  mean: number;
  std: number | null;
  runs: number;
}

/** One skill at one x (a step, a D, a width): the statistic over seeds. */
export interface BandStat extends SeedStat {
  x: number;
  skill: number;
}

/** The time curve of one group of runs (same config but the seed). */
export interface TimeGroup {
  /** The runs of the group, by id. */
  runIds: string[];
  /** Per evaluated step and skill. */
  stats: BandStat[];
}

/** One group of runs at one value of the swept field: its final R_k/S with and without the dead runs. */
export interface FinalGroup {
  x: number;
  runIds: string[];
  /** Runs that ended with every ReLU dead: R_k = 0 exactly for every skill. */
  dead: number;
  /** Per skill, over every run of the group. */
  all: (SeedStat & { skill: number })[];
  /** Per skill, over the runs that did not die (empty when every run died). */
  alive: (SeedStat & { skill: number })[];
}

/** Fields that do not tell groups apart: the seed, and those left out of the run id, which leave the results alone. */
const SEED_ONLY = `'${JSON.stringify(Object.fromEntries(['seed', ...NOT_IN_RUN_ID].map((f) => [f, null])))}'`;

/** A CTE `chosen(id, grp)`: the completed runs among `runIds`, each with its group's key. */
/** SQL for a list of run ids (NULL for none, so `id IN (…)` matches nothing). */
function idList(runIds: readonly string[]): string {
  return runIds.length > 0 ? runIds.map(quotedString).join(', ') : 'NULL';
}

function chosenRuns(runIds: readonly string[]): string {
  const ids = idList(runIds);
  return `chosen AS (
  SELECT id, md5(CAST(json_merge_patch(config, ${SEED_ONLY}) AS VARCHAR)) AS grp, config
  FROM runs WHERE status = 'completed' AND id IN (${ids})
)`;
}

/**
 * R_k/S against the step, mean ± std over seeds, for every group among the completed runs `runIds` in DIR's
 * store; groups in order of their first run id.
 */
export async function timeBands(dir: string, runIds: readonly string[]): Promise<TimeGroup[]> {
  const { rows } = await queryResults(
    dir,
    `WITH ${chosenRuns(runIds)},
groups AS (SELECT grp, list(id ORDER BY id) AS ids FROM chosen GROUP BY grp)
SELECT g.ids, c.step, c.skill, avg(c.R), stddev_samp(c.R), count(*)
FROM curves c JOIN chosen s ON s.id = c.run_id JOIN groups g USING (grp)
GROUP BY g.ids, c.step, c.skill
ORDER BY g.ids[1], c.step, c.skill`,
  );
  const groups = new Map<string, TimeGroup>();
  for (const [ids, step, skill, mean, std, runs] of rows) {
    const key = String(ids);
    if (!groups.has(key)) groups.set(key, { runIds: ids as string[], stats: [] });
    groups.get(key)!.stats.push(bandStat(step, skill, mean, std, runs));
  }
  return [...groups.values()];
}

/**
 * The final R_k/S (at the last evaluated step of each completed run) against the config field `field`
 * (e.g. 'data.D', 'model.width'), mean ± std over seeds per group, with the runs whose every skill ended at
 * R_k = 0 exactly (every ReLU dead: the output is a constant) counted and left out of `alive`. Sorted by x;
 * two groups at one x are an error (the runs differ in something else).
 */
export async function finalBands(
  dir: string,
  runIds: readonly string[],
  field: string,
): Promise<FinalGroup[]> {
  const path = quotedString(`$.${field}`);
  const { rows } = await queryResults(
    dir,
    `WITH ${chosenRuns(runIds)},
final AS (
  SELECT s.grp, c.run_id, c.skill, c.R, CAST(json_extract(s.config, ${path}) AS DOUBLE) AS x
  FROM curves c JOIN chosen s ON s.id = c.run_id JOIN runs r ON r.id = c.run_id
  WHERE c.step = r.steps_done
),
dead AS (SELECT run_id, bool_and(R = 0) AS dead FROM final GROUP BY run_id),
groups AS (
  SELECT grp, list(DISTINCT run_id ORDER BY run_id) AS ids, count(DISTINCT run_id) FILTER (WHERE dead) AS dead
  FROM final JOIN dead USING (run_id) GROUP BY grp
)
SELECT f.x, g.ids, g.dead, f.skill,
  avg(f.R), stddev_samp(f.R), count(*),
  avg(f.R) FILTER (WHERE NOT d.dead), stddev_samp(f.R) FILTER (WHERE NOT d.dead), count(*) FILTER (WHERE NOT d.dead)
FROM final f JOIN dead d USING (run_id) JOIN groups g USING (grp)
GROUP BY f.x, g.ids, g.dead, f.skill
ORDER BY f.x, g.ids[1], f.skill`,
  );
  const groups = new Map<string, FinalGroup>();
  for (const [x, ids, dead, skill, mean, std, runs, aliveMean, aliveStd, aliveRuns] of rows) {
    const key = String(ids);
    if (!groups.has(key)) {
      if (x === null) throw new Error(`runs ${key} have no ${field}`);
      groups.set(key, { x: Number(x), runIds: ids as string[], dead: Number(dead), all: [], alive: [] });
    }
    const group = groups.get(key)!;
    group.all.push({ skill: Number(skill), ...seedStat(mean, std, runs) });
    if (Number(aliveRuns) > 0)
      group.alive.push({ skill: Number(skill), ...seedStat(aliveMean, aliveStd, aliveRuns) });
  }
  const list = [...groups.values()];
  const twice = list.find((g, i) => i > 0 && list[i - 1].x === g.x);
  if (twice)
    throw new Error(`two groups of runs at ${field} = ${twice.x}: they differ in more than the seed`);
  return list;
}

function seedStat(mean: unknown, std: unknown, runs: unknown): SeedStat {
  return { mean: Number(mean), std: std === null ? null : Number(std), runs: Number(runs) };
}

function bandStat(x: unknown, skill: unknown, mean: unknown, std: unknown, runs: unknown): BandStat {
  return { x: Number(x), skill: Number(skill), ...seedStat(mean, std, runs) };
}

/** The aggregates of a network figure's three panels (Fig. 1, Fig. 11). */
export interface PanelAggregates {
  /** R_k/S against the step of the time panel's runs (no runs yet: no ids, no stats). */
  time: TimeGroup;
  /** Final R_k/S against D. */
  data: FinalGroup[];
  /** Final R_k/S against the width, dead runs counted. */
  params: FinalGroup[];
}

/** A panel as the aggregation needs it: its resource, the field it sweeps and its runs' ids. */
export interface AggregatedPanel {
  resource: 'time' | 'data' | 'params';
  field: string | null;
  runs: readonly { id: string }[];
}

/** timeBands of the time panel's runs, finalBands of the data and parameter panels' over their fields. */
export async function aggregatePanels(
  dir: string,
  panels: readonly AggregatedPanel[],
): Promise<PanelAggregates> {
  const ids = (resource: AggregatedPanel['resource']) =>
    panels.filter((p) => p.resource === resource).flatMap((p) => p.runs.map((r) => r.id));
  const final = (resource: 'data' | 'params', field: string) => {
    const swept = panels.find((p) => p.resource === resource)?.field ?? field;
    return finalBands(dir, ids(resource), swept);
  };
  const [time] = await timeBands(dir, ids('time'));
  return {
    time: time ?? { runIds: [], stats: [] },
    data: await final('data', 'data.D'),
    params: await final('params', 'model.width'),
  };
}

/** Training seconds of runs `runIds` (evaluation excluded, summed over resumes): the CPU time a job took. */
export async function trainingSeconds(dir: string, runIds: readonly string[]): Promise<number> {
  const sql = `SELECT coalesce(sum(seconds), 0) FROM runs WHERE id IN (${idList(runIds)})`;
  const { rows } = await queryResults(dir, sql);
  return Number(rows[0][0]);
}
