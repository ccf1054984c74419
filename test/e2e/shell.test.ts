import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Explorer, launchExplorer, pageUrl } from '../helpers/browser.ts';

let explorer: Explorer;
before(async () => {
  explorer = await launchExplorer();
});
after(() => explorer?.close());

test('the served page is cross-origin isolated, so a worker can share WebAssembly memory', async () => {
  const page = await explorer.open();
  assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true);
  assert.equal(await page.evaluate(() => typeof SharedArrayBuffer), 'function');
  assert.deepEqual(explorer.errors, []);
});

test('the tabs switch the view and the URL holds it; a link opens that view', async () => {
  const page = await explorer.open();
  assert.equal(await page.isVisible('#view-theory'), true);
  await page.click('#tab-results');
  assert.equal(await page.isVisible('#view-results'), true);
  assert.equal(await page.isVisible('#view-theory'), false);
  assert.match((await pageUrl(page)).search, /[?&]view=results/);
  // From the keyboard: focus is on the Results tab; ArrowLeft selects Train.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getAttribute('#tab-train', 'aria-selected'), 'true');
  assert.match((await pageUrl(page)).search, /[?&]view=train/);
  const linked = await explorer.open('?view=results');
  assert.equal(await linked.isVisible('#view-results'), true);
  assert.deepEqual(explorer.errors, []);
});

test('an unknown view in the link shows a message and the theory view', async () => {
  const page = await explorer.open('?view=nope');
  assert.equal(await page.isVisible('#view-theory'), true);
  assert.match(
    (await page.textContent('.tabs-message')) ?? '',
    /view in the link must be one of theory, train, results \(got "nope"\)/,
  );
  assert.deepEqual(explorer.errors, []);
});

test('the server refuses a path that climbs out of the page', async () => {
  const response = await fetch(`${explorer.url}%2e%2e/package.json`);
  assert.equal(response.status, 404);
});
