import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reproductionPlan } from '../../src/experiment/reproductions.ts';
import { fig1, fig11, type NetworkFigureInput, type PanelData } from '../../src/plot/figures/index.ts';
import { figureJson } from '../../src/plot/reproduce.ts';
import type { FinalGroup, TimeGroup } from '../../src/results/aggregate.ts';
import { dataShotStrength, extendedTimeStrength, paramShotStrength } from '../../src/theory/extended.ts';
import { assertClose, assertRel } from '../helpers/assert.ts';
import { compileWarnings } from '../helpers/vegaLite.ts';

// The figures are checked against the aggregates they are given (every plotted network point and band edge)
// and their model curves against two routes: src/theory, and the paper's formulas written out here with the
// run's constants read off its config (η = 2·lr for MSE without ½, R_k(0) = init²/3.6, P_s(k) ∝ k^−(α+1)).

/** Aggregates over a plan's grids with made-up but distinct numbers: skill k at x has mean m(k, x). */
function aggregates(input: ReturnType<typeof reproductionPlan>): NetworkFigureInput['aggregates'] {
  const [time, data, params] = input.panels;
  const skills = time.runs[0].config.task.skills;
  const ks = Array.from({ length: skills }, (_, i) => i + 1);
  const m = (k: number, i: number) => (0.1 + 0.07 * i + 0.013 * k) % 1;
  const timeGroup: TimeGroup = {
    runIds: time.runs.map((r) => r.id),
    stats: [0, 500, 1000, 2000, 5000].flatMap((x, i) =>
      ks.map((k) => ({ x, skill: k, mean: m(k, i), std: 0.01 * (i + k), runs: time.runs.length })),
    ),
  };
  const final = (grid: number[], runs: number, deadAt: (i: number) => number): FinalGroup[] =>
    grid.map((x, i) => ({
      x,
      runIds: Array.from({ length: runs }, (_, j) => `${x}-${j}`),
      dead: deadAt(i),
      all: ks.map((k) => ({ skill: k, mean: m(k, i), std: 0.02 * k, runs })),
      alive:
        deadAt(i) === runs
          ? []
          : ks.map((k) => ({ skill: k, mean: m(k, i) + 0.05, std: 0.01, runs: runs - deadAt(i) })),
    }));
  return {
    time: timeGroup,
    data: final(data.grid, data.seeds.length, () => 0),
    // The first width: every run died; the second: one of them.
    params: final(params.grid, params.seeds.length, (i) => (i === 0 ? params.seeds.length : i === 1 ? 1 : 0)),
  };
}

const constants = {
  B2: { value: 0.05, interval: [0.04, 0.06] as const },
  Dc: { value: 700, interval: [650, 760] as const },
  Nc: { value: 3.5, interval: null },
};

const series = (panel: PanelData, name: string) => {
  const s = panel.series.find((c) => c.name === name);
  assert.ok(s, `series ${name} exists`);
  return s;
};

function build(figure: 'fig1' | 'fig11') {
  const plan = reproductionPlan(figure, 'quick');
  const input: NetworkFigureInput = {
    plan,
    aggregates: aggregates(plan),
    constants,
    agreement: [{ skill: 1, t50: 1 }],
  };
  return { plan, input, figure: figure === 'fig1' ? fig1(input) : fig11(input) };
}

test('network figures: every network point is the aggregated mean, its band mean ± std; dead runs shown as aggregated', () => {
  for (const id of ['fig1', 'fig11'] as const) {
    const { input, figure } = build(id);
    const [time, data, params] = figure.data.panels as PanelData[];
    const skills = input.plan.panels[0].runs[0].config.task.skills;
    const spec = JSON.stringify(figure.spec);
    for (let k = 1; k <= skills; k++) {
      const t = input.aggregates.time.stats.filter((s) => s.skill === k);
      assert.deepEqual(
        series(time, `network, k = ${k}`).points,
        t.map((s) => ({ x: s.x, y: s.mean })),
        `${id}: time, skill ${k}`,
      );
      for (const [panel, groups] of [
        [data, input.aggregates.data],
        [params, input.aggregates.params],
      ] as const) {
        const want = groups.map((g) => ({ x: g.x, y: g.all[k - 1].mean }));
        assert.deepEqual(
          series(panel, `network, k = ${k}`).points,
          want,
          `${id}: ${panel.title}, skill ${k}`,
        );
      }
      const alive = input.aggregates.params.filter((g) => g.alive.length > 0);
      assert.deepEqual(
        series(params, `network without dead runs, k = ${k}`).points,
        alive.map((g) => ({ x: g.x, y: g.alive[k - 1].mean })),
        `${id}: without dead runs, skill ${k}`,
      );
      // The bands, as drawn: one area layer per network series with lower/upper = mean ∓ std.
      const g = input.aggregates.data[1];
      const s = g.all[k - 1];
      assert.ok(
        spec.includes(`{"x":${g.x},"lower":${s.mean - s.std!},"upper":${s.mean + s.std!}}`),
        `${id}: data band of skill ${k} at D = ${g.x}`,
      );
    }
    const dead = series(params, 'fraction of runs dead').points;
    assert.deepEqual(
      dead.map((p) => p.y),
      input.aggregates.params.map((g) => g.dead / g.runIds.length),
    );
    assert.equal(dead[0].y, 1, 'every run dead at the first width');
    // figN.json: the plotted data, the constants with their intervals beside the paper's, the agreement
    // table and every run config, as plain JSON.
    const json = JSON.parse(figureJson(figure));
    assert.deepEqual(json.params.constants, {
      fitted: {
        B2: { value: 0.05, interval: [0.04, 0.06] },
        Dc: { value: 700, interval: [650, 760] },
        Nc: { value: 3.5, interval: null },
      },
      paper: { B2: 1 / 22, Dc: 800, Nc: 4 },
    });
    assert.deepEqual(json.data, JSON.parse(JSON.stringify(figure.data)), 'the data survive JSON');
    assert.deepEqual(figure.data.agreement, input.agreement, 'the agreement table as given');
    assert.deepEqual(
      (figure.data.runs as { id: string }[]).map((r) => r.id).sort(),
      input.plan.panels.flatMap((p) => p.runs.map((r) => r.id)).sort(),
      'every run config',
    );
  }
});

