import { zipfProbs } from '../../task/index.ts';
import { finiteWidthTimeCurve, finiteWidthTimeLaw, totalLossCurve } from '../../theory/index.ts';
import { figureSpec } from '../compose.ts';
import { powerLawGuide, powerLawLabel, significant } from '../guides.ts';
import { type LineChartOptions, lineChart, type Series } from '../lineChart.ts';
import { logExtent, logGrid } from '../sampling.ts';
import { PALETTE } from '../theme.ts';
import { type Figure, panelData, titleParts } from './figure.ts';

// Fig. 7 (§6, Eq. 56): N = 50,000, α ∈ {0.1, 0.3, 0.5, 0.7}, T = 1..10³. The paper leaves S, R_k(0), η and
// n_s open; we take the Fig. 2 values S = 1, R_k(0) = 0.01, η = 1 and n_s = N (every skill in the basis,
// D → ∞), so the correction L_C comes from the finite number of skills.
const PARAMS = {
  alphas: [0.1, 0.3, 0.5, 0.7],
  N: 50_000,
  S: 1,
  r0: 0.01,
  eta: 1,
  T: [1, 1e3] as [number, number],
};

const CHOSEN = {
  S: 'not given by the paper; S = 1 as in Fig. 2',
  r0: 'not given by the paper; R_k(0) = 0.01 as in Fig. 2',
  eta: 'not given by the paper; η = 1 as in Fig. 2',
  skills: 'not given by the paper; n_s = N = 50,000 (D → ∞, all skills in the basis)',
};

const NOTES = [
  'Solid: the multilinear model, Eq. 12 (the exact solution of the gradient flow; the paper calls it a simulation).',
  'Dotted: A_T·T^{−α/(α+1)} (Eq. 321) with ζ(α+1) replaced by the N-skill normaliser. Dashed: the finite-N law A_T·T^{−α/(α+1)} − L_C, L_C = S²A·N^{−α}/(2α) (Eq. 56 integrated, finiteWidthTimeLaw).',
];

/** Fig. 7: the finite-N correction of the time law, most visible at small α. */
export function fig7(): Figure {
  const { alphas, N, S, r0, eta, T } = PARAMS;
  const times = logGrid(T[0], T[1], 61);
  const laws: { alpha: number; prefactor: number; exponent: number; offset: number }[] = [];
  const series: Series[] = alphas.flatMap((alpha, i) => {
    const color = PALETTE[i];
    const options = { N, S, r0, eta };
    const law = finiteWidthTimeLaw(alpha, options);
    laws.push({ alpha, ...law });
    const simulated = totalLossCurve(times, { probs: zipfProbs(N, alpha), S, r0, eta }); // Eq. 12
    const corrected = finiteWidthTimeCurve(times, alpha, options); // Eq. 56
    const plain = powerLawLabel(law.prefactor, -law.exponent, 'T');
    return [
      { name: `α = ${alpha}`, color, points: times.map((x, j) => ({ x, y: simulated[j] })) },
      powerLawGuide({ prefactor: law.prefactor, exponent: -law.exponent, variable: 'T', domain: T, color }),
      {
        name: `${plain} − ${significant(law.offset)}`,
        color,
        dash: 'dashed',
        points: times.map((x, j) => ({ x, y: corrected[j] })),
      },
    ];
  });
  const options: LineChartOptions = {
    x: { title: 'T', scale: 'log', domain: T },
    y: { title: 'L', scale: 'log', domain: logExtent(series.flatMap((s) => s.points.map((p) => p.y))) },
    series,
    width: 380,
    height: 300,
    legend: 'right',
  };
  const title = `Fig. 7: finite-N correction of the time law (N = ${N.toLocaleString('en')})`;
  return {
    id: 'fig7',
    title,
    params: { ...PARAMS, skills: N, chosen: CHOSEN, notes: NOTES },
    data: { panels: [panelData(options)], laws },
    spec: figureSpec(lineChart(options), titleParts(title)),
  };
}
