// The Plot marks of R_k/S against the step: measured curves (solid, or mean ± std bands) and the model of
// Eq. 14 (dashed), one colour per skill. Shared by the Train and Results views.
import * as Plot from '@observablehq/plot';
import type { ModelPoint } from './model.ts';

/** A measured point: R_k/S of skill k at a step, with its std over seeds when there are several. */
export interface MeasuredPoint {
  skill: number;
  step: number;
  R: number;
  std?: number | null;
}

const skillName = (d: { skill: number }) => `skill ${d.skill}`;

/** Plot options for the skills' measured curves and the model beside them, x from 0 to `steps`. */
export function skillPlot(
  measured: readonly MeasuredPoint[],
  model: readonly ModelPoint[],
  skills: number,
  steps: number,
): Plot.PlotOptions {
  const bands = measured.filter((d) => d.std != null && d.std > 0);
  return {
    x: { label: 'step T', domain: [0, Math.max(1, steps)], grid: true },
    y: { label: 'R_k/S', domain: [0, 1.05], grid: true },
    color: {
      legend: true,
      domain: Array.from({ length: skills }, (_, i) => `skill ${i + 1}`),
      scheme: 'tableau10',
    },
    marks: [
      Plot.areaY(bands, {
        x: 'step',
        y1: (d: MeasuredPoint) => d.R - d.std!,
        y2: (d: MeasuredPoint) => d.R + d.std!,
        fill: skillName,
        fillOpacity: 0.2,
        z: skillName,
      }),
      Plot.line(model, { x: 'step', y: 'R', stroke: skillName, strokeDasharray: '5,4', strokeWidth: 1.5 }),
      Plot.line(measured, { x: 'step', y: 'R', stroke: skillName, strokeWidth: 2 }),
      Plot.ruleY([0.5], { stroke: '#999', strokeOpacity: 0.5 }),
    ],
  };
}
