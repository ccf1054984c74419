import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../../src/errors.ts';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { mergeConfig, preset } from '../../src/experiment/presets.ts';
import { RUN_FILES, trainRun } from '../../src/experiment/run.ts';
import { DATABASE_FILE, exportResults, ingest, queryResults, runId } from '../../src/results/index.ts';
import { syntheticPoint, syntheticR, writeSummary, writeSyntheticRun } from '../helpers/runs.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-results-'));
after(() => rmSync(root, { recursive: true, force: true }));
let count = 0;
const freshDir = () => join(root, `d${count++}`);

/** Two widths × three seeds, 5 skills, 21 evaluations each. */
function sweep(dir: string) {
  return [100, 1000].flatMap((width) => [1, 2, 3].map((seed) => writeSyntheticRun(dir, { seed, width })));
}

const rows = async (dir: string, sql: string) => (await queryResults(dir, sql)).rows;

test('runs: one row per run with id, status, seed, progress and a column per config field', async () => {
  const dir = freshDir();
  const runs = sweep(dir);
  const { columns, rows: got } = await queryResults(
    dir,
    'SELECT id, status, seed, steps_done, evaluations, seconds, model_width, task_skills, optimizer_lr, data_regime, preset FROM runs ORDER BY model_width, seed',
  );
  assert.deepEqual(columns, [
    'id',
    'status',
    'seed',
    'steps_done',
    'evaluations',
    'seconds',
    'model_width',
    'task_skills',
    'optimizer_lr',
    'data_regime',
    'preset',
  ]);
  assert.deepEqual(
    got,
    runs.map((r) => [
      r.id,
      'completed',
      r.config.seed,
      1000,
      21,
      1,
      r.config.model.width,
      5,
      0.02,
      'online',
      'fig1a',
    ]),
  );
});

test('curves: one row per run, evaluation and skill (skill from 1), values as in curve.jsonl', async () => {
  const dir = freshDir();
  const [run] = sweep(dir);
  const got = await rows(
    dir,
    `SELECT step, skill, R, skill_loss, skill_accuracy, test_loss, train_loss, lr, seconds FROM curves
     WHERE run_id = '${run.id}' AND step IN (0, 350) ORDER BY step, skill`,
  );
  const want = [0, 350].flatMap((step) => {
    const p = syntheticPoint(run.config, step);
    return p.R.map((R, k) => [
      step,
      k + 1,
      R,
      p.skillLoss[k],
      p.skillAccuracy[k],
      p.loss,
      p.trainLoss,
      p.lr,
      p.seconds,
    ]);
  });
  assert.deepEqual(got, want);
  assert.deepEqual(await rows(dir, 'SELECT count(*) FROM curves'), [[6 * 21 * 5]]);
});

test('mean ± std of R over seeds per width, skill and step matches the same computed by hand', async () => {
  const dir = freshDir();
  sweep(dir);
  const got = await rows(
    dir,
    `SELECT r.model_width, c.skill, c.step, avg(c.R), stddev_samp(c.R), count(*)
     FROM curves c JOIN runs r ON r.id = c.run_id
     WHERE c.step = 300 GROUP BY ALL ORDER BY ALL`,
  );
  assert.equal(got.length, 2 * 5);
  for (const [width, skill, step, mean, std, n] of got as number[][]) {
    const values = [1, 2, 3].map((seed) => syntheticR(seed, width, skill, step));
    const m = values.reduce((s, v) => s + v, 0) / 3;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / 2);
    assert.equal(n, 3);
    assert.ok(Math.abs(mean - m) < 1e-12 && Math.abs(std - sd) < 1e-12, `width ${width} skill ${skill}`);
  }
});

test('the database deleted, or not a database, or of another schema version: rebuilt with the same answers', async () => {
  const dir = freshDir();
  sweep(dir);
  const sql = 'SELECT run_id, step, skill, R FROM curves ORDER BY ALL';
  const before = await rows(dir, sql);
  const db = join(dir, DATABASE_FILE);
  rmSync(db);
  assert.deepEqual(await rows(dir, sql), before);
  writeFileSync(db, 'not a database');
  assert.deepEqual(await rows(dir, sql), before);
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  await connection.run(`UPDATE _meta SET value = '0' WHERE key = 'schema'; DELETE FROM curves`);
  connection.closeSync();
  instance.closeSync();
  assert.deepEqual(await rows(dir, sql), before);
  assert.equal((await ingest(dir)).read, 0);
});

test('ingest reads only what changed: new runs, grown curves, removed runs', async () => {
  const dir = freshDir();
  const runs = sweep(dir);
  assert.equal((await ingest(dir)).read, 6);
  const again = await ingest(dir);
  assert.deepEqual([again.read, again.unchanged, again.removed], [0, 6, 0]);

  const added = writeSyntheticRun(dir, { seed: 4, width: 100 });
  const third = await ingest(dir);
  assert.deepEqual([third.runs, third.read, third.unchanged], [7, 1, 6]);

  // A run goes on: a longer config's curve grows by one line.
  const growing = writeSyntheticRun(dir, { seed: 5, steps: 2000, evaluations: 3 });
  await ingest(dir);
  appendFileSync(
    join(growing.out, RUN_FILES.curve),
    `${JSON.stringify(syntheticPoint(growing.config, 150))}\n`,
  );
  const fourth = await ingest(dir);
  assert.equal(fourth.read, 1);
  assert.deepEqual(await rows(dir, `SELECT steps_done, evaluations FROM runs WHERE id = '${growing.id}'`), [
    [150, 4],
  ]);

  rmSync(added.out, { recursive: true });
  rmSync(runs[0].out, { recursive: true });
  const fifth = await ingest(dir);
  assert.deepEqual([fifth.runs, fifth.read, fifth.removed], [6, 0, 2]);
  const ids = await rows(
    dir,
    `SELECT DISTINCT run_id FROM curves WHERE run_id IN ('${added.id}', '${runs[0].id}')`,
  );
  assert.deepEqual(ids, []);
});

