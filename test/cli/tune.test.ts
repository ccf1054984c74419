import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.ts';

test('emergence tune --json prints the choice and every candidate time for the shape the flags give', () => {
  const r = runCli([
    'tune',
    '--preset',
    'fig1a',
    '--width',
    '32',
    '--batch',
    '64',
    '--seconds',
    '0.5',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const [result] = JSON.parse(r.stdout);
  assert.match(result.key, /width 32 depth 2 relu mse sgd batch 64 threads 1/);
  assert.ok(
    result.candidates.some(
      (c: { choice: unknown }) => JSON.stringify(c.choice) === JSON.stringify(result.choice),
    ),
  );
  assert.ok(result.saved.startsWith(process.env.EMERGENCE_CACHE_DIR));
});

test('emergence tune --seconds out of range is one line naming the flag, exit 2', () => {
  const r = runCli(['tune', '--seconds', '0']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /seconds/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});
