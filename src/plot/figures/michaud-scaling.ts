import type { MichaudScalingAnalysis, SweepAnalysis } from '../../experiment/michaud-analysis.ts';
import { CONVERGENCE, LEARNED_TASK_LOSS } from '../../experiment/michaud-analysis.ts';
import { MICHAUD_SWEEPS, type MichaudScalingPlan } from '../../experiment/michaud-scaling.ts';
import { panels } from '../compose.ts';
import { significant } from '../guides.ts';
import { type LineChartOptions, lineChart, type Series } from '../lineChart.ts';
import { logExtent } from '../sampling.ts';
import { PALETTE } from '../theme.ts';
import { type Figure, type PanelData, panelData } from './figure.ts';

// Michaud et al.'s multitask sparse parity: the network's test loss against width N (D → ∞), training-set size D
// and steps T, mean ± std over seeds, with the power law fitted over runs (exponent and its bootstrap interval)
// and the slope of §4 (Table 4: α_N = α, α_D = α_T = α/(α+1)) drawn through the fit's middle as a guide.

export const MICHAUD_SCALING_ID = 'michaud-scaling';

/** The figure: plotted data, fits, holdout scores and every run config (JSON), and its drawing. */
export type MichaudScalingFigure = Figure<typeof MICHAUD_SCALING_ID> & {
  data: { panels: PanelData[]; analysis: MichaudScalingAnalysis };
};

const AXIS = { N: 'N (hidden units)', D: 'D (training samples)', T: 'T (steps)' } as const;
const PANEL = {
  width: '(a) width, D → ∞',
  data: '(b) data, trained to convergence',
  time: '(c) steps, D → ∞',
};

/** The three panels' series: the network's mean ± std band, the fitted power law and the theory's slope. */
export function sweepSeries(sweep: SweepAnalysis): Series[] {
  const seeds = Math.max(0, ...sweep.means.map((p) => p.n));
  const series: Series[] = [
    {
      name: `network, mean ± std (${seeds} seeds)`,
      color: PALETTE[0],
      points: sweep.means.map((p) => ({ x: p.x, y: p.mean })),
      band: sweep.means.map((p) => ({ x: p.x, lower: p.mean - p.std, upper: p.mean + p.std })),
    },
  ];
  const { fit, fitFrom, theory, variable } = sweep;
  if (fit === null || fitFrom === null) return series;
  const ends = [fitFrom, Math.max(...sweep.means.map((p) => p.x))];
  const law = (x: number) => fit.a * x ** -fit.b;
  const { lo, hi } = fit.bInterval;
  series.push({
    name: `fit ${variable}^−b: b = ${fit.b.toFixed(3)} [${lo.toFixed(3)}, ${hi.toFixed(3)}]`,
    color: PALETTE[3],
    dash: 'dashed',
    points: ends.map((x) => ({ x, y: law(x) })),
  });
  // The theory's slope through the fit at the geometric middle of the fitted range.
  const middle = Math.sqrt(ends[0] * ends[1]);
  series.push({
    name: `theory ${theory.formula} = ${significant(theory.exponent)}`,
    color: '#333',
    dash: 'dotted',
    points: ends.map((x) => ({ x, y: law(middle) * (x / middle) ** -theory.exponent })),
  });
  return series;
}

/** Builds the figure from an analysis of `plan`'s runs. */
export function michaudScalingFigure(
  analysis: MichaudScalingAnalysis,
  plan: MichaudScalingPlan,
): MichaudScalingFigure {
  const charts: LineChartOptions[] = MICHAUD_SWEEPS.map((name) => {
    const sweep = analysis.sweeps[name];
    const series = sweepSeries(sweep);
    const xs = series.flatMap((s) => s.points.map((p) => p.x));
    const ys = series.flatMap((s) => [
      ...s.points.map((p) => p.y),
      ...(s.band ?? []).flatMap((b) => [b.lower, b.upper]),
    ]);
    return {
      title: PANEL[name],
      x: { title: AXIS[sweep.variable], scale: 'log', domain: logExtent(xs) },
      y: { title: 'test loss (nats)', scale: 'log', domain: logExtent(ys) },
      series,
      width: 250,
      height: 220,
      legend: 'bottom',
      legendColumns: 1,
    };
  });
  const { settings, scale } = plan;
  const title = `Michaud's multitask sparse parity: test loss against width, data and steps (α = ${analysis.alpha})`;
  const subtitle = [
    `${scale}: ${settings.description}.${settings.cuts.length > 0 ? ' Cut from Michaud’s scale:' : ''}`,
    ...settings.cuts.map((c) => `– ${c}.`),
    ...notes(analysis),
  ];
  const spec = panels(charts.map(lineChart), { text: title, subtitle });
  return {
    id: MICHAUD_SCALING_ID,
    title,
    params: {
      scale,
      settings,
      loss: analysis.loss,
      convergence: CONVERGENCE,
      fitFromTaskLoss: LEARNED_TASK_LOSS,
      notes: subtitle,
      runs: plan.runs.map((r) => ({ id: r.id, config: r.config })),
    },
    data: { panels: charts.map(panelData), analysis },
    spec,
  };
}

/** What the figure's readers need beyond the series: readouts, fit range rule, holdout, runs not converged. */
function notes(analysis: MichaudScalingAnalysis): string[] {
  const lines = [
    `Loss: ${analysis.loss}.`,
    `Fits a·x^−b (Huber on log residuals) from the first x where task 1 is learned (its loss ≤ 0.1 bits); ` +
      '95 % intervals by resampling runs; the theory’s slope is drawn through the fit’s middle.',
  ];
  for (const name of MICHAUD_SWEEPS) {
    const s = analysis.sweeps[name];
    const h = s.holdout;
    const parts = [`${s.variable}: ${s.readout}`];
    if (h) {
      parts.push(
        `fitted below ${s.variable} = ${significant(h.heldOutX)} it predicts ${significant(h.predicted)} there ` +
          `(mean measured ${significant(h.measured)}: ${signedPercent(h.errorOfMean)})`,
      );
    }
    if (s.unconverged.length > 0) parts.push(`${runs(s.unconverged.length)} still improving at the end`);
    if (s.missing.length > 0) parts.push(`${runs(s.missing.length)} of the plan missing`);
    lines.push(`${parts.join('; ')}.`);
  }
  const chained = analysis.michaud.dataFromWidth;
  if (chained) {
    lines.push(
      `Quanta model: α_D = α_N/(α_N+1) from the fitted α_N gives ${chained.exponent.toFixed(3)} ` +
        `[${chained.interval.lo.toFixed(3)}, ${chained.interval.hi.toFixed(3)}].`,
    );
  }
  return lines;
}

function runs(n: number): string {
  return n === 1 ? '1 run' : `${n} runs`;
}

function signedPercent(v: number): string {
  return `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)} %`;
}
