import type { Figure } from './figure.ts';
import { type NetworkAxes, type NetworkFigureInput, networkFigure } from './network.ts';

// Fig. 1 (§5, App. K.1): five skills (n_s = 5, α = 0.6); the paper's axes: T log 10³–2·10⁴, D log 500–35,000,
// N log 1–20.
export const FIG1_AXES: NetworkAxes = {
  time: { scale: 'log', domain: [1000, 20_000] },
  data: { scale: 'log', domain: [500, 35_000] },
  params: { scale: 'log', domain: [1, 20] },
};

/** Fig. 1: emergence of five skills in time, data and width, network against the calibrated model. */
export function fig1(input: NetworkFigureInput): Figure<'fig1'> {
  return networkFigure(
    'fig1',
    'Fig. 1: predicting emergence in a two-layer network, n_s = 5, with the model calibrated on one skill (Fig. 11)',
    FIG1_AXES,
    input,
  );
}
