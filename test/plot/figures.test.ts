import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from 'vega-lite';
import { FIGURE_IDS, FIGURES, type Figure, type PanelData } from '../../src/plot/figures/index.ts';
import { powerLawLabel } from '../../src/plot/guides.ts';
import { crossingTime } from '../../src/theory/index.ts';
import { assertClose, assertRel } from '../helpers/assert.ts';
import { tailMassBySum, timeLawIntegralBySimpson, unseenMassBySum } from '../helpers/laws.ts';

// Each figure is checked against the paper's constants (recomputed independently) and against an
// independent route: the curves it plots must agree with the closed forms that label or mark them.

const built = new Map<string, Figure>();
const figure = (id: (typeof FIGURE_IDS)[number]): Figure => {
  if (!built.has(id)) built.set(id, FIGURES[id]());
  return built.get(id)!;
};
const series = (panel: PanelData, name: string) => {
  const s = panel.series.find((c) => c.name === name);
  assert.ok(s, `series ${name} exists`);
  return s;
};

test('every figure: plain-JSON data, a "Fig. N" title, a spec Vega-Lite compiles without warnings', () => {
  for (const id of FIGURE_IDS) {
    const f = figure(id);
    assert.equal(f.id, id, 'exact');
    assert.match(f.title, /^Fig\. \d+/, 'title names the figure');
    assert.deepEqual(JSON.parse(JSON.stringify(f.data)), f.data, `${id}: data survives JSON exactly`);
    assert.deepEqual(JSON.parse(JSON.stringify(f.params)), f.params, `${id}: params survive JSON exactly`);
    const warnings: unknown[] = [];
    const record = (...message: unknown[]) => {
      warnings.push(message);
      return logger;
    };
    const logger = {
      level: () => logger,
      error: record,
      warn: record,
      info: () => logger,
      debug: () => logger,
    };
    compile(f.spec, { logger: logger as never });
    assert.deepEqual(warnings, [], `${id}: no Vega-Lite warnings`);
  }
});

test('fig2: prefactors match the paper’s recomputed values and label the dotted guides', () => {
  const { laws, panels } = figure('fig2').data as {
    laws: { alpha: number; prefactors: Record<string, number>; exponents: Record<string, number> }[];
    panels: PanelData[];
  };
  // 2·A_T = I_α (S = 1): 1.2906, 1.2001, 1.0607 recomputed; the authors' Mathematica constants 1.29, 1.20, 1.06.
  const I = [1.2906, 1.2001, 1.0607];
  // A_D with S²: 0.529, 0.442, 0.367, times (1 − r)² = 0.9801 (Thm 5). A_N = S²/(2αζ(α+1)): 0.424, 0.365, 0.318.
  const AD = [0.529, 0.442, 0.367];
  const AN = [0.424, 0.365, 0.318];
  laws.forEach(({ alpha, prefactors, exponents }, i) => {
    // Routes of their own beside the rounded numbers: Simpson quadrature of Eq. 321, and the Eq. 322 and
    // Eq. 325 sums at D = N = 1e4 (within 1e-4 of their limits).
    assertRel(2 * prefactors.time, timeLawIntegralBySimpson(alpha), 1e-10, `α = ${alpha}: 2·A_T vs Simpson`);
    const dataSum = 0.5 * 0.99 ** 2 * unseenMassBySum(alpha, 1e4) * 1e4 ** (alpha / (alpha + 1));
    assertRel(prefactors.data, dataSum, 1e-4, `α = ${alpha}: A_D vs the Eq. 322 sum`);
    assertRel(
      prefactors.params,
      0.5 * tailMassBySum(alpha, 1e4) * 1e4 ** alpha,
      1e-4,
      `α = ${alpha}: A_N vs sum`,
    );
    assertClose(2 * prefactors.time, I[i], 1e-4, `α = ${alpha}: 2·A_T`);
    assertClose(prefactors.data, AD[i] * 0.9801, 1e-3, `α = ${alpha}: A_D`);
    assertClose(prefactors.params, AN[i], 1e-3, `α = ${alpha}: A_N`);
    const [time, data, params] = panels;
    series(time, powerLawLabel(prefactors.time, -exponents.time, 'T'));
    series(data, powerLawLabel(prefactors.data, -exponents.data, 'D'));
    series(params, powerLawLabel(prefactors.params, -exponents.params, 'N'));
  });
});

