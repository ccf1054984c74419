import { linearSkillStrength } from '../../theory/index.ts';
import { figureSpec } from '../compose.ts';
import { type LineChartOptions, lineChart } from '../lineChart.ts';
import { linearGrid } from '../sampling.ts';
import { PALETTE } from '../theme.ts';
import { FIG9_CHOSEN, FIG9_PARAMS, FIG9_RATES, multilinearCurves } from './fig9.ts';
import { type Figure, panelData, sample, titleParts } from './figure.ts';

/**
 * Fig. 10: the linear model (Eq. 125, dashed) rises at once; the multilinear one (Eq. 11, solid) waits, then
 * emerges sigmoidally. Same d_k/D, S, η and R_k(0) as Fig. 9; the linear model starts from w_k(0) = 0.
 */
export function fig10(): Figure {
  const { eta, T } = FIG9_PARAMS;
  const times = linearGrid(T[0], T[1], 201);
  const multilinear = multilinearCurves().map((s, i) => ({
    ...s,
    name: `multilinear, ${s.name}`,
    color: PALETTE[i],
  }));
  const linear = FIG9_RATES.map((q, i) => ({
    name: `linear, dₖ/D = ${q}`,
    color: PALETTE[i],
    dash: 'dashed' as const,
    points: sample(times, (t) => linearSkillStrength(t, q, eta)), // Eq. 125
  }));
  const options: LineChartOptions = {
    x: { title: 'T', scale: 'linear', domain: T },
    y: { title: 'Rₖ/S', scale: 'linear', domain: [0, 1.02], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    series: multilinear.flatMap((m, i) => [m, linear[i]]),
    legend: 'bottom',
    legendColumns: 2,
  };
  const title = 'Fig. 10: linear (Eq. 125) vs multilinear (Eq. 11) dynamics';
  return {
    id: 'fig10',
    title,
    params: { ...FIG9_PARAMS, equations: { linear: 'Eq. 125', multilinear: 'Eq. 11' }, chosen: FIG9_CHOSEN },
    data: { panels: [panelData(options)] },
    spec: figureSpec(lineChart(options), titleParts(title)),
  };
}