test('a run in progress: the cut last line of curve.jsonl is skipped, status running until its summary', async () => {
  const dir = freshDir();
  const run = writeSyntheticRun(dir, { seed: 1, evaluations: 4, partialLine: true });
  const progress = `SELECT status, steps_done, evaluations FROM runs`;
  assert.deepEqual(await rows(dir, progress), [['running', 150, 4]]);
  // It finishes: the rest of its curve, then its summary.
  const all = Array.from({ length: 21 }, (_, i) => syntheticPoint(run.config, 50 * i));
  writeFileSync(join(run.out, RUN_FILES.curve), all.map((p) => `${JSON.stringify(p)}\n`).join(''));
  writeSummary(run.out, run.config, all);
  assert.deepEqual(await rows(dir, progress), [['completed', 1000, 21]]);
  // Resumed later: the curve is rewritten after the summary, so the summary no longer tells its status.
  const later = new Date(Date.now() + 5000);
  utimesSync(join(run.out, RUN_FILES.curve), later, later);
  assert.deepEqual(await rows(dir, progress), [['running', 1000, 21]]);
});

test('a run whose config.json is not JSON is skipped, named, and read once it is', async () => {
  const dir = freshDir();
  sweep(dir);
  const bad = writeSyntheticRun(dir, { seed: 9 });
  writeFileSync(join(bad.out, RUN_FILES.config), '{"task": ');
  const report = await ingest(dir);
  assert.deepEqual(report.skipped, [{ path: `runs/${bad.id}`, reason: 'config.json is not JSON (yet)' }]);
  assert.equal(report.runs, 6);
  writeFileSync(join(bad.out, RUN_FILES.config), JSON.stringify(bad.config));
  assert.deepEqual([(await ingest(dir)).read, (await ingest(dir)).runs], [1, 7]);
});

test('a real run: a sweep directory and a single train --out directory ingest to what curve.jsonl says', async () => {
  // fig1a shrunk to a fraction of a second.
  const config = parseRunConfig(
    mergeConfig(preset('fig1a'), {
      task: { skills: 3, bits: 10 },
      model: { width: 24 },
      data: { batch: 64 },
      steps: 40,
      evaluation: { every: 10, perSkill: 200, testPoints: 300 },
      seed: 5,
    }),
  );
  const dir = freshDir();
  const id = runId(config);
  const summary = await trainRun(config, { out: join(dir, 'runs', id) });
  const got = await rows(
    dir,
    `SELECT id, status, seed, steps_done, seconds, kernels_used, model_width FROM runs`,
  );
  assert.deepEqual(got, [[id, 'completed', 5, 40, summary.final!.seconds, summary.kernels, 24]]);
  const R = await rows(dir, `SELECT R FROM curves WHERE step = 40 ORDER BY skill`);
  assert.deepEqual(
    R.map(([r]) => r),
    summary.final!.R,
  );
  const single = freshDir();
  await trainRun(config, { out: single });
  assert.deepEqual(await rows(single, `SELECT id, path, steps_done FROM runs`), [[id, '.', 40]]);
});

test('bad input: SQL errors in one line, no writes through a query, a directory without runs', async () => {
  const dir = freshDir();
  sweep(dir);
  const fails = async (sql: string, pattern: RegExp) => {
    const e = await queryResults(dir, sql).catch((x: unknown) => x);
    assert.ok(e instanceof UsageError, `${sql}: ${e}`);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes('\n'), e.message);
  };
  await fails('SELEC 1', /^the query failed: Parser Error: syntax error at or near "SELEC"/);
  await fails('SELECT nope FROM runs', /^the query failed: Binder Error: .*nope/);
  await fails('DELETE FROM curves', /read-only/);
  assert.deepEqual(await rows(dir, 'SELECT count(*) FROM curves'), [[6 * 21 * 5]]);
  const empty = freshDir();
  await assert.rejects(queryResults(join(empty, 'absent'), 'SELECT 1'), /DIR must be a directory of runs/);
  writeSyntheticRun(empty, { seed: 1 }, join(empty, 'elsewhere'));
  await assert.rejects(
    queryResults(empty, 'SELECT 1'),
    (e) => e instanceof UsageError && /holds no runs/.test(e.message),
  );
});

test('export writes runs and curves as parquet or csv that read back whole', async () => {
  const dir = freshDir();
  sweep(dir);
  const { paths } = await exportResults(dir, 'parquet');
  assert.deepEqual(
    paths.map((p) => p.slice(dir.length)),
    ['/export/runs.parquet', '/export/curves.parquet'],
  );
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowsJS();
  const totals = 'SELECT count(*), count(DISTINCT run_id), round(sum(R), 9)';
  const stored = await rows(dir, `${totals} FROM curves`);
  const exported = await read(`${totals} FROM '${paths[1]}'`);
  assert.deepEqual(
    exported.map((r) => r.map(Number)),
    stored,
  );
  assert.equal(stored[0][0], 630);
  const csv = await exportResults(dir, 'csv', join(dir, 'csv'));
  assert.deepEqual(
    (await read(`SELECT count(*) FROM read_csv('${csv.paths[0]}')`)).map((r) => r.map(Number)),
    [[6]],
  );
  connection.closeSync();
  instance.closeSync();
  await assert.rejects(
    exportResults(dir, 'xlsx'),
    /^UsageError: --format must be one of parquet, csv \(got "xlsx"\)/,
  );
});
