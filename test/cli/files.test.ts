import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { makeDirectory, replaceOutput } from '../../src/files.ts';
import { runCli } from '../helpers/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-cli-files-'));
after(() => rmSync(root, { recursive: true, force: true }));
const aFile = join(root, 'a-file');
writeFileSync(aFile, 'not a directory\n');

const train = ['train', '--preset', 'fig11a', '--steps', '2', '--width', '16', '--batch', '32'];
const commands: [string, (out: string) => string[]][] = [
  ['train', (out) => [...train, '--out', out]],
  ['reproduce', (out) => ['reproduce', 'fig5', '--out', out]],
  ['start', (out) => ['start', '--out', out]],
];
const places: [string, string, RegExp][] = [
  ['under a regular file', join(aFile, 'run'), /a parent is not a directory \(ENOTDIR\)/],
  ['under /proc', '/proc/forbidden/run', /cannot create directory \/proc\/forbidden/],
  // Refused even to root: sysfs takes no new directories.
  ['under /sys', '/sys/emergence-run', /cannot create directory \/sys\/emergence-run: /],
];

for (const [command, args] of commands) {
  for (const [where, out, reason] of places) {
    test(`${command} --out ${where}: one line naming the path, exit 2, at once`, () => {
      const r = runCli(args(out), 60_000);
      assert.equal(r.signal, null, 'returns (a recursive mkdir under /proc never did)');
      assert.equal(r.code, 2, r.stderr);
      const lines = r.stderr.trim().split('\n');
      const error = lines.at(-1)!;
      assert.match(error, /^error: cannot create directory /);
      assert.match(error, reason);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    });
  }
}

test('a read-only directory: writing into it is one line naming the file (skipped as root, who may write)', {
  skip: process.getuid?.() === 0,
}, () => {
  const locked = join(root, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o555);
  const r = runCli(['reproduce', 'fig5', '--out', locked]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^error: cannot write .*locked\/fig5\.svg: permission denied \(EACCES\)$/m);
});

test('makeDirectory creates the missing levels, accepts an existing directory and refuses a file', () => {
  const deep = join(root, 'x', 'y', 'z');
  makeDirectory(deep);
  assert.ok(statSync(deep).isDirectory());
  makeDirectory(deep);
  assert.throws(() => makeDirectory(aFile), {
    name: 'UsageError',
    message: `cannot create directory ${aFile}: a file of that name exists`,
  });
});

test('replaceOutput replaces a file whole and leaves no temporary file; a bad path is a UsageError', () => {
  const path = join(root, 'replaced.json');
  replaceOutput(path, 'old');
  replaceOutput(path, 'new');
  assert.equal(statSync(path).size, 3);
  assert.equal(existsSync(`${path}.tmp`), false);
  assert.throws(() => replaceOutput(join(aFile, 'x.json'), '{}'), UsageError);
});
