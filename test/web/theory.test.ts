import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeFrontier } from '../../src/theory/compute.ts';
import { scalingPrefactors } from '../../src/theory/prefactors.ts';
import { FRONTIER, theoryFigures } from '../../web/src/theory/model.ts';
import {
  DEFAULT_PRESET,
  PARAM_SPECS,
  PRESETS,
  paramsFromUrl,
  paramsToUrl,
  type TheoryParams,
} from '../../web/src/theory/params.ts';

const base = PRESETS[DEFAULT_PRESET].params;

test('a link holds the preset and the changed values, and reads back the same parameters', () => {
  const params: TheoryParams = { ...PRESETS.fig3.params, alpha: 0.3, D: 500 };
  const entries = paramsToUrl('fig3', params);
  assert.deepEqual(Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== null)), {
    preset: 'fig3',
    alpha: '0.3',
    D: '500',
  });
  const query = new URLSearchParams(
    Object.entries(entries).filter((e): e is [string, string] => e[1] !== null),
  );
  assert.deepEqual(paramsFromUrl(query), { preset: 'fig3', params, problems: [] });
});

test('every preset satisfies its own fields’ ranges and R(0) < S', () => {
  for (const [name, { params }] of Object.entries(PRESETS)) {
    for (const spec of PARAM_SPECS) assert.ok(spec.valid(params[spec.key]), `${name}.${spec.key}`);
    assert.ok(params.r0 < params.S, name);
  }
});

test('a malformed link names each bad entry and falls back to the preset', () => {
  const { preset, params, problems } = paramsFromUrl(
    new URLSearchParams('preset=nope&alpha=-1&ns=2.5&D=&r0=3&S=2'),
  );
  assert.equal(preset, DEFAULT_PRESET);
  assert.deepEqual(params, base);
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      'preset in the link must be one of fig2, fig3, fig1 (got "nope"); using fig2',
      'α must be a number > 0 and ≤ 10 (got -1) in the link; using 0.6',
      'n_s must be an integer from 1 to 100000 (got 2.5) in the link; using 10000',
      'D must be an integer ≥ 1 (got "") in the link; using 1000',
      'R(0) must be < S = 2 (got 3) in the link; using the preset’s R(0) and S',
    ],
  );
});

test('the figures follow the model: skills emerge in frequency order, the frontier is the lower envelope', () => {
  const p: TheoryParams = { ...base, skills: 2000, alpha: 0.4 };
  const f = theoryFigures(p);
  // R_k/S rises in T, and at any T a commoner skill is ahead of a rarer one (Eq. 14).
  for (const { points } of f.strengthTime) {
    for (let i = 1; i < points.length; i++) assert.ok(points[i].y >= points[i - 1].y);
  }
  f.strengthTime[0].points.forEach((q, i) => assert.ok(q.y >= f.strengthTime[1].points[i].y));
  // The frontier's points are minima over N: below every drawn width at the same C, and computeFrontier's.
  const frontier = f.lossCompute.curves.find((c) => c.name === FRONTIER)!;
  const widths = f.lossCompute.curves.filter((c) => c.name.startsWith('N = '));
  assert.deepEqual(
    widths.map((c) => c.name),
    ['N = 10', 'N = 100', 'N = 1000'],
  );
  for (const { x, y } of frontier.points) {
    assert.ok(
      Math.abs(y - computeFrontier(x, { alpha: 0.4, skills: 2000, S: 1, r0: 0.01 }).loss) < 1e-12 * y + 1e-15,
    );
  }
  const [first] = frontier.points;
  for (const w of widths) assert.ok(first.y <= w.points[0].y * (1 + 1e-12));
  // κ = 1: the laws' prefactors are Table 4's for these constants.
  const table = scalingPrefactors(0.4, { S: 1, r0: 0.01, eta: 1 }).prefactors;
  for (const law of ['time', 'data', 'params', 'compute'] as const) {
    assert.ok(Math.abs(f.laws[law].prefactor - table[law]) < 1e-12 * table[law], law);
  }
});

test('κ rescales time: the same R_k/S curves at η·κ, on a time axis stretched by 1/κ', () => {
  const plain = theoryFigures({ ...base, skills: 50 });
  const slow = theoryFigures({ ...base, skills: 50, kappa: 1 / 22 });
  plain.strengthTime.forEach((curve, k) =>
    curve.points.forEach((q, i) => {
      const r = slow.strengthTime[k].points[i];
      assert.ok(Math.abs(r.x - 22 * q.x) < 1e-9 * r.x);
      assert.ok(Math.abs(r.y - q.y) < 1e-12);
    }),
  );
});
