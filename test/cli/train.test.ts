import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli, SMALL_RUN } from '../helpers/cli.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-cli-train-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('emergence train --preset fig1a … --out DIR writes the run and prints its summary', () => {
  const out = join(root, 'run');
  const r = runCli([
    'train',
    '--preset',
    'fig1a',
    '--steps',
    '20',
    ...SMALL_RUN,
    '--seed',
    '1',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.status, 'completed');
  assert.equal(summary.step, 20);
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  assert.equal(config.preset, 'fig1a');
  assert.equal(config.model.width, 16);
  assert.equal(config.optimizer.lr, 0.02);
  assert.equal(config.task.S, 5);
  const lines = readFileSync(join(out, 'curve.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 3);
  assert.deepEqual(Object.keys(JSON.parse(lines[0])).slice(0, 4), ['step', 'loss', 'R', 'skillLoss']);
  // Off a terminal, progress is JSON lines on stderr.
  assert.match(r.stderr.split('\n')[0], /^\{"event":"evaluation","step":0,/);
  const more = runCli(['train', '--out', out, '--resume', '--steps', '30', '--json']);
  assert.equal(more.code, 0, more.stderr);
  assert.equal(JSON.parse(more.stdout).step, 30);
  assert.equal(readFileSync(join(out, 'curve.jsonl'), 'utf8').trim().split('\n').length, 4);
});

test('bad input: one line naming the field, exit code 2, nothing written', () => {
  const cases: [string[], RegExp][] = [
    [['--preset', 'fig1a', '--width', '0'], /model\.width must be an integer from 1 to 65536 \(got 0\)/],
    [
      ['--preset', 'fig9'],
      /preset must be one of fig1a, fig1b, fig1c, fig11a, fig11b, fig11c, michaud \(got "fig9"\)/,
    ],
    [['--preset', 'fig1a', '--lr', 'Infinity'], /optimizer\.lr must be a finite number > 0 \(got Infinity\)/],
    [['--preset', 'fig1a', '--lr', 'fast'], /optimizer\.lr must be a finite number > 0 \(got "fast"\)/],
    [['--preset', 'fig1a', '--threads', '2', '--depth', '3'], /threads must be 1 for depth > 2/],
    [['--preset', 'fig1a', '--split', 'rows'], /split must be one of units, samples \(got "rows"\)/],
    [['--preset', 'fig1a', '--regime', 'fixed'], /data\.D must be set/],
    [['--steps', '10'], /steps must be|optimizer\.lr/],
    [
      ['--config', '/nonexistent/run.json'],
      /^error: --config must name a readable JSON file \(got "\/nonexistent\/run.json"\)\n$/,
    ],
  ];
  for (const [args, message] of cases) {
    const out = join(root, 'bad');
    const r = runCli(['train', ...args, '--out', out]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(existsSync(join(out, 'config.json')), false);
  }
  assert.match(runCli(['train', '--preset', 'fig1a']).stderr, /--out must name a run directory/);
});

test('a diverging run exits 1 with a clear message and keeps its partial results', () => {
  const out = join(root, 'nan');
  const r = runCli([
    'train',
    '--preset',
    'fig1a',
    '--steps',
    '50',
    ...SMALL_RUN,
    '--lr',
    '1e30',
    '--out',
    out,
  ]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /error: training loss became (NaN|Infinity) at step \d+: the run diverged/);
  assert.equal(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).status, 'diverged');
});

test('--preset fig1b --D … --epochs: the schedule in epochs becomes steps, and summary.json shows the final lr', () => {
  const out = join(root, 'epochs');
  const schedule = join(root, 'schedule.json');
  // Halve after epoch 1, then every 2 epochs; D = 40 in batches of 16 is 3 steps an epoch (16, 16, 8).
  writeFileSync(
    schedule,
    JSON.stringify({ optimizer: { schedule: { type: 'step-halving', unit: 'epochs', start: 1, every: 2 } } }),
  );
  const r = runCli([
    'train',
    '--preset',
    'fig1b',
    '--config',
    schedule,
    '--D',
    '40',
    '--epochs',
    '5',
    ...SMALL_RUN,
    '--batch',
    '16',
    '--eval-every',
    '5',
    '--out',
    out,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.step, 15, '5 epochs of 3 steps');
  // lr 0.05 from step 0, halved at step 3, 9 and 15.
  assert.equal(summary.final.lr, 0.05 / 8);
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  assert.deepEqual(config.optimizer.schedule, { type: 'step-halving', unit: 'steps', start: 3, every: 6 });
  assert.equal(config.steps, 15);
  const lrs = readFileSync(join(out, 'curve.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).lr);
  assert.deepEqual(lrs, [0.05, 0.025, 0.0125, 0.00625], 'steps 0, 5, 10, 15');
});

test('emergence train --ensemble writes one run directory per member; --resume continues it; bad input is one line', () => {
  const out = join(root, 'ensemble');
  const args = ['train', '--preset', 'fig11c', '--steps', '20', ...SMALL_RUN, '--out', out];
  const r = runCli([...args, '--ensemble', 'width=1,4;init=0..1', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const summaries = JSON.parse(r.stdout);
  assert.deepEqual(
    summaries.map((s: { status: string; packedWith: number }) => [s.status, s.packedWith]),
    Array(4).fill(['completed', 4]),
  );
  const { members } = JSON.parse(readFileSync(join(out, 'ensemble.json'), 'utf8'));
  assert.deepEqual(members, [
    'width-1_init-0_lr-0.05',
    'width-1_init-1_lr-0.05',
    'width-4_init-0_lr-0.05',
    'width-4_init-1_lr-0.05',
  ]);
  const config = JSON.parse(readFileSync(join(out, members[1], 'config.json'), 'utf8'));
  assert.equal(config.model.width, 1);
  assert.equal(config.initSeed, 1);
  const more = runCli(['train', '--out', out, '--resume', '--steps', '30']);
  assert.equal(more.code, 0, more.stderr);
  assert.match(more.stderr, /completed: 4 members, step 30\/30/);
  const deep = runCli(
    [...args, '--depth', '3', '--ensemble', 'width=2'].map((a) => (a === out ? `${out}-deep` : a)),
  );
  assert.equal(deep.code, 2);
  assert.equal(deep.stderr.trim(), 'error: model.depth must be 2 for a packed ensemble (got 3)');
});
