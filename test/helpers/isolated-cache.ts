// Loaded before the tests (package.json's test, test:redis and test:e2e scripts, `--import`; the commands the tests run
// inherit its variable): the kernel choices `emergence tune` caches go to a temporary directory, so no test reads
// or writes the user's. Not imported by helpers, which benchmarks share: a benchmark runs the user's choices.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.EMERGENCE_CACHE_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-cache-'));
  process.env.EMERGENCE_CACHE_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
