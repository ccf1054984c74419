import { zipfProbs } from '../../task/index.ts';
import {
  expectedDataLossCurve,
  parameterLoss,
  scalingExponents,
  scalingPrefactors,
  totalLossCurve,
} from '../../theory/index.ts';
import { panels } from '../compose.ts';
import { powerLawGuide } from '../guides.ts';
import { type LineChartOptions, lineChart, type Series } from '../lineChart.ts';
import { integerLogGrid, logExtent, logGrid } from '../sampling.ts';
import { PALETTE } from '../theme.ts';
import { type Figure, panelData, titleParts } from './figure.ts';

// Fig. 2 (§6): n_s = 10⁵, S = 1, R_k(0) = 0.01, η = 1, α ∈ {0.3, 0.6, 0.9}. Each panel lets one resource
// bottleneck the loss and the others go to infinity; the dotted guides use prefactors computed from the
// theorems (n_s = ∞), never the authors' hard-coded constants.
const PARAMS = {
  alphas: [0.3, 0.6, 0.9],
  skills: 100_000,
  S: 1,
  r0: 0.01,
  eta: 1,
  T: [1, 1e4] as [number, number],
  D: [1, 1e3] as [number, number],
  N: [1, 1e2] as [number, number],
};

const NOTES = [
  '(a) L(T) is Eq. 12 with D, N → ∞ (every one of the n_s skills in the basis); A_T is Eq. 321 (Thm 4, λ = ∞) with ζ(α+1), as the authors’ Mathematica constants 1.29, 1.20, 1.06 are.',
  '(b) E_D[L] is Eq. 274 with r = 0.01: ((S − r)²/2)·Σ_k P_s(k)(1 − P_s(k))^D. The paper’s Eq. 322 and Eq. 324 are its r → 0 forms with S² (2% higher); A_D is Thm 5 (μ = 0) with the same (S − r)², so curve and guide are consistent. The authors’ code uses (S − r)² and the finite n_s normaliser.',
  '(c) L(N) is Eq. 325; A_N = S²/(2αζ(α+1)) (Thm 1), not the simplified S²/2 of K.4 Eq. 327. The authors’ code uses the finite n_s normaliser.',
];

interface PanelSpec {
  title: string;
  variable: 'T' | 'D' | 'N';
  law: 'time' | 'data' | 'params';
  xs: number[];
  loss: (probs: Float64Array, xs: number[]) => number[];
}

/** Fig. 2: time, data and parameter scaling laws of the multilinear model with their power-law guides. */
export function fig2(): Figure {
  const { alphas, skills, S, r0, eta } = PARAMS;
  const probsByAlpha = alphas.map((alpha) => zipfProbs(skills, alpha));
  const laws = alphas.map((alpha) => ({
    alpha,
    exponents: scalingExponents(alpha),
    prefactors: scalingPrefactors(alpha, { S, r0, eta }).prefactors,
  }));
  const specs: PanelSpec[] = [
    {
      title: '(a) time: D, N → ∞',
      variable: 'T',
      law: 'time',
      xs: logGrid(PARAMS.T[0], PARAMS.T[1], 81),
      loss: (probs, xs) => [...totalLossCurve(xs, { probs, S, r0, eta })], // Eq. 12
    },
    {
      title: '(b) data: N, T → ∞',
      variable: 'D',
      law: 'data',
      xs: integerLogGrid(PARAMS.D[0], PARAMS.D[1], 81),
      loss: (probs, xs) => [...expectedDataLossCurve(xs, { probs, S, r0 })], // Eq. 274
    },
    {
      title: '(c) parameters: T, D → ∞',
      variable: 'N',
      law: 'params',
      xs: integerLogGrid(PARAMS.N[0], PARAMS.N[1], 61),
      loss: (probs, xs) => xs.map((N) => parameterLoss(N, { probs, S })), // Eq. 325
    },
  ];
  const charts: LineChartOptions[] = specs.map((p) => {
    const domain: [number, number] = [p.xs[0], p.xs[p.xs.length - 1]];
    const series: Series[] = laws.flatMap(({ alpha, exponents, prefactors }, i) => {
      const ys = p.loss(probsByAlpha[i], p.xs);
      return [
        { name: `α = ${alpha}`, color: PALETTE[i], points: p.xs.map((x, j) => ({ x, y: ys[j] })) },
        powerLawGuide({
          prefactor: prefactors[p.law],
          exponent: -exponents[p.law],
          variable: p.variable,
          domain,
          color: PALETTE[i],
        }),
      ];
    });
    return {
      title: p.title,
      x: { title: p.variable, scale: 'log', domain },
      y: { title: 'L', scale: 'log', domain: logExtent(series.flatMap((s) => s.points.map((q) => q.y))) },
      series,
      width: 260,
      height: 240,
      legend: 'bottom',
      legendColumns: 2,
    };
  });
  const title = 'Fig. 2: scaling laws of the multilinear model (solid) and their power laws (dotted)';
  return {
    id: 'fig2',
    title,
    params: { ...PARAMS, notes: NOTES },
    data: { panels: charts.map(panelData), laws },
    spec: panels(charts.map(lineChart), titleParts(title)),
  };
}
