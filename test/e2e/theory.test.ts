import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Explorer, launchExplorer, pageUrl } from '../helpers/browser.ts';

let explorer: Explorer;
before(async () => {
  explorer = await launchExplorer();
});
after(() => explorer?.close());

/** The drawn paths of a chart: its curves, as the SVG holds them. */
function curves(page: Page, chart: string): Promise<string[]> {
  return page.$$eval(`#chart-${chart} svg path`, (paths) => paths.map((p) => p.getAttribute('d') ?? ''));
}

/** The exponents table, row by row. */
function exponents(page: Page): Promise<string[][]> {
  return page.$$eval('.exponents tbody tr', (rows) =>
    rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')),
  );
}

const CHARTS = ['strength-time', 'loss-time', 'loss-data', 'loss-params', 'loss-compute'];

test('changing α redraws the curves and the exponents table, and puts α in the URL', async () => {
  const page = await explorer.open();
  const before = await Promise.all(CHARTS.map((c) => curves(page, c)));
  const table = await exponents(page);
  assert.deepEqual(table[0], ['Nam et al. 2024 (multilinear)', '0.375', '0.375', '0.600', '0.231']);
  await page.fill('#field-alpha', '0.3');
  const afterEdit = await Promise.all(CHARTS.map((c) => curves(page, c)));
  CHARTS.forEach((chart, i) => assert.notDeepEqual(afterEdit[i], before[i], `${chart} did not change`));
  // α/(α+1) = 0.231, α = 0.3, α/(α+2) = 0.130.
  assert.deepEqual((await exponents(page))[0], [
    'Nam et al. 2024 (multilinear)',
    '0.231',
    '0.231',
    '0.300',
    '0.130',
  ]);
  assert.match((await pageUrl(page)).search, /[?&]alpha=0\.3(&|$)/);
  assert.deepEqual(explorer.errors, []);
});

test('a link with α = 0.3 draws other curves than one with α = 0.9, and a link reproduces its view', async () => {
  const low = await explorer.open('?alpha=0.3');
  const high = await explorer.open('?alpha=0.9');
  assert.equal(await low.inputValue('#field-alpha'), '0.3');
  assert.equal(await high.inputValue('#field-alpha'), '0.9');
  for (const chart of CHARTS) assert.notDeepEqual(await curves(low, chart), await curves(high, chart), chart);
  assert.equal((await exponents(high))[0][1], '0.474');
  const again = await explorer.open(`?${(await pageUrl(low)).searchParams}`);
  for (const chart of CHARTS) assert.deepEqual(await curves(again, chart), await curves(low, chart), chart);
  assert.deepEqual(explorer.errors, []);
});

test('a preset sets every field; the URL keeps the preset and only the values changed from it', async () => {
  const page = await explorer.open();
  await page.selectOption('#field-preset', 'fig3');
  assert.equal(await page.inputValue('#field-S'), '5');
  await page.fill('#field-N', '500');
  const query = (await pageUrl(page)).searchParams;
  assert.equal(query.get('preset'), 'fig3');
  assert.equal(query.get('N'), '500');
  assert.equal(query.get('S'), null);
  const linked = await explorer.open(`?${query}`);
  assert.equal(await linked.inputValue('#field-preset'), 'fig3');
  assert.equal(await linked.inputValue('#field-N'), '500');
  assert.deepEqual(await curves(linked, 'loss-time'), await curves(page, 'loss-time'));
  assert.deepEqual(explorer.errors, []);
});

const BAD_INPUTS: [string, string, string][] = [
  ['alpha', '0', 'α must be a number > 0 and ≤ 10 (got 0)'],
  ['alpha', '-1', 'α must be a number > 0 and ≤ 10 (got -1)'],
  ['alpha', 'abc', 'α must be a number > 0 and ≤ 10 (got "abc")'],
  ['skills', '0', 'n_s must be an integer from 1 to 100000 (got 0)'],
  ['D', '-5', 'D must be an integer ≥ 1 (got -5)'],
  ['eta', 'fast', 'η must be a number > 0 (got "fast")'],
  ['r0', '2', 'R(0) must be < S = 1 (got 2)'],
];

/** The Fig. 2 preset's values of the fields above, put back after each bad input. */
const DEFAULTS: Record<string, string> = { alpha: '0.6', skills: '10000', D: '1000', eta: '1', r0: '0.01' };
test('each bad input shows its message at the field and the last good plots stay', async () => {
  const page = await explorer.open();
  const good = await Promise.all(CHARTS.map((c) => curves(page, c)));
  for (const [field, text, message] of BAD_INPUTS) {
    await page.fill(`#field-${field}`, text);
    assert.equal(await page.textContent(`#message-${field}`), message);
    assert.equal(await page.isVisible(`#message-${field}`), true);
    assert.equal(await page.getAttribute(`#field-${field}`, 'aria-invalid'), 'true');
    assert.deepEqual(
      await Promise.all(CHARTS.map((c) => curves(page, c))),
      good,
      `plots changed on ${field} = ${text}`,
    );
    await page.fill(`#field-${field}`, DEFAULTS[field]);
    assert.equal(await page.isVisible(`#message-${field}`), false);
  }
  assert.deepEqual(explorer.errors, []);
});

