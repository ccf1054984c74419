import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { servePage } from '../../src/serve/static.ts';
import { runCli } from '../helpers/cli.ts';

function page(): string {
  const dir = mkdtempSync(join(tmpdir(), 'web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'kernels.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(dir, 'app.js'), 'export {};');
  return dir;
}

test('serves the page with its MIME types and the cross-origin isolation headers', async () => {
  const { server, url } = await servePage(0, page());
  try {
    const index = await fetch(url);
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(index.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(index.headers.get('cross-origin-embedder-policy'), 'require-corp');
    const wasm = await fetch(`${url}kernels.wasm`);
    assert.equal(wasm.headers.get('content-type'), 'application/wasm');
    assert.deepEqual(new Uint8Array(await wasm.arrayBuffer()), new Uint8Array([0, 97, 115, 109]));
    assert.equal((await fetch(`${url}app.js`)).headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal((await fetch(`${url}missing.js`)).status, 404);
    assert.equal((await fetch(`${url}%2e%2e/%2e%2e/etc/passwd`)).status, 404);
    assert.equal((await fetch(url, { method: 'POST' })).status, 405);
  } finally {
    server.close();
  }
});

test('a page that was not built and a taken port are one clear UsageError each', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'web-'));
  await assert.rejects(
    servePage(0, empty),
    (e) => e instanceof UsageError && /not built.*npm run build/.test(e.message),
  );
  const { server, url } = await servePage(0, page());
  try {
    const port = Number(new URL(url).port);
    await assert.rejects(
      servePage(port, page()),
      (e) =>
        e instanceof UsageError &&
        e.message === `port ${port} on 127.0.0.1 is taken: choose another with --port`,
    );
  } finally {
    server.close();
  }
});

test('emergence serve rejects a bad port in one line with exit 2', () => {
  const r = runCli(['serve', '--port', '70000']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'error: port must be an integer from 0 to 65535 (got 70000)\n');
});
