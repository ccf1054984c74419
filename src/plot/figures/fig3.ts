import { zipfProbs } from '../../task/index.ts';
import { computeFrontier, computePrefactor, scalingExponents, totalLossCurve } from '../../theory/index.ts';
import { panels } from '../compose.ts';
import { powerLawGuide } from '../guides.ts';
import { type LineChartOptions, lineChart, type Series } from '../lineChart.ts';
import { logExtent, logGrid } from '../sampling.ts';
import { sequentialColors } from '../theme.ts';
import { type Figure, panelData, titleParts } from './figure.ts';

// Fig. 3 (§6, K.4): S = 5, R(0) = 0.01, η = 1, n_s = 5·10⁴, one panel per α, C on [10², 10⁹]. The widths
// are K.4's list; the authors' code draws N + 1 (11, 21, …, 10001) through an off-by-one.
const PARAMS = {
  alphas: [0.3, 0.6, 0.9],
  widths: [10, 20, 50, 70, 100, 200, 500, 700, 1000, 2000, 5000, 10000],
  skills: 50_000,
  S: 5,
  r0: 0.01,
  eta: 1,
  C: [1e2, 1e9] as [number, number],
};

const NOTES = [
  'Learning curves: Eq. 12 (D → ∞) at T = C/N for each width N of K.4; the authors’ code uses N + 1 (11, 21, …, 10001) by an off-by-one, and T ∈ [10, 10⁸] (K.4 says T ∈ [1, 1000]); here every curve is drawn over the whole C range.',
  'Frontier: min over integer N ≤ n_s of Eq. 12 at T = C/N (computeFrontier), at 5 points per decade of C.',
  'Guide: A_c of Eq. 330 (Cor. 5), minimised numerically over λ with n_s = ∞. The authors’ code draws (S²/2)·{0.68, 0.70, 0.64}·C^{−α/(α+2)}; the computed A_c/(S²/2) is ≈ 0.953, 0.789, 0.647, so only α = 0.9 agrees (App. K.4).',
];

/** Fig. 3: compute scaling, L vs C = T·N for a range of widths, the compute frontier and A_c·C^{−α/(α+2)}. */
export function fig3(): Figure {
  const { alphas, widths, skills, S, r0, eta, C } = PARAMS;
  const computes = logGrid(C[0], C[1], 71);
  const frontierComputes = logGrid(C[0], C[1], 36);
  const colors = sequentialColors(widths.length);
  const guides: { alpha: number; prefactor: number; lambda: number; exponent: number }[] = [];
  const charts: LineChartOptions[] = alphas.map((alpha, panel) => {
    // The width colours are listed once, beside the last panel; every panel lists its frontier and guide
    // in the empty corner below the frontier.
    const last = panel === alphas.length - 1;
    const probs = zipfProbs(skills, alpha);
    const curves: Series[] = widths.map((N, i) => {
      const losses = totalLossCurve(
        computes.map((c) => c / N),
        { probs, N, S, r0, eta },
      ); // Eq. 12 at T = C/N
      return {
        name: `N = ${N}`,
        color: colors[i],
        strokeWidth: 1.3,
        legend: last,
        points: computes.map((x, j) => ({ x, y: losses[j] })),
      };
    });
    const frontier: Series = {
      name: 'compute frontier',
      color: '#000000',
      strokeWidth: 2.6,
      points: frontierComputes.map((c) => ({
        x: c,
        y: computeFrontier(c, { alpha, skills, S, r0, eta }).loss,
      })),
    };
    const { prefactor, lambda } = computePrefactor(alpha, { S, r0, eta }); // Eq. 330
    const exponent = -scalingExponents(alpha).compute;
    guides.push({ alpha, prefactor, lambda, exponent });
    const guide = powerLawGuide({ prefactor, exponent, variable: 'C', domain: C, color: '#d62728' });
    const series = [...curves, frontier, guide];
    return {
      title: `(${'abc'[panel]}) α = ${alpha}`,
      x: { title: 'C = T·N', scale: 'log', domain: C },
      y: { title: 'L', scale: 'log', domain: logExtent(series.flatMap((s) => s.points.map((p) => p.y))) },
      series,
      width: 260,
      height: 300,
      legend: last ? 'right' : 'bottom-left',
    };
  });
  const title = 'Fig. 3: compute scaling of the multilinear model, L vs C = T·N for widths N = 10 … 10⁴';
  return {
    id: 'fig3',
    title,
    params: { ...PARAMS, notes: NOTES },
    data: { panels: charts.map(panelData), guides },
    spec: panels(charts.map(lineChart), titleParts(title)),
  };
}
