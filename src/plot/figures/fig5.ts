import { saxeModeStrength } from '../../theory/index.ts';
import { figureSpec } from '../compose.ts';
import { type LineChartOptions, lineChart } from '../lineChart.ts';
import { linearGrid } from '../sampling.ts';
import { type Figure, panelData, sample, titleParts } from './figure.ts';

// The paper gives λ and T = 0..100 only. a_k(0)b_k(0) = 10⁻³ for every mode and η = 0.2 are our choice:
// the three modes then emerge at T ≈ 17, 31 and 55 and the slowest saturates by T ≈ 100.
const PARAMS = {
  lambdas: [1, 0.5, 0.25], // the mode values λ of the paper's Fig. 5(c)
  initialProduct: 1e-3,
  eta: 0.2,
  T: [0, 100] as [number, number],
};

/** Fig. 5(c): Saxe et al.'s two-layer linear network, a_k b_k/λ_k of three SVD modes (Eq. 25). */
export function fig5(): Figure {
  const { lambdas, initialProduct, eta, T } = PARAMS;
  const times = linearGrid(T[0], T[1], 201);
  const options: LineChartOptions = {
    x: { title: 'T', scale: 'linear', domain: T },
    y: { title: 'aₖbₖ/λₖ', scale: 'linear', domain: [0, 1.02], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    series: lambdas.map((lambda) => ({
      name: `λ = ${lambda}`,
      points: sample(times, (t) => saxeModeStrength(t, lambda, initialProduct, eta)), // Eq. 25
    })),
    legend: 'bottom-right',
  };
  const title = 'Fig. 5(c): SVD modes of a two-layer linear network (Eq. 25)';
  return {
    id: 'fig5',
    title,
    params: {
      ...PARAMS,
      equation: 'Eq. 25',
      chosen: {
        initialProduct: 'not given by the paper; a_k(0)b_k(0) = 1e-3 for every mode (small initialisation)',
        eta: 'not given by the paper; η = 0.2 so that all three modes emerge within T = 0..100',
      },
    },
    data: { panels: [panelData(options)] },
    spec: figureSpec(lineChart(options), titleParts(title)),
  };
}