test('network figures: model curves are Eqs. 14, 17, 21 with the fitted constants (solid) and the paper’s (dotted)', () => {
  for (const id of ['fig1', 'fig11'] as const) {
    const { plan, figure } = build(id);
    const [time, data, params] = figure.data.panels as PanelData[];
    const config = plan.panels[0].runs[0].config;
    const { skills, alpha, S } = config.task;
    const Z = Array.from({ length: skills }, (_, i) => (i + 1) ** -(alpha + 1)).reduce((a, b) => a + b, 0);
    const P = (k: number) => k ** -(alpha + 1) / Z;
    const eta = 2 * config.optimizer.lr; // MSELoss without ½
    const r0 = config.model.initStd ** 2 / 3.6;
    for (let k = 1; k <= skills; k++) {
      for (const [name, B2, Dc, Nc] of [
        [`k = ${k}`, 0.05, 700, 3.5],
        [`paper, k = ${k}`, 1 / 22, 800, 4],
      ] as const) {
        for (const { x, y } of series(time, name).points) {
          const byHand = 1 / (1 + (S / r0 - 1) * Math.exp(-2 * eta * B2 * P(k) * S * x));
          assertClose(y, byHand, 1e-12, `${id} time ${name} at T = ${x}`);
          assertClose(y, extendedTimeStrength(x, P(k), { S, r0, eta, rateScale: B2 }), 1e-12, 'src/theory');
        }
        for (const { x, y } of series(data, name).points) {
          assertClose(
            y,
            1 - Math.sqrt(Math.max(0, 1 - (x * P(k)) / Dc)),
            1e-12,
            `${id} data ${name} at D = ${x}`,
          );
          assertClose(y, dataShotStrength(x * P(k), Dc), 1e-12, 'src/theory');
        }
        for (const { x, y } of series(params, name).points) {
          assertClose(
            y,
            Math.min(1, Math.max(0, (x - (k - 1) * Nc) / Nc)),
            1e-12,
            `${id} params ${name} at N = ${x}`,
          );
          assertClose(y, paramShotStrength(k, x, Nc), 1e-12, 'src/theory');
        }
      }
    }
    // The curves reach the emergence they describe inside the axes: skill 1 of the time model crosses ½.
    const t = series(time, 'k = 1').points;
    assert.ok(t[0].y < 0.5 && t.at(-1)!.y > 0.5, `${id}: skill 1 emerges within the time axis`);
  }
});

test('network figures: the paper’s axes, the constants in the legend, the quick cut on the figure; Vega-Lite compiles them cleanly', () => {
  const axes = {
    fig1: [
      ['log', [1000, 20_000]],
      ['log', [500, 35_000]],
      ['log', [1, 20]],
    ],
    fig11: [
      ['linear', [0, 2500]],
      ['linear', [100, 2000]],
      ['linear', [1, 12]],
    ],
  } as const;
  for (const id of ['fig1', 'fig11'] as const) {
    const { plan, figure } = build(id);
    const charts = (figure.spec as { hconcat: { layer: { encoding?: { x?: { scale?: unknown } } }[] }[] })
      .hconcat;
    charts.forEach((chart, i) => {
      const scale = chart.layer.find((l) => l.encoding?.x?.scale)!.encoding!.x!.scale as {
        type: string;
        domain: number[];
      };
      assert.equal(scale.type, axes[id][i][0], `${id} panel ${i}: scale`);
      assert.deepEqual(scale.domain, axes[id][i][1], `${id} panel ${i}: domain`);
    });
    const names = (figure.data.panels as PanelData[]).flatMap((p) => p.series.map((s) => s.name));
    for (const label of [
      'model, fitted B² = 0.0500 [0.0400, 0.0600]',
      'model, paper’s B² = 1/22',
      'model, fitted D_c = 700 [650, 760]',
      'model, paper’s D_c = 800',
      'model, fitted N_c = 3.50',
      'model, paper’s N_c = 4',
    ]) {
      assert.ok(names.includes(label), `${id}: legend ${label}`);
    }
    const title = JSON.stringify((figure.spec as { title: unknown }).title);
    assert.ok(plan.cut && title.includes(plan.cut.slice(0, 60)), `${id}: the quick cut is on the figure`);
    assert.deepEqual(compileWarnings(figure.spec), [], `${id}: no Vega-Lite warnings`);
  }
  const full = reproductionPlan('fig11', 'full');
  assert.equal(full.cut, null);
  assertRel(full.panels[2].runs.length, 600, 0, 'full Fig. 11(c): 12 widths × 50 seeds');
});
