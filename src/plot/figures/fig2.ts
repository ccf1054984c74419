import { zipfProbs } from '../../task/index.ts';
import {
  crossoverLoss,
  expectedDataLossCurve,
  finiteWidthTimeCurve,
  parameterLoss,
  paramsPrefactor,
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

// Fig. 2 (§4, App. K.4): n_s = 10⁵, S = 1, R_k(0) = 0.01, η = 1, α ∈ {0.3, 0.6, 0.9}. Each panel lets one
// resource bottleneck the loss and the others go to infinity. Two guides per α, both computed from the
// theorems, never the authors' hard-coded constants: the power law of Table 4 (n_s = ∞, dotted, as the paper
// draws it) and the same law for the plotted n_s = 10⁵ (dashed), which the curves meet.
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
  'Dotted: the n_s = ∞ power laws of Table 4 with the prefactors of Eq. 321 (A_T), Thm 5 (A_D) and Thm 1 (A_N). Dashed: the same laws for the plotted n_s = 10⁵. The curves are finite sums that end at n_s, so they fall below the n_s = ∞ guides as the resource grows: at the panel ends by 15 %, 11 %, 10 % (time, data, params) for α = 0.3, by 2 %, 1 %, 2 % for α = 0.6 and by < 1 % for α = 0.9. The dashed laws meet the curves there within 0.5 %.',
  '(a) L(T) is Eq. 12 with D, N → ∞ (every one of the n_s skills in the basis); A_T is Eq. 321 (Thm 4, λ = ∞) with ζ(α+1), as the authors’ Mathematica constants 1.29, 1.20, 1.06 are. Dashed: A_T·T^{−α/(α+1)} − L_C with the n_s-skill normaliser Z = Σ_{k≤n_s} k^{−(α+1)} in A_T and L_C = S²n_s^{−α}/(2αZ) (Eq. 56 with N = n_s, the skills that do not exist beyond n_s).',
  '(b) E_D[L] is Eq. 274 with r = 0.01: ((S − r)²/2)·Σ_k P_s(k)(1 − P_s(k))^D. The paper’s Eq. 322 and Eq. 324 are its r → 0 forms with S² (2% higher); A_D is Thm 5 (μ = 0) with the same (S − r)², so curve and guide are consistent. Dashed: Eq. 300 with N = n_s and Z for ζ(α+1): A_D·D^{−α/(α+1)} times Γ(α/(α+1), D/(n_s^{α+1}Z))/Γ(α/(α+1)), the sum over skills ending at n_s. The authors’ code uses (S − r)² and Z, without the incomplete gamma.',
  '(c) L(N) is Eq. 325; A_N = S²/(2αζ(α+1)) (Thm 1), not the simplified S²/2 of K.4 Eq. 327. Dashed: Thm 1 at γ = N/n_s, S²(1 − γ^α)/(2αZ)·N^{−α}. The authors’ code uses Z without the (1 − γ^α).',
];

interface PanelSpec {
  title: string;
  variable: 'T' | 'D' | 'N';
  law: 'time' | 'data' | 'params';
  xs: number[];
  /** The model's loss, a sum over the n_s skills. */
  loss: (probs: Float64Array, xs: number[]) => number[];
  /** The law for n_s = `skills` (the dashed guide). */
  finiteLaw: (alpha: number, xs: number[]) => number[];
}

/** Fig. 2: time, data and parameter scaling laws of the multilinear model with their power-law guides. */
export function fig2(): Figure {
  const { alphas, skills, S, r0, eta } = PARAMS;
  const constants = { S, r0, eta };
  const probsByAlpha = alphas.map((alpha) => zipfProbs(skills, alpha));
  const laws = alphas.map((alpha) => ({
    alpha,
    exponents: scalingExponents(alpha),
    prefactors: scalingPrefactors(alpha, constants).prefactors,
  }));
  const specs: PanelSpec[] = [
    {
      title: '(a) time: D, N → ∞',
      variable: 'T',
      law: 'time',
      xs: logGrid(PARAMS.T[0], PARAMS.T[1], 81),
      loss: (probs, xs) => [...totalLossCurve(xs, { probs, ...constants })], // Eq. 12
      finiteLaw: (alpha, xs) => [...finiteWidthTimeCurve(xs, alpha, { ...constants, N: skills, skills })], // Eq. 56
    },
    {
      title: '(b) data: N, T → ∞',
      variable: 'D',
      law: 'data',
      xs: integerLogGrid(PARAMS.D[0], PARAMS.D[1], 81),
      loss: (probs, xs) => [...expectedDataLossCurve(xs, { probs, S, r0 })], // Eq. 274
      finiteLaw: (alpha, xs) => xs.map((D) => crossoverLoss(D, skills, alpha, { ...constants, skills })), // Eq. 300
    },
    {
      title: '(c) parameters: T, D → ∞',
      variable: 'N',
      law: 'params',
      xs: integerLogGrid(PARAMS.N[0], PARAMS.N[1], 61),
      loss: (probs, xs) => xs.map((N) => parameterLoss(N, { probs, S })), // Eq. 325
      finiteLaw: (alpha, xs) => xs.map((N) => paramsPrefactor(alpha, { S, skills, N }) * N ** -alpha), // Thm 1
    },
  ];
  const charts: LineChartOptions[] = specs.map((p) => {
    const domain: [number, number] = [p.xs[0], p.xs[p.xs.length - 1]];
    const series: Series[] = laws.flatMap(({ alpha, exponents, prefactors }, i) => {
      const ys = p.loss(probsByAlpha[i], p.xs);
      const finite = p.finiteLaw(alpha, p.xs);
      return [
        { name: `α = ${alpha}`, color: PALETTE[i], points: p.xs.map((x, j) => ({ x, y: ys[j] })) },
        powerLawGuide({
          prefactor: prefactors[p.law],
          exponent: -exponents[p.law],
          variable: p.variable,
          domain,
          color: PALETTE[i],
        }),
        {
          name: `α = ${alpha}, n_s = 10⁵ law`,
          color: PALETTE[i],
          dash: 'dashed',
          points: p.xs.map((x, j) => ({ x, y: finite[j] })),
        },
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
  const title =
    'Fig. 2: scaling laws of the multilinear model (solid), their n_s = ∞ power laws (dotted) and the laws at n_s = 10⁵ (dashed)';
  return {
    id: 'fig2',
    title,
    params: { ...PARAMS, notes: NOTES },
    data: { panels: charts.map(panelData), laws },
    spec: panels(charts.map(lineChart), titleParts(title)),
  };
}
