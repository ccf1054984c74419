// The browser-test harness: `emergence serve` on a free port of 127.0.0.1 and Debian's chromium driven by
// playwright-core, with every console error, page error and request leaving 127.0.0.1 collected so a test
// can assert there were none (the built page must work offline).

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { type Browser, chromium, type Page } from 'playwright-core';
import { spawnCli } from './cli.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Explorer {
  /** The served page's address, e.g. http://127.0.0.1:41059/. */
  url: string;
  /** Console errors, uncaught page errors and refused outside requests of every page so far. */
  errors: string[];
  /** A new page at `query` (e.g. '?alpha=0.3'), loaded, with its errors collected. */
  open(query?: string, size?: { width: number; height: number }): Promise<Page>;
  /** Closes the browser and stops the server. */
  close(): Promise<void>;
}

/** Starts `emergence serve --port 0` and resolves with its URL once it prints it. */
function serve(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawnCli(['serve', '--port', '0']);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) resolve({ child, url });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
    });
    child.once('exit', (code) => reject(new Error(`emergence serve exited (${code}): ${err || out}`)));
  });
}

/** The served page in a fresh headless chromium. */
export async function launchExplorer(): Promise<Explorer> {
  const { child, url } = await serve();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  } catch (e) {
    child.kill();
    throw e;
  }
  const context = await browser.newContext({ acceptDownloads: true });
  const errors: string[] = [];
  // Offline: a request anywhere but the server is refused and counted as an error.
  await context.route(
    (target) => !target.href.startsWith(url) && !/^(data|blob):/.test(target.protocol),
    (route) => {
      errors.push(`request outside 127.0.0.1: ${route.request().url()}`);
      return route.abort();
    },
  );
  return {
    url,
    errors,
    async open(query = '', size = { width: 1400, height: 1000 }) {
      const page = await context.newPage();
      await page.setViewportSize(size);
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      await page.goto(url + query, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await browser.close();
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/**
 * The page's address once its last edit is written (web/src/url.ts writes it 200 ms after the edits pause;
 * page.url() can also lag behind history.replaceState).
 */
export async function pageUrl(page: Page): Promise<URL> {
  const href = await page.evaluate(
    () => new Promise<string>((resolve) => setTimeout(() => resolve(window.location.href), 300)),
  );
  return new URL(href);
}
