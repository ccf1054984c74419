import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineChart } from '../../src/plot/lineChart.ts';

const axes = {
  x: { title: 'T', scale: 'log', domain: [1, 100] },
  y: { title: 'L', scale: 'log', domain: [0.1, 1] },
} as const;

interface LineLayer {
  mark: { type: string };
  data: { values: { series: string; x: number; y: number }[] };
  encoding: { color: { legend: { values: string[] } | null; scale: { range: string[] } } };
}
const lineLayer = (chart: ReturnType<typeof lineChart>) =>
  chart.layer.find((l) => (l as unknown as LineLayer).mark.type === 'line') as unknown as LineLayer;

test('lineChart(...) rejects duplicate series names', () => {
  assert.throws(
    () =>
      lineChart({
        ...axes,
        series: [
          { name: 'a', points: [] },
          { name: 'a', points: [] },
        ],
      }),
    /duplicate series name "a"/,
  );
});

test('lineChart(...) drops points a log axis cannot show (≤ 0, NaN, ±∞)', () => {
  const points = [0, 1, Number.NaN, 10, -1, Number.POSITIVE_INFINITY].map((y, i) => ({ x: i + 1, y }));
  const values = lineLayer(lineChart({ ...axes, series: [{ name: 'a', points }] })).data.values;
  assert.deepEqual(
    values.map((v) => v.y),
    [1, 10],
    'exact: only the positive finite points remain',
  );
});

test('lineChart(...) lists only legend series and cycles the palette', () => {
  const chart = lineChart({
    ...axes,
    series: [
      { name: 'a', points: [] },
      { name: 'b', points: [], legend: false },
      { name: 'c', points: [], color: '#000000' },
    ],
  });
  const { color } = lineLayer(chart).encoding;
  assert.deepEqual(color.legend?.values, ['a', 'c'], 'exact');
  assert.deepEqual(color.scale.range, ['#1f77b4', '#ff7f0e', '#000000'], 'exact');
  assert.equal(
    lineLayer(lineChart({ ...axes, legend: 'none', series: [{ name: 'a', points: [] }] })).encoding.color
      .legend,
    null,
    "legend: 'none' hides it",
  );
});

test("lineChart(...) draws a 'points' series as dots in its colour, not as a line, and keeps its legend entry", () => {
  const chart = lineChart({
    ...axes,
    series: [
      { name: 'a', points: [{ x: 2, y: 0.5 }] },
      {
        name: 'dots',
        color: '#123456',
        mark: 'points',
        points: [
          { x: 3, y: 0.2 },
          { x: 4, y: 0 },
        ],
      },
    ],
  });
  const line = lineLayer(chart);
  assert.deepEqual(
    line.data.values.map((v) => v.series),
    ['a'],
    'the dots are not in the line layer',
  );
  assert.deepEqual(line.encoding.color.legend?.values, ['a', 'dots']);
  const dots = chart.layer.find((l) => (l as unknown as LineLayer).mark.type === 'point') as unknown as {
    mark: { color: string };
    data: { values: { x: number; y: number }[] };
  };
  assert.equal(dots.mark.color, '#123456');
  assert.deepEqual(
    dots.data.values.map((v) => [v.x, v.y]),
    [[3, 0.2]],
    'y = 0 dropped on the log axis',
  );
});
