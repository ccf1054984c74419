import { zipfProbs } from '../../task/index.ts';
import {
  emergenceTime,
  saturationTime,
  skillLoss,
  skillStrength,
  totalLossCurve,
} from '../../theory/index.ts';
import { panels } from '../compose.ts';
import { significant } from '../guides.ts';
import { type LineChartOptions, lineChart, type Rule } from '../lineChart.ts';
import { linearGrid } from '../sampling.ts';
import { PALETTE } from '../theme.ts';
import { type Figure, panelData, sample, titleParts } from './figure.ts';

// Fig. 6 (§6, App. D): α = 0.6, S = 5, ε = 0.05, T = 0..200. The paper leaves n_s, R_k(0) and η open. We
// take n_s = 5 (the NN experiments' value at α = 0.6, S = 5), R_k(0) = 0.01 (small, so training is
// stage-like, Eq. 41) and η = 0.025, which puts the emergence and saturation of skills 1 and 2 inside the
// window: τ₁⁽ᵉ⁾ ≈ 22, τ₁⁽ᵉ⁾ + τ₁⁽ˢ⁾ ≈ 62, τ₂⁽ᵉ⁾ ≈ 67, τ₂⁽ᵉ⁾ + τ₂⁽ˢ⁾ ≈ 187.
const PARAMS = {
  alpha: 0.6,
  S: 5,
  skills: 5,
  r0: 0.01,
  eta: 0.025,
  epsilon: 0.05,
  T: [0, 200] as [number, number],
};

const CHOSEN = {
  skills: 'not given by the paper; n_s = 5 as in the NN experiments with α = 0.6, S = 5',
  r0: 'not given by the paper; R_k(0) = 0.01 ≪ S, so training is stage-like (Eq. 41)',
  eta: 'not given by the paper; η = 0.025 so that skills 1 and 2 emerge and saturate within T = 0..200',
};

const NOTES = [
  'The paper’s panel (b) shows L ≈ 10.5–13 over T = 0..200; with S = 5 the loss starts at ≈ S²/2 = 12.5 and learning skill 1 alone removes ≈ ½S²P_s(1) (7.4 for n_s = 5, 5.5 for n_s = ∞), so that axis range cannot show the step of skill 1 for any n_s: we show the full range.',
  'ΔL_k is the exact drop P_s(k)·L_k(0) = ½(S − R_k(0))²·P_s(k) ≈ ½S²P_s(k) once skill k is learned (App. D).',
];

const sub = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];

/** Fig. 6: stage-like training, R_k/S of skills 1 and 2 with their emergence and saturation times, and L. */
export function fig6(): Figure {
  const { alpha, S, skills, r0, eta, epsilon, T } = PARAMS;
  const probs = zipfProbs(skills, alpha);
  const times = linearGrid(T[0], T[1], 401);
  const rate = { S, r0, eta };
  const marks = [1, 2].map((k) => {
    const emergence = emergenceTime(probs[k - 1], epsilon, rate); // Eq. 40
    const saturation = saturationTime(probs[k - 1], epsilon, rate); // Eq. 40
    return { k, P: probs[k - 1], emergence, saturation, drop: probs[k - 1] * skillLoss(0, S, r0) };
  });

  const strengths: LineChartOptions = {
    title: '(a) skill strength',
    x: { title: 'T', scale: 'linear', domain: T },
    y: { title: 'Rₖ/S', scale: 'linear', domain: [0, 1.02], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] },
    series: [
      ...marks.map(({ k, P }, i) => ({
        name: `k = ${k}`,
        color: PALETTE[i],
        points: sample(times, (t) => skillStrength(eta * P * S * t, S, r0)), // Eq. 11
      })),
      // Legend entries only: what the marker lines (drawn in each skill's colour) mean.
      { name: 'τₖ⁽ᵉ⁾: Rₖ/S reaches ε', color: '#555555', dash: 'dashed', points: [] },
      { name: 'τₖ⁽ᵉ⁾ + τₖ⁽ˢ⁾: Rₖ/S reaches 1 − ε', color: '#555555', dash: 'dotted', points: [] },
    ],
    rules: [
      { axis: 'y', value: epsilon, label: 'ε', dash: 'dotted', labelAt: 'left' },
      { axis: 'y', value: 1 - epsilon, label: '1 − ε', dash: 'dotted', labelAt: 'left' },
      ...marks.flatMap(({ emergence, saturation }, i): Rule[] => [
        { axis: 'x', value: emergence, color: PALETTE[i] },
        { axis: 'x', value: emergence + saturation, color: PALETTE[i], dash: 'dotted' },
      ]),
    ],
    width: 320,
    height: 240,
    legend: 'bottom',
    legendColumns: 2,
  };

  const losses = totalLossCurve(times, { probs, S, r0, eta }); // Eq. 12
  let level = losses[0];
  const steps: Rule[] = marks.map(({ k, drop }, i) => {
    level -= drop;
    return {
      axis: 'y',
      value: level,
      label: `L(0) − ΔL${k === 1 ? sub[1] : `${sub[1]} − ΔL${sub[2]}`}, ΔL${sub[k]} = ${significant(drop)} ≈ ½S²Pₛ(${k})`,
      color: PALETTE[i],
      dash: 'dotted',
      // The curve sits high on the left once skill 1 is learned, low on the right: keep labels off it.
      labelAt: k === 1 ? 'right' : 'left',
    };
  });
  const loss: LineChartOptions = {
    title: '(b) loss',
    x: { title: 'T', scale: 'linear', domain: T },
    y: { title: 'L', scale: 'linear', domain: [0, 13], ticks: [0, 2, 4, 6, 8, 10, 12] },
    series: [{ name: 'L (Eq. 12)', color: '#222222', points: times.map((x, j) => ({ x, y: losses[j] })) }],
    rules: steps,
    width: 320,
    height: 240,
    legend: 'none',
  };
  const title = `Fig. 6: stage-like training (α = ${alpha}, S = ${S}, ε = ${epsilon})`;
  return {
    id: 'fig6',
    title,
    params: { ...PARAMS, equations: ['Eq. 11', 'Eq. 12', 'Eq. 40'], chosen: CHOSEN, notes: NOTES },
    data: { panels: [panelData(strengths), panelData(loss)], marks },
    spec: panels([lineChart(strengths), lineChart(loss)], titleParts(title)),
  };
}
