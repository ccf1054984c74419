// The results store at the scale of a full sweep: 1,000 runs × 600 evaluations × 5 skills (3·10⁶ rows of
// `curves`). Targets: ingest ≤ 10 s, a grouped mean/std query ≤ 1 s.
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATABASE_FILE, ingest, queryResults } from '../src/results/index.ts';
import { syntheticPoint, writeSyntheticRun } from '../test/helpers/runs.ts';
import type { Benchmark } from './harness.ts';

const WIDTHS = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
const SEEDS = 100;
const EVALUATIONS = 600;

/** Mean ± std of R over seeds per width, skill and step: one point of every band of a figure. */
const BANDS = `SELECT r.model_width, c.skill, c.step, avg(c.R) AS mean_R, stddev_samp(c.R) AS std_R, count(*) AS seeds
FROM curves c JOIN runs r ON r.id = c.run_id GROUP BY ALL`;

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'store.ingest-and-query',
    run: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'emergence-store-bench-'));
      try {
        const every = 50;
        const runs = WIDTHS.flatMap((width) =>
          Array.from({ length: SEEDS }, (_, seed) =>
            writeSyntheticRun(dir, { seed, width, steps: every * (EVALUATIONS - 1), every }),
          ),
        );
        const ingestAll = await seconds(() => ingest(dir));
        const ingestNothing = await seconds(() => ingest(dir));
        // Ten runs move on by one evaluation: only they are read again.
        for (const run of runs.slice(0, 10)) {
          const next = syntheticPoint(run.config, every * EVALUATIONS);
          appendFileSync(join(run.out, 'curve.jsonl'), `${JSON.stringify(next)}\n`);
        }
        const ingestTen = await seconds(() => ingest(dir));
        await queryResults(dir, BANDS); // the ingest check and first read of the file, outside the timing
        const query: number[] = [];
        let bands = 0;
        for (let i = 0; i < 3; i++) {
          query.push(await seconds(async () => (bands = (await queryResults(dir, BANDS)).rows.length)));
        }
        query.sort((a, b) => a - b);
        const rows = (await queryResults(dir, 'SELECT count(*) FROM curves')).rows[0][0] as number;
        return {
          runs: runs.length,
          curve_rows: rows,
          ingest_s: ingestAll,
          ingest_unchanged_s: ingestNothing,
          ingest_10_changed_s: ingestTen,
          grouped_query_s: query[1],
          groups: bands,
          database_mb: statSync(join(dir, DATABASE_FILE)).size / 2 ** 20,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
