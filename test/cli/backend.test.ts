import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { sweepFile, TINY } from '../helpers/sweep.ts';

// --backend and --redis of the commands that train sweeps: each mistake is one line naming the flag, exit 2,
// before anything is trained or written. (The BullMQ backend itself is tested against a real redis-server in
// test/redis, `npm run test:redis`.)
const root = mkdtempSync(join(tmpdir(), 'emergence-backend-'));
after(() => rmSync(root, { recursive: true, force: true }));
const { path } = sweepFile(root, 'one.json', { preset: 'fig11a', set: TINY, seeds: [1] });

const cases: [string, string[], RegExp][] = [
  [
    'an unknown backend',
    ['--backend', 'slurm'],
    /^error: --backend must be one of local, bullmq \(got "slurm"\)/,
  ],
  ['bullmq without --redis', ['--backend', 'bullmq'], /^error: --backend bullmq needs --redis URL/],
  ['--redis without bullmq', ['--redis', 'redis://127.0.0.1:6379'], /^error: --redis needs --backend bullmq/],
  [
    '--jobs with bullmq',
    ['--backend', 'bullmq', '--redis', 'redis://127.0.0.1:6379', '--jobs', '2'],
    /^error: --jobs sets the local pool/,
  ],
  ['a malformed URL', ['--backend', 'bullmq', '--redis', 'http://x'], /--redis must be a Redis URL/],
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  [
    'an unreachable Redis',
    ['--backend', 'bullmq', '--redis', 'redis://127.0.0.1:1'],
    /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/,
  ],
];

for (const [what, flags, message] of cases) {
  test(`sweep and reproduce with ${what}: one line, exit 2, nothing trained`, () => {
    for (const [name, args] of [
      ['sweep', ['sweep', path]],
      ['reproduce', ['reproduce', 'fig11']],
    ] as const) {
      const out = join(root, `${name}-${what.replaceAll(' ', '-')}`);
      const r = runCli([...args, '--out', out, ...flags], 20_000);
      assert.equal(r.code, 2, `${name}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, `${name}: one line: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.ok(!existsSync(join(out, 'runs')), `${name}: no run started`);
    }
  });
}
