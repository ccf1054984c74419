// The package as a user installs it: `npm pack` (whose prepack builds the kernels and compiles dist/), then
// `npm install` of the tarball, without dev dependencies, into an empty project.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SMALL_RUN } from '../helpers/cli.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'emergence-package-'));
const project = join(dir, 'project');
after(() => rmSync(dir, { recursive: true, force: true }));

// A run of seconds: fig1a's task and learning rate on a narrow network for a few steps.
const STEPS = 20;
const RUN = ['--preset', 'fig1a', '--steps', String(STEPS), ...SMALL_RUN, '--seed', '1'];

/** Runs a command to completion and returns its stdout; fails the test with its stderr otherwise. */
function run(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

interface Packed {
  filename: string;
  files: { path: string }[];
}
let packed: Packed;

before(() => {
  const stdout = run('npm', ['pack', '--json', '--pack-destination', dir], repo);
  // Lifecycle scripts may print before npm's JSON.
  [packed] = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as Packed[];
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  const tarball = join(dir, packed.filename);
  run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], project);
});

test('the tarball holds the compiled library, its declarations, the kernels, the explorer page and the command, no sources', () => {
  const paths = packed.files.map((f) => f.path);
  for (const path of [
    'bin/emergence.js',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/cli/main.js',
    'dist/nn/fast/worker.js',
    'build/kernels.simd.wasm',
    'build/kernels.relaxed.wasm',
    'build/web/index.html',
    'LICENSE',
    'README.md',
  ]) {
    assert.ok(paths.includes(path), `${path} is in the tarball`);
  }
  const source = (p: string) => p.endsWith('.ts') && !p.endsWith('.d.ts');
  const unwanted = paths.filter((p) => /^(src|test|bench|scripts)\/|^(biome|tsconfig)/.test(p) || source(p));
  assert.deepEqual(unwanted, []);
  for (const dev of ['tsx', 'typescript', 'assemblyscript', '@biomejs/biome']) {
    assert.equal(existsSync(join(project, 'node_modules', dev)), false, `${dev} was not installed`);
  }
});

test('plain JavaScript imports the library and computes with it', () => {
  writeFileSync(
    join(project, 'use.mjs'),
    `import { emergenceTime, loadKernels, zipfProbs } from 'emergence-lab';
const probs = zipfProbs(5, 1.5);
const time = emergenceTime(probs[0], 0.5, { S: 5, r0: 0.1, eta: 0.04 });
const { flavour } = await loadKernels();
console.log(JSON.stringify({ probs: [...probs], time, flavour }));
`,
  );
  const { probs, time, flavour } = JSON.parse(run(process.execPath, ['use.mjs'], project));
  assert.ok(Math.abs(probs.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-12);
  // P_s(k) ∝ k^-(α+1) (Eq. 1)
  assert.ok(Math.abs(probs[0] / probs[1] - 2 ** 2.5) < 1e-12);
  // The time from R/S = 0.02 to 0.5 under dR/dt = 2η·P_s·R(S − R) (Eq. 11), by Simpson's rule on dt/dx.
  const rate = 2 * 0.04 * probs[0] * 5;
  assert.ok(Math.abs(time / simpson((x) => 1 / (rate * x * (1 - x)), 0.02, 0.5, 20_000) - 1) < 1e-10);
  assert.match(flavour, /^(simd|relaxed)$/);
});

test('TypeScript type-checks a consumer against the installed declarations', () => {
  writeFileSync(
    join(project, 'consumer.ts'),
    `import { emergenceTime, type ModelConstants, zipfProbs } from 'emergence-lab';

const model: Partial<ModelConstants> = { S: 5, r0: 0.1, eta: 0.04 };
export const time: number = emergenceTime(zipfProbs(5, 1.5)[0], 0.5, model);
// @ts-expect-error a Float64Array is no string (were the declarations missing, this line would not fail)
export const wrong: string = zipfProbs(5, 1.5);
`,
  );
  // DOM: the declarations use WebAssembly's types, and vega's typings use DOM's.
  const compilerOptions = {
    module: 'nodenext',
    target: 'es2022',
    lib: ['es2022', 'dom'],
    strict: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(repo, 'node_modules/@types')],
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
  run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', project], project);
});

test('the installed `emergence` trains on one thread and on two', () => {
  for (const threads of [1, 2]) {
    const out = join(dir, `run-${threads}`);
    run('npx', ['--no', 'emergence', 'train', ...RUN, '--threads', String(threads), '--out', out], project);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.equal(summary.status, 'completed');
    assert.equal(summary.step, STEPS);
    assert.equal(summary.threads, threads);
    assert.equal(summary.final.R.length, 5);
    assert.ok(Number.isFinite(summary.final.loss));
  }
});

/** ∫_a^b f by composite Simpson's rule on n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}
