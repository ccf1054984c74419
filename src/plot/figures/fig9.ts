import { skillStrength } from '../../theory/index.ts';
import { figureSpec } from '../compose.ts';
import { type LineChartOptions, lineChart } from '../lineChart.ts';
import { linearGrid } from '../sampling.ts';
import { type Figure, panelData, sample, titleParts } from './figure.ts';

/** The skill frequencies d_k/D of Figs. 9 and 10. */
export const FIG9_RATES = [0.5, 0.2, 0.1] as const;

// The paper gives only d_k/D and T = 0..100. S = 1 and R_k(0) = 0.01 (the Fig. 2 values) and η = 0.5 are
// our choice; with them the rarest skill (d_k/D = 0.1) is half learned at T ≈ 46 and saturated by T ≈ 90.
export const FIG9_PARAMS = {
  S: 1,
  eta: 0.5,
  r0: 0.01,
  rates: [...FIG9_RATES],
  T: [0, 100] as [number, number],
};

export const FIG9_CHOSEN = {
  S: 'not given by the paper; S = 1 as in Fig. 2 (R_k/S does not depend on S at fixed η·S·T)',
  eta: 'not given by the paper; η = 0.5 so that the rarest skill saturates inside T = 0..100',
  r0: 'not given by the paper; R_k(0) = 0.01 as in Fig. 2',
};

/** The multilinear R_k(T)/S of Eq. 11 for each d_k/D, sampled at 201 times over [0, 100]. */
export function multilinearCurves(): LineChartOptions['series'] {
  const { S, eta, r0, T } = FIG9_PARAMS;
  const times = linearGrid(T[0], T[1], 201);
  return FIG9_RATES.map((q) => ({
    name: `dₖ/D = ${q}`,
    points: sample(times, (t) => skillStrength(eta * q * S * t, S, r0)), // Eq. 11
  }));
}

/** Fig. 9: decoupled sigmoidal emergence of skills with different frequencies (Eq. 11). */
export function fig9(): Figure {
  const options: LineChartOptions = {
    x: { title: 'T', scale: 'linear', domain: FIG9_PARAMS.T },
    y: { title: 'Rₖ/S', scale: 'linear', domain: [0, 1.02], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    series: multilinearCurves(),
    legend: 'bottom-right',
  };
  const title = 'Fig. 9: decoupled sigmoidal skill strengths of the multilinear model';
  return {
    id: 'fig9',
    title,
    params: { ...FIG9_PARAMS, equation: 'Eq. 11', chosen: FIG9_CHOSEN },
    data: { panels: [panelData(options)] },
    spec: figureSpec(lineChart(options), titleParts(title)),
  };
}