test('fig2, every α: the curves are the per-skill sums at n_s = 10⁵, the dashed n_s-laws meet them (0.5%), the n_s = ∞ guides part at α = 0.3', () => {
  const f = figure('fig2');
  const { laws, panels } = f.data as {
    laws: { alpha: number; prefactors: Record<string, number>; exponents: Record<string, number> }[];
    panels: PanelData[];
  };
  const { skills, S, r0, eta } = f.params as { skills: number; S: number; r0: number; eta: number };
  const keys = ['time', 'data', 'params'] as const;
  for (const { alpha, prefactors, exponents } of laws) {
    // The independent route: P_s(k) and every skill's loss written out here, summed from the rarest skill.
    const P = Float64Array.from({ length: skills }, (_, i) => (i + 1) ** -(alpha + 1));
    const Z = P.reduceRight((sum, p) => sum + p, 0);
    const sum = (term: (p: number, k: number) => number) =>
      P.reduceRight((total, w, i) => total + term(w / Z, i + 1), 0);
    const direct = {
      // Eq. 11: R_k/S = 1/(1 + (S/r − 1)e^{−2ηP_s(k)ST}); L = Σ P_s(k)·½(S − R_k)².
      time: (T: number) =>
        sum((p) => (p * (S * (1 - 1 / (1 + (S / r0 - 1) * Math.exp(-2 * eta * p * S * T)))) ** 2) / 2),
      data: (D: number) => sum((p) => (p * (S - r0) ** 2 * (1 - p) ** D) / 2), // Eq. 274, N → ∞
      params: (N: number) => sum((p, k) => (k > N ? (p * S * S) / 2 : 0)), // Eq. 325
    };
    panels.forEach((panel, i) => {
      const law = keys[i];
      const where = `${panel.title}, α = ${alpha}`;
      const curve = series(panel, `α = ${alpha}`).points.at(-1)!;
      const finite = series(panel, `α = ${alpha}, n_s = 10⁵ law`).points.at(-1)!;
      const infinite = prefactors[law] * curve.x ** -exponents[law];
      assertClose(curve.y / direct[law](curve.x), 1, 1e-9, `${where} at ${curve.x}: curve / direct sum`);
      assertClose(curve.y / finite.y, 1, 0.005, `${where} at ${curve.x}: curve / n_s = 10⁵ law`);
      if (alpha === 0.3) {
        assert.ok(curve.y / infinite < 0.9, `${where}: curve / n_s = ∞ law ${curve.y / infinite} < 0.9`);
      }
      if (alpha === 0.9) assertClose(curve.y / infinite, 1, 0.01, `${where}: curve / n_s = ∞ law`);
    });
  }
});

test('fig3: A_c/(S²/2) matches the recomputed 0.953, 0.789, 0.647 and the frontier lies below every width', () => {
  const { guides, panels } = figure('fig3').data as { guides: { prefactor: number }[]; panels: PanelData[] };
  [0.953, 0.789, 0.647].forEach((ratio, i) =>
    assertClose(guides[i].prefactor / 12.5, ratio, 2e-3, `panel ${i}: A_c/(S²/2)`),
  );
  // Route of its own: at α = 0.9 the plotted Eq. 12 frontier (n_s = 5e4) follows A_c·C^{−α/(α+2)} within 2%
  // over C = 1e4..1e8 (finite n_s bends it away at smaller α).
  for (const { x, y } of series(panels[2], 'compute frontier').points.filter(
    (p) => p.x >= 1e4 && p.x <= 1e8,
  )) {
    assertRel(y, guides[2].prefactor * x ** (-0.9 / 2.9), 0.02, `α = 0.9, C = ${x}: frontier vs A_c·C^−e`);
  }
  for (const panel of panels) {
    const frontier = series(panel, 'compute frontier').points;
    const widths = panel.series.filter((s) => s.name.startsWith('N = '));
    assert.equal(widths.length, 12, 'the 12 widths of K.4');
    for (const { x, y } of frontier) {
      for (const w of widths) {
        const at = w.points.find((p) => Math.abs(p.x - x) <= 1e-9 * x);
        if (at)
          assert.ok(y <= at.y * (1 + 1e-12), `${panel.title}, C = ${x}: frontier ${y} ≤ ${w.name} ${at.y}`);
      }
    }
  }
});

