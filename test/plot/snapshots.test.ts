import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { figureSpec, panels } from '../../src/plot/compose.ts';
import { powerLawGuide } from '../../src/plot/guides.ts';
import { type Chart, lineChart, type Point } from '../../src/plot/lineChart.ts';
import { PALETTE } from '../../src/plot/theme.ts';
import { assertSnapshot, renumberIds, roundNumbers } from './snapshot.ts';

// Named figures from fixed synthetic data (closed forms, no randomness), one per feature of the plotting
// layer. Tolerance: every number in the JSON and the SVG rounded to 3 decimals.

const grid = (lo: number, hi: number, n: number, log: boolean): number[] =>
  Array.from({ length: n }, (_, i) =>
    log ? lo * (hi / lo) ** (i / (n - 1)) : lo + ((hi - lo) * i) / (n - 1),
  );
const curve = (xs: number[], f: (x: number) => number): Point[] => xs.map((x) => ({ x, y: f(x) }));

/** Log–log curves with a power-law tail and their dotted guides; legend inside, bottom left. */
function powerLaws(): TopLevelSpec {
  const xs = grid(1, 1e4, 41, true);
  const series = [0.3, 0.6, 0.9].flatMap((a, i) => {
    const p = -a / (a + 1);
    return [
      { name: `α = ${a}`, color: PALETTE[i], points: curve(xs, (x) => 0.5 * (x + 2) ** p) },
      powerLawGuide({ prefactor: 0.5, exponent: p, variable: 'T', domain: [1, 1e4], color: PALETTE[i] }),
    ];
  });
  const chart = lineChart({
    x: { title: 'T', scale: 'log', domain: [1, 1e4] },
    y: { title: 'L', scale: 'log', domain: [0.01, 1] },
    series,
    legend: 'bottom-left',
  });
  return figureSpec(chart, 'Power laws with guides');
}

/** Linear axes, a ±band, vertical and horizontal marker rules with labels, and a note. */
function bandsAndRules(): TopLevelSpec {
  const xs = grid(0, 100, 51, false);
  const sigmoid = (x: number) => 1 / (1 + 99 * Math.exp(-0.15 * x));
  const chart = lineChart({
    x: { title: 'T', scale: 'linear', domain: [0, 100] },
    y: { title: 'Rₖ/S', scale: 'linear', domain: [0, 1.05], ticks: [0, 0.25, 0.5, 0.75, 1] },
    series: [
      {
        name: 'mean',
        points: curve(xs, sigmoid),
        band: xs.map((x) => ({ x, lower: 0.9 * sigmoid(x), upper: Math.min(1.05, 1.1 * sigmoid(x)) })),
      },
      { name: 'linear', dash: 'dashed', points: curve(xs, (x) => 1 - Math.exp(-0.05 * x)) },
    ],
    rules: [
      { axis: 'x', value: 11, label: 'τ⁽ᵉ⁾' },
      { axis: 'x', value: 50.3, label: 'τ⁽ᵉ⁾ + τ⁽ˢ⁾', dash: 'dotted' },
      { axis: 'y', value: 0.05, label: 'ε = 0.05', color: PALETTE[3] },
    ],
    notes: [{ x: 60, y: 0.4, text: 'ΔL ≈ ½S²Pₛ(k)' }],
  });
  return figureSpec(chart);
}

/** Three panels with independent scales and titles; the last has a log axis spanning under a decade. */
function threePanels(): TopLevelSpec {
  const xs = grid(1, 100, 21, true);
  const panel = (title: string, k: number, yDomain: [number, number]): Chart =>
    lineChart({
      title,
      x: { title: 'N', scale: 'log', domain: [1, 100] },
      y: { title: 'L', scale: 'log', domain: yDomain },
      series: [{ name: `k = ${k}`, points: curve(xs, (x) => yDomain[1] * x ** (-k / 10)) }],
      width: 200,
      height: 160,
      legend: 'top-right',
    });
  return panels(
    [panel('(a) steep', 5, [0.05, 1]), panel('(b) shallow', 2, [0.3, 1]), panel('(c) flat', 1, [0.6, 1])],
    'Three panels',
  );
}

test('snapshot powerLaws: log–log axes, decade ticks, dotted guides with prefactors', () =>
  assertSnapshot('powerLaws', powerLaws()));
test('snapshot bandsAndRules: linear axes, ±band, labelled rules, note', () =>
  assertSnapshot('bandsAndRules', bandsAndRules()));
test('snapshot threePanels: hconcat with independent scales, narrow log axis', () =>
  assertSnapshot('threePanels', threePanels()));

test('roundNumbers and renumberIds normalise what may drift between runs', () => {
  assert.equal(roundNumbers('M1.23456,-0.0001L2.50,3'), 'M1.235,0L2.5,3', 'exact');
  assert.equal(
    renumberIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/><clipPath id="clip9"/>'),
    '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><clipPath id="clip2"/>',
    'exact',
  );
});
