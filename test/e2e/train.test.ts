import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Explorer, launchExplorer } from '../helpers/browser.ts';

// The `small` preset (n_s = 5, width 256, batch 2000, SGD lr 0.05, 2500 steps): the model puts skill 1's
// R_1/S = ½ near step 450; `emergence train` with these settings reaches it at step 750 (seed 0).
const SKILL1_WITHIN = 1200;

let explorer: Explorer;
before(async () => {
  explorer = await launchExplorer();
});
after(() => explorer?.close());

const status = (page: Page) => page.locator('#train-status');
const step = async (page: Page) => Number(await status(page).getAttribute('data-step'));

/** The network's column of the t₅₀ table: the step where R_k/S first reached ½, per skill (null: not yet). */
async function reachedSteps(page: Page): Promise<(number | null)[]> {
  const cells = await page.locator('#train-t50 tr td:nth-child(3)').allTextContents();
  return cells.map((c) => (c === '–' ? null : Number(c)));
}

test(`a browser training run: skill 1 reaches R_1/S > 0.5 within ${SKILL1_WITHIN} steps, beside the model`, async () => {
  const page = await explorer.open('?view=train&train-preset=small');
  await page.click('#train-start');
  await page.waitForFunction(
    () => document.querySelector('#train-status')?.getAttribute('data-state') === 'completed',
    null,
    {
      timeout: 90_000,
    },
  );
  const [first] = await reachedSteps(page);
  assert.ok(first !== null && first <= SKILL1_WITHIN, `skill 1 reached ½ at step ${first}`);
  const text = (await status(page).textContent()) ?? '';
  const rate = Number(/(\d+) steps\/s/.exec(text)?.[1]);
  console.log(`browser: ${text}`);
  assert.ok(rate > 0);
  await page.screenshot({ path: '/tmp/shots/train.png', fullPage: true });
  // The chart draws the model's 5 curves (dashed) beside the network's.
  assert.equal(await page.locator('#chart-train-skills svg g[stroke-dasharray] path').count(), 5);
  assert.deepEqual(explorer.errors, []);
});

test('pause stops the steps and resume carries on; reset clears the run', async () => {
  const page = await explorer.open('?view=train&train-preset=fig1a');
  await page.click('#train-start');
  await page.waitForFunction(
    () => Number(document.querySelector('#train-status')?.getAttribute('data-step')) > 20,
    null,
    {
      timeout: 30_000,
    },
  );
  await page.click('#train-pause');
  await page.waitForFunction(
    () => document.querySelector('#train-status')?.getAttribute('data-state') === 'paused',
  );
  const paused = await step(page);
  await page.waitForTimeout(700);
  assert.equal(await step(page), paused, 'no steps while paused');
  assert.equal(await page.textContent('#train-pause'), 'Resume');
  await page.click('#train-pause');
  await page.waitForFunction(
    (at) => Number(document.querySelector('#train-status')?.getAttribute('data-step')) > at,
    paused,
    {
      timeout: 30_000,
    },
  );
  // The page stays responsive while the worker trains: a frame comes well within 100 ms.
  const frame = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        const t0 = performance.now();
        requestAnimationFrame(() => done(performance.now() - t0));
      }),
  );
  assert.ok(frame < 100, `a frame took ${frame} ms`);
  await page.click('#train-reset');
  assert.equal(await status(page).textContent(), 'Not started.');
  assert.equal(await page.isDisabled('#train-pause'), true);
  assert.deepEqual(explorer.errors, []);
});

test('a field out of range shows its message and Start waits', async () => {
  const page = await explorer.open('?view=train');
  await page.fill('#field-train-skills', '0');
  assert.match(
    (await page.textContent('#message-train-skills')) ?? '',
    /n_s must be an integer from 1 to 10 \(got 0\)/,
  );
  assert.equal(await page.isDisabled('#train-start'), true);
  await page.fill('#field-train-skills', '3');
  assert.equal(await page.isDisabled('#train-start'), false);
  assert.deepEqual(explorer.errors, []);
});

test('a malformed link says so at the field and the preset menu, and Start waits', async () => {
  const page = await explorer.open('?view=train&train-preset=huge&train-width=abc');
  assert.match(
    (await page.textContent('#train-message')) ?? '',
    /train-preset in the link must be one of small, medium, fig1a \(got "huge"\); using small/,
  );
  assert.match(
    (await page.textContent('#message-train-width')) ?? '',
    /width must be an integer from 1 to 4000 \(got "abc"\)/,
  );
  assert.equal(await page.isDisabled('#train-start'), true);
  assert.deepEqual(explorer.errors, []);
});
