import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { exportResults } from '../../src/results/query.ts';
import { type Explorer, launchExplorer } from '../helpers/browser.ts';
import { runPath, runSweepCli, sweepFile } from '../helpers/sweep.ts';

// A small real sweep: n_s = 1 and n_s = 3, two seeds each, 1200 steps of the Train view's `small` settings.
const SWEEP = {
  preset: 'fig1a',
  set: {
    width: 256,
    lr: 0.05,
    batch: 2000,
    steps: 1200,
    'eval-every': 50,
    'eval-samples': 2000,
    'test-points': 0,
  },
  grid: { skills: [1, 3] },
  seeds: [0, 1],
};

const dir = mkdtempSync(join(tmpdir(), 'results-view-'));
const out = join(dir, 'sweep');
let explorer: Explorer;
let ids: string[];
let exports: Record<'csv' | 'parquet', string[]>;
before(async () => {
  const file = sweepFile(dir, 'sweep.json', SWEEP);
  ids = file.ids;
  const r = runSweepCli(file.path, out, '--jobs', '1');
  assert.equal(r.code, 0, r.stderr);
  exports = {
    csv: (await exportResults(out, 'csv', join(dir, 'csv'))).paths,
    parquet: (await exportResults(out, 'parquet', join(dir, 'parquet'))).paths,
  };
  explorer = await launchExplorer();
});
after(async () => {
  await explorer?.close();
  rmSync(dir, { recursive: true, force: true });
});

const summary = (page: Page) => page.textContent('#results-summary');
/** The band areas drawn (one per skill with a std over seeds). */
const bands = (page: Page) => page.locator('#chart-results-skills svg g[fill-opacity] path').count();

for (const format of ['csv', 'parquet'] as const) {
  test(`a ${format} export opens: mean ± std bands per skill, B² fitted on the n_s = 1 runs`, async () => {
    const page = await explorer.open('?view=results');
    await page.setInputFiles('#results-file', exports[format]);
    await page.waitForSelector('#chart-results-skills svg');
    assert.match((await summary(page)) ?? '', /2 runs \(up to 2 per point\)/);
    assert.match((await page.textContent('#results-model-note')) ?? '', /fitted here on 2 n_s = 1 runs/);
    // Two groups (n_s = 1 and 3): choose n_s = 3, whose chart has 3 bands and 3 dashed model curves.
    await page.selectOption('#results-group', { label: 'task.skills = 3' });
    assert.match((await summary(page)) ?? '', /n_s = 3/);
    assert.equal(await bands(page), 3);
    assert.equal(await page.locator('#chart-results-skills svg g[stroke-dasharray] path').count(), 3);
    if (format === 'parquet') await page.screenshot({ path: '/tmp/shots/results.png', fullPage: true });
    assert.deepEqual(explorer.errors, []);
  });
}

test("a run's curve.jsonl and config.json open; a bad file shows its message and the last plot stays", async () => {
  const page = await explorer.open('?view=results');
  const [run] = ids;
  await page.setInputFiles('#results-file', [
    runPath(out, run, 'curve.jsonl'),
    runPath(out, run, 'config.json'),
  ]);
  await page.waitForSelector('#chart-results-skills svg');
  assert.match((await summary(page)) ?? '', /^1 run, n_s = /);
  const drawn = await page.innerHTML('#chart-results-skills .chart-body');
  const bad = join(dir, 'notes.csv');
  writeFileSync(bad, 'a,b\n1,2\n');
  await page.setInputFiles('#results-file', bad);
  await page.waitForSelector('#results-message:not([hidden])');
  assert.match(
    (await page.textContent('#results-message')) ?? '',
    /^notes\.csv is not an export of `emergence results export`/,
  );
  assert.equal(await page.innerHTML('#chart-results-skills .chart-body'), drawn, 'the last good plot stays');
  await page.screenshot({ path: '/tmp/shots/results-bad.png', fullPage: true });
  assert.deepEqual(explorer.errors, []);
});

test('a curve.jsonl dropped on the view opens', async () => {
  const page = await explorer.open('?view=results');
  const text = readFileSync(runPath(out, ids[1], 'curve.jsonl'), 'utf8');
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer();
    data.items.add(new File([content], 'curve.jsonl'));
    return data;
  }, text);
  await page.dispatchEvent('#view-results', 'drop', { dataTransfer: transfer });
  await page.waitForSelector('#chart-results-skills svg');
  assert.match((await summary(page)) ?? '', /^1 run, n_s = /);
  assert.match(
    (await page.textContent('#results-model-note')) ?? '',
    /^No model: the files hold no run config/,
  );
  assert.deepEqual(explorer.errors, []);
});
