import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { syntheticR, writeSyntheticRun } from '../helpers/runs.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-cli-results-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, 'sweep');
for (const seed of [1, 2]) writeSyntheticRun(dir, { seed, width: 100 });

const meanR = `SELECT skill, avg(R) AS mean_R FROM curves WHERE step = 300 GROUP BY skill ORDER BY skill LIMIT 2`;
const want = [1, 2].map((skill) => (syntheticR(1, 100, skill, 300) + syntheticR(2, 100, skill, 300)) / 2);

test('emergence results query DIR SQL prints an aligned table; --json and --csv every digit', () => {
  const table = runCli(['results', 'query', dir, meanR]);
  assert.equal(table.code, 0, table.stderr);
  assert.equal(
    table.stdout,
    [
      'skill    mean_R',
      `    1  ${Number(want[0].toPrecision(6))}`,
      `    2  ${Number(want[1].toPrecision(6))}`,
      '',
    ].join('\n'),
  );
  const json = runCli(['results', 'query', dir, meanR, '--json']);
  assert.deepEqual(JSON.parse(json.stdout), [
    { skill: 1, mean_R: want[0] },
    { skill: 2, mean_R: want[1] },
  ]);
  const csv = runCli(['results', 'query', dir, `SELECT 'a,b' AS s, NULL AS n, [1, 2] AS l, 7 AS i`, '--csv']);
  assert.equal(csv.stdout, 's,n,l,i\r\n"a,b",,"[1,2]",7\r\n');
});

test('emergence results export DIR --format csv|parquet [--out PATH] writes one file per table', () => {
  const r = runCli(['results', 'export', dir, '--format', 'csv', '--out', join(root, 'csv')]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    join(root, 'csv', 'runs.csv'),
    join(root, 'csv', 'curves.csv'),
  ]);
  assert.equal(runCli(['results', 'export', dir]).code, 0);
  assert.ok(existsSync(join(dir, 'export', 'curves.parquet')));
});

test('bad input: one line, exit 2', () => {
  const cases: [string[], RegExp][] = [
    [
      ['results', 'query', dir, 'SELECT * FROM nowhere'],
      /^error: the query failed: Catalog Error: .*nowhere/,
    ],
    [['results', 'query', join(root, 'none'), 'SELECT 1'], /^error: DIR must be a directory of runs/],
    [['results', 'query', root, 'SELECT 1'], /^error: .* holds no runs: expected runs\/<id>\/config\.json/],
    [
      ['results', 'export', dir, '--format', 'xls'],
      /^error: --format must be one of parquet, csv \(got "xls"\)/,
    ],
  ];
  for (const [args, pattern] of cases) {
    const r = runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});
