#!/usr/bin/env node
// The `emergence` command. In a checkout (src/ beside bin/ and tsx installed) it runs the TypeScript sources
// through tsx, so no compile step is needed; the installed package runs the compiled JavaScript in dist/.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
const tsx = existsSync(source) ? await import('tsx/esm/api').catch(() => null) : null;
if (tsx) {
  tsx.register();
  await import(source.href);
} else {
  await import('../dist/cli/main.js');
}
