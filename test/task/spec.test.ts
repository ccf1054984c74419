import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { parseTaskSpec } from '../../src/task/index.ts';

test("parseTaskSpec fills the paper's defaults (K.1)", () => {
  assert.deepEqual(parseTaskSpec({}), {
    skills: 5,
    bits: 32,
    m: 3,
    alpha: 0.6,
    distribution: 'zipf',
    S: 5,
    masks: 'disjoint',
    labels: 'pm',
  });
});

const bad: [object, RegExp][] = [
  [{ skills: 2.5 }, /^skills must be an integer from 1 to 1000000 \(got 2\.5\)$/],
  [{ skills: 0 }, /^skills must be an integer from 1 to 1000000 \(got 0\)$/],
  [{ skills: 'five' }, /^skills must be an integer from 1 to 1000000 \(got "five"\)$/],
  [{ bits: -3 }, /^bits must be an integer from 1 to 65536 \(got -3\)$/],
  [{ m: 40, bits: 32 }, /^m must be ≤ bits = 32 \(got 40\)$/],
  [{ skills: 20, bits: 32, m: 3 }, /^bits must be ≥ m·skills = 60 for disjoint masks \(got 32\)/],
  [{ skills: 60, bits: 6, m: 3, masks: 'overlapping' }, /^skills must be ≤ C\(bits, m\) = 20 .*\(got 60\)$/],
  [{ S: -1 }, /^S must be a finite number > 0 \(got -1\)$/],
  [{ S: 0 }, /^S must be a finite number > 0 \(got 0\)$/],
  [{ alpha: Number.NaN }, /^alpha must be a finite number/],
  [{ masks: 'random' }, /^masks must be one of disjoint, overlapping \(got "random"\)$/],
  [{ labels: 'pm1' }, /^labels must be one of pm, binary \(got "pm1"\)$/],
  [{ distribution: 'zipfian' }, /^distribution must be one of zipf, uniform/],
  [{ width: 3 }, /^unknown field width$/],
];

for (const [input, message] of bad) {
  test(`parseTaskSpec(${JSON.stringify(input)}) is a UsageError naming the field`, () => {
    assert.throws(
      () => parseTaskSpec(input),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
    );
  });
}
