import { trainModesNetwork } from '../../nn/modesNetwork.ts';
import {
  crossingTime,
  extendedTimeStrength,
  type ModeStrengths,
  modeStrengths,
  modesFlow,
  modesState,
} from '../../theory/index.ts';
import { figureSpec } from '../compose.ts';
import { type LineChartOptions, lineChart, type Series } from '../lineChart.ts';
import { PALETTE } from '../theme.ts';
import { type Figure, panelData, titleParts } from './figure.ts';

// App. G gives the tied network, its equations and B² = 1/3; S, the step and the initial weights are ours.
// Time is in gradient-descent steps of size lr on the MSE (no ½): the ODE runs at η = lr (docs/modes.md), Eq. 14
// at η = 2·lr (its loss has the ½; docs/run-to-theory.md).
const PARAMS = {
  S: 1,
  lr: 0.02,
  initial: { alpha: 0.01, beta: 0.01, gamma: 0.01, c: 0 },
  B2: 1 / 3,
  steps: 1000,
  every: 5,
  loss: 'mse (mean of (f − y)² over the 8 inputs, no ½)',
};

const CHOSEN = {
  S: 'not given by the paper for App. G; S = 1 (R/S depends on S only through the rates and c(∞) = −S)',
  lr: 'not given by the paper for App. G; 0.02, the learning rate of the paper’s time-emergence runs (Fig. 1a), which puts the whole emergence inside T = 0..1000',
  initial:
    'not given by the paper for App. G; α = β = γ = 0.01 (the init std of the time-emergence runs) and c = 0',
};

const NOTES = [
  'ODE: Eqs. 120–123 integrated with Dormand–Prince 5(4) at rtol 1e-10. As printed, all four equations carry the opposite overall sign (gradient ascent), Eq. 121 reads −2α² + 5β² + 5c where the loss’s gradient gives −4α² + 7β² + 5c, and Eq. 123 has rate η where the MSE gives η/4; the curves use the gradient (docs/modes.md).',
  'Network: the tied width-3 ReLU network trained by full-batch gradient descent (backpropagation through the untied weights, summed by the tie map), measured R^{(q)}/S = yᵀf^{(q)}/(8S²) every 5 steps.',
  'Multilinear: Eq. 14 with B² = 1/3, P_s = 1, η = 2·lr and the network’s R(0) = α²/4 + β²/8 + γ²/8 at the initial weights.',
];

const MODES = ['alpha', 'beta', 'gamma', 'total'] as const;
type Mode = (typeof MODES)[number];
const LABEL: Record<Mode, string> = { alpha: 'mode α', beta: 'mode β', gamma: 'mode γ', total: 'total R/S' };
const COLOR: Record<Mode, string> = {
  alpha: PALETTE[0],
  beta: PALETTE[1],
  gamma: PALETTE[2],
  total: '#222222',
};
/** Each mode's final share of R/S at the exact solution α² = β² = γ² = 2S, c = −S. */
const FINAL: Record<Mode, number> = { alpha: 0.5, beta: 0.25, gamma: 0.25, total: 1 };

/** Fig. 8: the three modes of the tied width-3 network and their sum, from the ODE and from training, against Eq. 14. */
export function fig8(): Figure {
  const { S, lr, initial, B2, steps, every } = PARAMS;
  const network = trainModesNetwork([initial.alpha, initial.beta, initial.gamma, initial.c], {
    S,
    lr,
    steps,
    every,
  });
  const times = network.map((s) => s.step);
  const ode = modesFlow(times, initial, { S, eta: lr }); // Eqs. 120–123
  const r0 = S * modeStrengths(modesState(initial), S).total;
  const model = { S, r0, eta: 2 * lr, rateScale: B2 };
  const multilinear = times.map((T) => extendedTimeStrength(T, 1, model)); // Eq. 14

  const curve = (values: readonly ModeStrengths[], mode: Mode) =>
    values.map((v, i) => ({ x: times[i], y: v[mode] }));
  const series: Series[] = MODES.flatMap((mode) => [
    { name: `${LABEL[mode]}, ODE`, color: COLOR[mode], points: curve(ode, mode) },
    {
      name: `${LABEL[mode]}, network`,
      color: COLOR[mode],
      dash: 'dashed' as const,
      points: curve(network, mode),
    },
  ]);
  series.push({
    name: 'multilinear, B² = 1/3 (Eq. 14)',
    color: PALETTE[3],
    dash: 'dotted',
    strokeWidth: 2.4,
    points: multilinear.map((y, i) => ({ x: times[i], y })),
  });

  // Network against ODE: the largest gap over the sampled steps; and when each curve reaches half its final share.
  const agreement = Object.fromEntries(
    MODES.map((mode) => [mode, Math.max(...network.map((s, i) => Math.abs(s[mode] - ode[i][mode])))]),
  );
  const half = (values: readonly number[], mode: Mode) => crossingTime(times, values, FINAL[mode] / 2);
  const halfTimes = Object.fromEntries(
    MODES.map((mode) => [
      mode,
      {
        ode: half(
          ode.map((v) => v[mode]),
          mode,
        ),
        network: half(
          network.map((v) => v[mode]),
          mode,
        ),
      },
    ]),
  );
  const multilinearHalfTime = half(multilinear, 'total');
  const options: LineChartOptions = {
    x: { title: 'T (gradient-descent steps)', scale: 'linear', domain: [0, steps] },
    y: { title: 'R/S', scale: 'linear', domain: [0, 1.02], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    series,
    width: 380,
    height: 280,
    legend: 'right',
  };
  const title =
    'Fig. 8: modes of a tied width-3 ReLU network on 3-bit parity, ODE (solid), trained (dashed) and Eq. 14 with B² = 1/3';
  return {
    id: 'fig8',
    title,
    params: {
      ...PARAMS,
      r0,
      equations: { modes: 'Eqs. 120–123', multilinear: 'Eq. 14' },
      chosen: CHOSEN,
      notes: NOTES,
    },
    data: {
      panels: [panelData(options)],
      agreement: { maxAbsDifference: agreement, over: 'every sampled step, network vs ODE' },
      halfTimes: { ...halfTimes, multilinear: multilinearHalfTime },
    },
    spec: figureSpec(lineChart(options), titleParts(title)),
  };
}
