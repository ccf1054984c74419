#!/usr/bin/env node
// Builds the explorer page (web/, importing src/) into build/web/ with Vite, skipping the work when
// build/web/index.html is newer than every source file. Run by `npm run build` (and so by start and test).
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'build/web/index.html');

/** The newest modification time of any file under `dir`. */
function newest(dir) {
  let time = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

const sources = Math.max(
  newest(join(root, 'web')),
  newest(join(root, 'src')),
  statSync(fileURLToPath(import.meta.url)).mtimeMs,
  statSync(join(root, 'package-lock.json')).mtimeMs,
);
let built = -1;
try {
  built = statSync(output).mtimeMs;
} catch {}
if (built <= sources) {
  const { build } = await import('vite');
  try {
    await build({ configFile: join(root, 'web/vite.config.ts') });
  } catch (e) {
    console.error(`web page build failed: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
