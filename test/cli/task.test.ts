import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTask } from '../../src/task/index.ts';
import { runCli } from '../helpers/cli.ts';

test('emergence task describe --json prints the spec, P_s and the masks of the seed', () => {
  const r = runCli([
    'task',
    'describe',
    '--skills',
    '5',
    '--bits',
    '32',
    '--m',
    '3',
    '--alpha',
    '0.6',
    '--seed',
    '7',
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(d).slice(0, 7), ['skills', 'bits', 'm', 'alpha', 'S', 'probs', 'masks']);
  assert.equal(d.skills, 5);
  assert.equal(d.alpha, 0.6);
  const task = createTask({ skills: 5, bits: 32, m: 3, alpha: 0.6 }, 7);
  assert.deepEqual(d.probs, Array.from(task.probs));
  assert.deepEqual(d.masks, task.masks);
});

test('emergence task sample --format jsonl: 1-based skill, n_s + n_b input bits, y = ±S from the masks', () => {
  const describe = JSON.parse(runCli(['task', 'describe', '--seed', '3', '--S', '2', '--json']).stdout);
  const r = runCli(['task', 'sample', '--seed', '3', '--S', '2', '--n', '1000', '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 1000);
  for (const { skill, x, y } of lines) {
    assert.ok(Number.isInteger(skill) && skill >= 1 && skill <= 5);
    assert.match(x, /^[01]{37}$/);
    assert.equal(
      x.slice(0, 5),
      '00000'
        .split('')
        .map((_, i) => (i === skill - 1 ? '1' : '0'))
        .join(''),
    );
    // Independent check: the parity read off the printed string with the printed masks.
    const parity = describe.masks[skill - 1].reduce((p: number, b: number) => p ^ Number(x[5 + b]), 0);
    assert.equal(y, parity ? -2 : 2);
  }
});

test('bad input: one line naming the field and the allowed range, exit code 2, no stack trace', () => {
  const cases: [string[], RegExp][] = [
    [['task', 'describe', '--skills', '2.5'], /skills must be an integer from 1 to 1000000 \(got 2\.5\)/],
    [['task', 'describe', '--bits', '4', '--m', '5'], /m must be ≤ bits = 4 \(got 5\)/],
    [['task', 'describe', '--skills', '20'], /bits must be ≥ m·skills = 60 for disjoint masks/],
    [['task', 'describe', '--S', '-1'], /S must be a finite number > 0 \(got -1\)/],
    [['task', 'describe', '--masks', 'some'], /masks must be one of disjoint, overlapping \(got "some"\)/],
    [['task', 'sample', '--n', '0'], /n must be an integer from 1 to 100000000 \(got 0\)/],
    [['task', 'sample', '--skill', '6'], /skill must be an integer from 1 to 5 \(got 6\)/],
    [['task', 'sample', '--seed', 'x'], /seed must be an integer ≥ 0 \(got "x"\)/],
    [['task', 'describe', '--nope'], /unknown option '--nope'/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(r.stdout, '');
  }
});
