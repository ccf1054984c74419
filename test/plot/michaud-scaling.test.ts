import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { analyseMichaudScaling } from '../../src/experiment/michaud-analysis.ts';
import { michaudScalingFigure } from '../../src/plot/figures/michaud-scaling.ts';
import { writeFigure } from '../../src/plot/reproduce.ts';
import { assertRel } from '../helpers/assert.ts';
import { syntheticLaw, syntheticSettings, writeSyntheticScaling } from '../helpers/michaud.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-michaud-figure-'));
after(() => rmSync(root, { recursive: true, force: true }));

const plan = writeSyntheticScaling(root, syntheticSettings, syntheticLaw);
const analysis = await analyseMichaudScaling(root, plan, { resamples: 100 });
const figure = michaudScalingFigure(analysis, plan);

test('each panel: the mean ± std band, the fitted law over the fitted range, the theory slope through its middle', () => {
  assert.equal(figure.data.panels.length, 3);
  for (const [i, name] of (['width', 'data', 'time'] as const).entries()) {
    const sweep = analysis.sweeps[name];
    const panel = figure.data.panels[i];
    const [network, fit, theory] = panel.series;
    assert.deepEqual(
      network.points,
      sweep.means.map((m) => ({ x: m.x, y: m.mean })),
    );
    assert.ok(network.name.includes('5 seeds'), network.name);
    const xs = sweep.means.map((m) => m.x);
    const ends = [sweep.fitFrom!, Math.max(...xs)];
    const { a, b, bInterval } = sweep.fit!;
    assert.deepEqual(
      fit.points.map((p) => p.x),
      ends,
    );
    fit.points.forEach((p) => assertRel(p.y, a * p.x ** -b, 1e-12, `${name}: fit at ${p.x}`));
    assert.ok(
      fit.name.includes(`b = ${b.toFixed(3)} [${bInterval.lo.toFixed(3)}, ${bInterval.hi.toFixed(3)}]`),
    );
    const slope = Math.log(theory.points[1].y / theory.points[0].y) / Math.log(ends[1] / ends[0]);
    assertRel(-slope, sweep.theory.exponent, 1e-9, `${name}: theory slope`);
    const middle = Math.sqrt(ends[0] * ends[1]);
    const atMiddle = theory.points[0].y * (middle / ends[0]) ** -sweep.theory.exponent;
    assertRel(atMiddle, a * middle ** -b, 1e-9, `${name}: theory guide meets the fit mid-range`);
  }
});

test('the drawn bands are mean ± std over seeds', () => {
  const layers = (
    figure.spec as { hconcat: { layer: { data: { values: unknown[] }; mark: { type: string } }[] }[] }
  ).hconcat;
  for (const [i, name] of (['width', 'data', 'time'] as const).entries()) {
    const band = layers[i].layer.find((l) => l.mark.type === 'area')!.data.values as {
      x: number;
      lower: number;
      upper: number;
    }[];
    const means = analysis.sweeps[name].means;
    assert.equal(band.length, means.length);
    band.forEach((p, j) => {
      assertRel(p.lower, means[j].mean - means[j].std, 1e-12, `${name} lower`);
      assertRel(p.upper, means[j].mean + means[j].std, 1e-12, `${name} upper`);
    });
  }
});

test('writes michaud-scaling.svg, .png and .json (plotted data, fits with intervals, holdout, every run config)', async () => {
  const paths = await writeFigure(figure, join(root, 'figure'));
  for (const p of [paths.svg, paths.png, paths.json]) assert.ok(existsSync(p), p);
  const json = JSON.parse(readFileSync(paths.json, 'utf8'));
  assert.equal(json.params.runs.length, plan.runs.length);
  assert.deepEqual(json.params.runs[0].config, plan.runs[0].config);
  assert.equal(json.data.analysis.sweeps.time.fit.b, analysis.sweeps.time.fit!.b);
  assert.ok(json.data.analysis.sweeps.width.holdout.heldOutX === 128);
  assert.ok(readFileSync(paths.svg, 'utf8').includes('α_N = α'));
});
