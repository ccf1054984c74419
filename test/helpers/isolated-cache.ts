// Loaded before the tests (package.json's test script, and test/helpers/cli.ts for the commands it runs): the
// kernel choices `emergence tune` caches go to a temporary directory, so no test reads or writes the user's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.EMERGENCE_CACHE_DIR) {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-cache-'));
  process.env.EMERGENCE_CACHE_DIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
