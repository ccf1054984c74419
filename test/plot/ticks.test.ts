import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decadeLabel, logTicks } from '../../src/plot/ticks.ts';

test('decadeLabel(e) writes 10 with a superscript exponent', () => {
  assert.equal(decadeLabel(0), '10⁰', 'exact');
  assert.equal(decadeLabel(3), '10³', 'exact');
  assert.equal(decadeLabel(-12), '10⁻¹²', 'exact');
});

test('logTicks(1, 1e4) labels the five decades and marks 2..9 as unlabelled minor ticks', () => {
  const ticks = logTicks(1, 1e4);
  assert.equal(ticks.length, 4 * 9 + 1, 'exact count: 9 per decade plus the last decade');
  const major = ticks.filter((t) => t.major);
  assert.deepEqual(
    major.map((t) => t.value),
    [1, 10, 100, 1000, 10000],
    'exact',
  );
  assert.deepEqual(
    major.map((t) => t.label),
    ['10⁰', '10¹', '10²', '10³', '10⁴'],
    'exact',
  );
  assert.ok(
    ticks.filter((t) => !t.major).every((t) => t.label === ''),
    'minor ticks carry no label',
  );
});

test('logTicks keeps only ticks inside the domain, with exact decimal values', () => {
  const ticks = logTicks(0.03, 2000);
  assert.equal(ticks[0].value, 0.03, 'first tick is the domain start, exactly 0.03');
  assert.equal(ticks.at(-1)?.value, 2000, 'last tick is the domain end');
  assert.ok(
    ticks.some((t) => t.value === 0.3),
    '3·10⁻¹ is the double 0.3, not 0.30000000000000004',
  );
  for (let i = 1; i < ticks.length; i++) assert.ok(ticks[i].value > ticks[i - 1].value, 'increasing');
});

test('logTicks on a domain under a decade labels 1, 2, 5 in plain numbers', () => {
  const ticks = logTicks(0.3, 1);
  assert.deepEqual(
    ticks.filter((t) => t.major).map((t) => t.label),
    ['0.5', '1'],
    'exact',
  );
  const tiny = logTicks(0.6, 1);
  assert.deepEqual(
    tiny.filter((t) => t.major).map((t) => t.label),
    ['0.6', '0.7', '0.8', '0.9', '1'],
    'below a factor 3 every tick is labelled',
  );
  assert.deepEqual(
    logTicks(2e5, 1e6)
      .filter((t) => t.major)
      .map((t) => t.label),
    ['2×10⁵', '5×10⁵', '10⁶'],
    'large exponents keep the ×10ⁿ form',
  );
});
