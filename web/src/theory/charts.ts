// The explorer's figures as Observable Plot options: per-skill R_k/S curves labelled where they cross ½, and
// log–log loss curves with their power-law guides, a legend drawn inside the SVG (so downloads keep it).

import * as Plot from '@observablehq/plot';
import { powerLawLabel } from '../../../src/plot/guides.ts';
import { PALETTE } from '../../../src/plot/theme.ts';
import { logTicks } from '../../../src/plot/ticks.ts';
import { crossingTime } from '../../../src/theory/emergence.ts';
import { type Curve, FRONTIER, type LossPanel, type ScalingLaw, type SkillCurve } from './model.ts';

const INK = '#1d2330';
const GUIDE = '#d62728';
const DASHES = { dotted: '2,3', dashed: '6,4' } as const;
/** The R_k/S levels at which the first and the last shown skill are labelled. */
const LABEL_LEVELS = [0.15, 0.85] as const;
/** A loss axis spans at most this many decades below its highest value: the rest is the n_s cut-off. */
const LOSS_DECADES = 4;
/** The loss plots' height without the legend, its offset below the frame and its line height. */
const PLOT_HEIGHT = 250;
const LEGEND_TOP = 36;
const LEGEND_LINE = 13;
/** A white outline behind text drawn over curves, so it stays readable. */
const HALO = { stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } as const;

interface Axis {
  label: string;
  log?: boolean;
}

/** A log axis ticked and labelled at decades (10³), or at 1, 2, 5 when it spans a decade or less. */
function logAxis(label: string, values: number[]): Plot.ScaleOptions {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const ticks = logTicks(lo, hi).filter((t) => t.major);
  const labels = new Map(ticks.map((t) => [t.value, t.label]));
  return {
    type: 'log',
    label,
    domain: [lo, hi],
    ticks: ticks.map((t) => t.value),
    tickFormat: (v: number) => labels.get(v) ?? '',
  };
}

/** R_k/S of each shown skill against x, each labelled with k on its rise. */
export function strengthPlot(curves: SkillCurve[], x: Axis): Plot.PlotOptions {
  const rows = curves.flatMap(({ k, points }) => points.map((p) => ({ ...p, k })));
  // Skill k is labelled where it crosses a level rising with k, so the labels form a staircase, not a pile.
  const labels = curves.flatMap(({ k, points }) => {
    const level =
      LABEL_LEVELS[0] + ((LABEL_LEVELS[1] - LABEL_LEVELS[0]) * (k - 1)) / Math.max(1, curves.length - 1);
    const at = crossingTime(
      points.map((p) => p.x),
      points.map((p) => p.y),
      level,
    );
    return Number.isNaN(at) ? [] : [{ x: at, y: level, k }];
  });
  const xs = rows.map((r) => r.x).filter((v) => v > 0);
  return {
    x: x.log ? logAxis(x.label, xs) : { label: x.label },
    y: { domain: [0, 1.02], label: 'R_k/S', grid: true },
    color: { type: 'ordinal', domain: curves.map((c) => c.k), range: [...PALETTE] },
    marks: [
      Plot.line(rows, {
        x: 'x',
        y: 'y',
        z: 'k',
        stroke: 'k',
        strokeWidth: 1.8,
        filter: (d) => !x.log || d.x > 0,
      }),
      Plot.dot(labels, { x: 'x', y: 'y', fill: 'k', r: 2.5 }),
      Plot.text(labels, {
        x: 'x',
        y: 'y',
        text: (d) => `k=${d.k}`,
        fill: 'k',
        dx: -5,
        textAnchor: 'end',
        fontSize: 10,
        ...HALO,
      }),
    ],
  };
}

/** The stroke of a loss curve: guides red, limits grey, a single model curve dark, several in the palette. */
function strokeOf(curve: Curve, index: number, several: boolean): string {
  if (curve.dash === 'dotted') return GUIDE;
  if (curve.dash === 'dashed') return '#7f7f7f';
  if (curve.name === FRONTIER || !several) return INK;
  return PALETTE[index % PALETTE.length];
}

/**
 * Loss against a resource on log–log axes; `law` names the power-law guide's prefactor and exponent in the
 * legend, `variable` its symbol.
 */
export function lossPlot(panel: LossPanel, x: Axis, law: ScalingLaw, variable: string): Plot.PlotOptions {
  const several = panel.curves.filter((c) => c.dash === undefined).length > 1;
  const curves = panel.curves.map((curve, i) => ({
    ...curve,
    stroke: strokeOf(curve, i, several),
    points: curve.points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.y)),
  }));
  const model = curves.filter((c) => c.dash === undefined);
  const ys = model.flatMap((c) => c.points.map((p) => p.y));
  const yHi = Math.max(...ys);
  const yLo = Math.max(Math.min(...ys), yHi * 10 ** -LOSS_DECADES);
  const xs = curves.flatMap((c) => c.points.map((p) => p.x));
  const entries = curves.map((c) => ({
    text: `${c.dash === 'dotted' ? '┄' : c.dash === 'dashed' ? '╌' : '—'} ${
      c.dash === 'dotted' ? `${c.name} = ${powerLawLabel(law.prefactor, -law.exponent, variable)}` : c.name
    }`,
    stroke: c.stroke,
  }));
  const frontier = curves.find((c) => c.name === FRONTIER);
  // The legend sits under the x axis, where no curve can cross it.
  const legendHeight = LEGEND_LINE * entries.length;
  return {
    height: PLOT_HEIGHT + legendHeight,
    marginBottom: LEGEND_TOP + legendHeight,
    x: { ...logAxis(x.label, xs), labelOffset: LEGEND_TOP - 6 },
    y: logAxis('L', [yLo, yHi]),
    marks: [
      ...(panel.marker
        ? [
            Plot.ruleX([panel.marker.x], { stroke: '#999', strokeDasharray: '1,2', clip: true }),
            Plot.text([panel.marker], {
              x: 'x',
              frameAnchor: 'top',
              text: 'label',
              dx: 3,
              dy: 4,
              textAnchor: 'start',
              fill: '#666',
              fontSize: 10,
              clip: true,
              ...HALO,
            }),
          ]
        : []),
      ...curves.map((c) =>
        Plot.line(c.points, {
          x: 'x',
          y: 'y',
          stroke: c.stroke,
          strokeWidth: c === frontier ? 3 : c.dash ? 1.4 : 1.8,
          strokeDasharray: c.dash ? DASHES[c.dash] : undefined,
          clip: true,
        }),
      ),
      ...entries.map((e, i) =>
        Plot.text([e.text], {
          frameAnchor: 'bottom-left',
          dy: LEGEND_TOP + LEGEND_LINE * i,
          fill: e.stroke,
          fontSize: 10,
          textAnchor: 'start',
        }),
      ),
    ],
  };
}