test('a malformed link says what is wrong at each field and draws the defaults', async () => {
  const page = await explorer.open('?alpha=abc&ns=0&D=-3&preset=fig9');
  assert.equal(
    await page.textContent('#message-alpha'),
    'α must be a number > 0 and ≤ 10 (got "abc") in the link; using 0.6',
  );
  assert.equal(
    await page.textContent('#message-skills'),
    'n_s must be an integer from 1 to 100000 (got 0) in the link; using 10000',
  );
  assert.equal(
    await page.textContent('#message-D'),
    'D must be an integer ≥ 1 (got -3) in the link; using 1000',
  );
  assert.match(
    (await page.textContent('#view-theory .field-message:not([hidden])')) ?? '',
    /preset in the link must be one of fig2, fig3, fig1 \(got "fig9"\); using fig2/,
  );
  const defaults = await explorer.open();
  for (const chart of CHARTS)
    assert.deepEqual(await curves(page, chart), await curves(defaults, chart), chart);
  assert.deepEqual(explorer.errors, []);
});

test('the controls work from the keyboard: Tab order, arrows step a value, Enter redraws', async () => {
  const page = await explorer.open();
  await page.focus('#tab-theory');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-preset');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-alpha');
  const before = await curves(page, 'strength-time');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.inputValue('#field-alpha'), '0.65');
  assert.notDeepEqual(await curves(page, 'strength-time'), before);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.inputValue('#field-alpha'), '0.6');
  assert.deepEqual(await curves(page, 'strength-time'), before);
  // Enter redraws from what the field holds (here set without an input event).
  await page.$eval('#field-alpha', (input: HTMLInputElement) => {
    input.value = '0.9';
  });
  assert.deepEqual(await curves(page, 'strength-time'), before);
  await page.keyboard.press('Enter');
  assert.notDeepEqual(await curves(page, 'strength-time'), before);
  assert.equal((await exponents(page))[0][1], '0.474');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.inputValue('#field-skills'), '100000');
  assert.deepEqual(explorer.errors, []);
});

test('every plot downloads as SVG and as PNG', async () => {
  const first = await explorer.open();
  const ids = await first.$$eval('#view-theory .chart', (charts) =>
    charts.map((c) => c.id.replace('chart-', '')),
  );
  assert.equal(ids.length, 7);
  for (const id of ids) {
    // A page of its own per chart: chromium stops a page after 10 downloads (the multiple-downloads prompt).
    const page = await explorer.open();
    for (const kind of ['SVG', 'PNG'] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`#chart-${id} button.download:text-is("${kind}")`),
      ]);
      assert.equal(download.suggestedFilename(), `${id}.${kind.toLowerCase()}`);
      const bytes = await readFile((await download.path())!);
      if (kind === 'SVG')
        assert.match(bytes.toString('utf8'), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      else assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    }
  }
  assert.deepEqual(explorer.errors, []);
});

test('input to redrawn plots at n_s = 10⁴ (measured in the page)', async (t) => {
  const page = await explorer.open();
  const times = await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('#field-alpha')!;
    const layout = document.querySelector<HTMLElement>('#view-theory .theory')!;
    const runs: { total: number; compute: number; draw: number }[] = [];
    for (let i = 0; i < 20; i++) {
      input.value = String(0.3 + 0.03 * i);
      const start = performance.now();
      input.dispatchEvent(new Event('input'));
      const total = performance.now() - start;
      runs.push({ total, compute: Number(layout.dataset.computeMs), draw: Number(layout.dataset.drawMs) });
    }
    return runs;
  });
  const median = (key: 'total' | 'compute' | 'draw') =>
    times.map((r) => r[key]).sort((a, b) => a - b)[times.length >> 1];
  const line =
    `input → redrawn plots at n_s = 10⁴ (7 charts, 20 edits of α): median ${median('total').toFixed(1)} ms ` +
    `(theory ${median('compute').toFixed(1)} ms, Plot ${median('draw').toFixed(1)} ms), ` +
    `max ${Math.max(...times.map((r) => r.total)).toFixed(1)} ms`;
  t.diagnostic(line);
  // The budget is 50 ms on an idle machine; the bound here only catches a redraw gone quadratic, since a
  // loaded CI machine can take several times longer.
  assert.ok(median('total') < 500, line);
  assert.deepEqual(explorer.errors, []);
});