test('fig6: the τ markers sit where the plotted R_k/S crosses ε and 1 − ε; ΔL₁ = ½(S − r)²P_s(1)', () => {
  const { marks, panels } = figure('fig6').data as {
    marks: { k: number; emergence: number; saturation: number; drop: number }[];
    panels: PanelData[];
  };
  const spacing = 0.5; // 401 samples over T = 0..200
  for (const { k, emergence, saturation } of marks) {
    const curve = series(panels[0], `k = ${k}`).points;
    const t = curve.map((p) => p.x);
    const r = curve.map((p) => p.y);
    assertClose(crossingTime(t, r, 0.05), emergence, spacing, `k = ${k}: τ⁽ᵉ⁾ vs crossing of ε`);
    assertClose(
      crossingTime(t, r, 0.95),
      emergence + saturation,
      spacing,
      `k = ${k}: τ⁽ᵉ⁾ + τ⁽ˢ⁾ vs crossing of 1 − ε`,
    );
  }
  // P_s(1) = 0.5927 for n_s = 5, α = 0.6 (§5); ½·(5 − 0.01)²·0.59267 = 7.3788; Eq. 1 written out here.
  assertClose(marks[0].drop, 7.3788, 1e-3, 'ΔL₁');
  const norm = [1, 2, 3, 4, 5].reduce((sum, j) => sum + j ** -1.6, 0);
  assertRel(marks[0].drop, (0.5 * 4.99 ** 2) / norm, 1e-14, 'ΔL₁ = ½(S − r)²/Σ_j j^−1.6');
  assert.ok(marks[0].saturation < marks[1].emergence - marks[0].emergence, 'stage-like (Eq. 41)');
});

test('fig7: at T = 10³ the corrected law tracks the model within 2.5%; the plain law misses α = 0.1 by > 50%', () => {
  const [panel] = figure('fig7').data.panels;
  for (const alpha of [0.1, 0.3, 0.5, 0.7]) {
    const i = panel.series.findIndex((s) => s.name === `α = ${alpha}`);
    const [model, plain, corrected] = panel.series.slice(i, i + 3).map((s) => s.points.at(-1)!.y);
    assertClose(corrected / model, 1, 0.025, `α = ${alpha}: corrected / model`);
    if (alpha === 0.1) assert.ok(plain / model > 1.5, `α = 0.1: plain / model = ${plain / model} > 1.5`);
  }
});

test('fig9, fig10, fig5: sigmoids start at R(0)/S and cross ½ at ln(S/R(0) − 1)/(2ηqS); linear is 1 − e^{−ηqT}', () => {
  const { S, eta, r0 } = figure('fig9').params as { S: number; eta: number; r0: number };
  const [panel9] = figure('fig9').data.panels;
  for (const q of [0.5, 0.2, 0.1]) {
    const curve = series(panel9, `dₖ/D = ${q}`).points;
    assertClose(curve[0].y, r0 / S, 1e-15, `q = ${q}: R(0)/S`);
    const half = Math.log(S / r0 - 1) / (2 * eta * q * S);
    assertClose(
      crossingTime(
        curve.map((p) => p.x),
        curve.map((p) => p.y),
        0.5,
      ),
      half,
      0.5,
      `q = ${q}: half time`,
    );
  }
  const [panel10] = figure('fig10').data.panels;
  const linear = series(panel10, 'linear, dₖ/D = 0.1').points.at(-1)!;
  assertClose(linear.y, 1 - Math.exp(-eta * 0.1 * linear.x), 1e-12, 'linear model at T = 100');
  const [panel5] = figure('fig5').data.panels;
  const { initialProduct } = figure('fig5').params as { initialProduct: number };
  for (const lambda of [1, 0.5, 0.25]) {
    assertClose(
      series(panel5, `λ = ${lambda}`).points[0].y,
      initialProduct / lambda,
      1e-15,
      `λ = ${lambda}: a(0)b(0)/λ`,
    );
  }
});

