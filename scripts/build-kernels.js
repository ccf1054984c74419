#!/usr/bin/env node
// Compiles the AssemblyScript kernels to build/kernels.{simd,relaxed}.wasm, skipping the work when the
// outputs are newer than every source file. Run by `npm run build` (and so by start, test and bench).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src/kernels/assembly');
const outDir = join(root, 'build');
const asc = join(root, 'node_modules/assemblyscript/bin/asc.js');

const memoryFlags = ['--importMemory', '--sharedMemory', '--initialMemory', '16', '--maximumMemory', '65536'];
const common = [
  '--runtime',
  'stub',
  '-O3',
  '--noAssert',
  '--enable',
  'simd',
  '--enable',
  'threads',
  ...memoryFlags,
];
const flavours = {
  simd: [],
  relaxed: ['--enable', 'relaxed-simd'],
};

const newestSource = Math.max(
  ...readdirSync(srcDir).map((f) => statSync(join(srcDir, f)).mtimeMs),
  statSync(fileURLToPath(import.meta.url)).mtimeMs,
);
const mtime = (f) => {
  try {
    return statSync(f).mtimeMs;
  } catch {
    return -1;
  }
};

mkdirSync(outDir, { recursive: true });
for (const [name, flags] of Object.entries(flavours)) {
  const out = join(outDir, `kernels.${name}.wasm`);
  if (mtime(out) > newestSource) continue;
  const args = [asc, join(srcDir, 'index.ts'), '-o', out, ...common, ...flags];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`kernel build failed (${name})`);
    process.exit(r.status ?? 1);
  }
}
