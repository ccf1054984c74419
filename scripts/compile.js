#!/usr/bin/env node
// Compiles src/ to dist/ (JavaScript and type declarations, tsconfig.build.json) for the published package,
// starting from an empty dist/ so no module that was renamed or removed ships. Run by `npm pack` (prepack).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error('compile failed');
  process.exit(r.status ?? 1);
}