test('fig8: the plotted total is the sum of the plotted modes; the modes settle at ½, ¼, ¼; γ emerges last', () => {
  const [panel] = figure('fig8').data.panels;
  const ys = (name: string) => series(panel, name).points.map((p) => p.y);
  for (const source of ['ODE', 'network']) {
    const [a, b, g, total] = ['mode α', 'mode β', 'mode γ', 'total R/S'].map((m) => ys(`${m}, ${source}`));
    total.forEach((t, i) => {
      assertClose(t, a[i] + b[i] + g[i], 1e-14, `${source}, sample ${i}: total vs Σ modes`);
    });
    // T = 1000 is the end of the emergence: every mode within 0.002 of its share at the exact solution.
    assertClose(a.at(-1)!, 0.5, 2e-3, `${source}: mode α at T = 1000`);
    assertClose(b.at(-1)!, 0.25, 2e-3, `${source}: mode β at T = 1000`);
    assertClose(g.at(-1)!, 0.25, 2e-3, `${source}: mode γ at T = 1000`);
  }
  const halfTimes = figure('fig8').data.halfTimes as Record<string, { ode: number }>;
  // App. G: α and β on a similar time scale, γ later (measured: 330, 368, 476 steps to half their share).
  assert.ok(
    halfTimes.alpha.ode < halfTimes.beta.ode && halfTimes.beta.ode < halfTimes.gamma.ode,
    'α, β, γ in order',
  );
  assert.ok(
    halfTimes.gamma.ode - halfTimes.alpha.ode > 2 * (halfTimes.beta.ode - halfTimes.alpha.ode),
    'γ lags most',
  );
});

test('fig8: the reported network–ODE agreement is the plotted gap, ≤ 0.01 in R/S', () => {
  const f = figure('fig8');
  const [panel] = f.data.panels;
  const { maxAbsDifference } = f.data.agreement as { maxAbsDifference: Record<string, number> };
  const names = { alpha: 'mode α', beta: 'mode β', gamma: 'mode γ', total: 'total R/S' };
  for (const [key, name] of Object.entries(names)) {
    const ode = series(panel, `${name}, ODE`).points;
    const net = series(panel, `${name}, network`).points;
    assert.deepEqual(
      net.map((p) => p.x),
      ode.map((p) => p.x),
      `${name}: same steps`,
    );
    const gap = Math.max(...net.map((p, i) => Math.abs(p.y - ode[i].y)));
    assert.equal(maxAbsDifference[key], gap, `${name}: reported = plotted`);
    assert.ok(gap <= 0.01, `${name}: max |ΔR/S| = ${gap}`);
  }
});

test('fig8: the B² = 1/3 curve is Eq. 14 (half at ln(S/R(0) − 1)/(4·lr·B²·S)) and halves within 3% of the ODE total', () => {
  const f = figure('fig8');
  const { S, lr, B2, initial } = f.params as {
    S: number;
    lr: number;
    B2: number;
    initial: { alpha: number };
  };
  const [panel] = f.data.panels;
  const curve = series(panel, 'multilinear, B² = 1/3 (Eq. 14)').points;
  // Eq. 40 at ε = ½ with η = 2·lr (MSE without ½); R(0) = α²/4 + β²/8 + γ²/8 = α²/2 for equal weights.
  const r0 = initial.alpha ** 2 / 2;
  const half = Math.log(S / r0 - 1) / (2 * 2 * lr * B2 * S);
  const t = curve.map((p) => p.x);
  assertClose(
    crossingTime(
      t,
      curve.map((p) => p.y),
      0.5,
    ),
    half,
    0.05,
    'Eq. 14 crosses ½',
  );
  assertClose(curve[0].y, r0 / S, 1e-15, 'starts at the network’s R(0)/S');
  const ode = series(panel, 'total R/S, ODE').points;
  assertRel(
    half,
    crossingTime(
      t,
      ode.map((p) => p.y),
      0.5,
    ),
    0.03,
    'half time: Eq. 14 vs ODE total',
  );
});
