import assert from 'node:assert/strict';
import { test } from 'node:test';
import { figureSpec } from '../../src/plot/compose.ts';
import { lineChart } from '../../src/plot/lineChart.ts';
import { toPng } from '../../src/plot/png.ts';
import { toSvg } from '../../src/plot/svg.ts';

const spec = figureSpec(
  lineChart({
    x: { title: 'T', scale: 'linear', domain: [0, 10] },
    y: { title: 'L', scale: 'linear', domain: [0, 1] },
    series: [{ name: 'a', points: [0, 5, 10].map((x) => ({ x, y: x / 10 })) }],
    rules: [{ axis: 'x', value: 5 }],
  }),
  'render',
);

test('toSvg(spec) is a standalone SVG in DejaVu Sans, byte-identical on repeat (clip ids reset)', async () => {
  const a = await toSvg(spec);
  const b = await toSvg(spec);
  assert.ok(a.startsWith('<svg'), 'starts with <svg');
  assert.ok(a.includes('font-family="DejaVu Sans"'), 'text is DejaVu Sans');
  assert.ok(a.includes('clip-path="url(#clip1)"'), 'the first clip id is clip1');
  assert.equal(a, b, 'exact: same bytes');
  const concurrent = await Promise.all([toSvg(spec), toSvg(spec), toSvg(spec)]);
  for (const c of concurrent) assert.equal(c, a, 'exact: same bytes when rendered concurrently');
});

test('toPng(svg) rasterises at 2× zoom to a PNG', async () => {
  const svg = await toSvg(spec);
  const width = Number(/^<svg[^>]*\swidth="(\d+)"/.exec(svg)![1]);
  const height = Number(/^<svg[^>]*\sheight="(\d+)"/.exec(svg)![1]);
  const png = toPng(svg);
  assert.deepEqual(
    [...png.subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    'PNG signature',
  );
  assert.equal(png.readUInt32BE(16), 2 * width, 'IHDR width = 2 × SVG width, exact');
  assert.equal(png.readUInt32BE(20), 2 * height, 'IHDR height = 2 × SVG height, exact');
  assert.ok(toPng(svg).equals(png), 'exact: same bytes on repeat');
});
