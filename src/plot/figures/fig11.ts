import type { Figure } from './figure.ts';
import { type NetworkAxes, type NetworkFigureInput, networkFigure } from './network.ts';

// Fig. 11 (App. K.1): the n_s = 1 runs the three constants are fitted on; the paper's axes: T 0..2500,
// D 100..2000, N 1..12, all linear.
export const FIG11_AXES: NetworkAxes = {
  time: { scale: 'linear', domain: [0, 2500] },
  data: { scale: 'linear', domain: [100, 2000] },
  params: { scale: 'linear', domain: [1, 12] },
};

/** Fig. 11: calibration of B², D_c and N_c on one skill. */
export function fig11(input: NetworkFigureInput): Figure<'fig11'> {
  return networkFigure(
    'fig11',
    'Fig. 11: calibration on one skill (n_s = 1): B², D_c, N_c',
    FIG11_AXES,
    input,
  );
}
