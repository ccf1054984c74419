import type { Config } from 'vega-lite';

// One look for every figure: DejaVu Sans (what resvg draws with, so the SVG and PNG agree byte for byte on
// any machine), matplotlib's tab10 colours, and dash patterns readable when printed in grey.

export const FONT = 'DejaVu Sans';

/** tab10, the matplotlib default cycle the paper's figures use. */
export const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
] as const;

/** Viridis at 9 evenly spaced stops, dark to light. */
const VIRIDIS = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725',
];

/**
 * n colours along viridis (n ≥ 1), for a family of curves ordered by a parameter (e.g. the N of Fig. 3);
 * the light yellow end is skipped (`stop` < 1) so the lightest curve still shows on white.
 */
export function sequentialColors(n: number, stop = 0.85): string[] {
  return Array.from({ length: n }, (_, i) => viridis(n === 1 ? 0 : (stop * i) / (n - 1)));
}

function viridis(t: number): string {
  const x = t * (VIRIDIS.length - 1);
  const i = Math.min(Math.floor(x), VIRIDIS.length - 2);
  const f = x - i;
  const channel = (c: string, at: number) => Number.parseInt(c.slice(at, at + 2), 16);
  const mix = (at: number) =>
    Math.round(channel(VIRIDIS[i], at) * (1 - f) + channel(VIRIDIS[i + 1], at) * f)
      .toString(16)
      .padStart(2, '0');
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

export type Dash = 'solid' | 'dotted' | 'dashed' | 'dashdot';

/** Stroke dash arrays in pixels. */
export const DASH: Record<Dash, number[]> = {
  solid: [],
  dotted: [1.5, 3],
  dashed: [7, 4],
  dashdot: [7, 3, 1.5, 3],
};

export const THEME: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  view: { stroke: '#444', strokeWidth: 0.8 },
  title: {
    fontSize: 14,
    fontWeight: 'bold',
    anchor: 'middle',
    offset: 10,
    subtitleFontSize: 12,
    subtitleColor: '#333',
    subtitlePadding: 4,
  },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    domainColor: '#444',
    tickColor: '#444',
    labelColor: '#222',
    titleColor: '#222',
    gridColor: '#e6e6e6',
  },
  legend: {
    labelFontSize: 11,
    titleFontSize: 11,
    symbolStrokeWidth: 2,
    symbolSize: 260,
    labelLimit: 260,
    rowPadding: 3,
    // Legends placed inside the plot stay readable over grid lines and curves.
    fillColor: 'rgba(255,255,255,0.85)',
    padding: 5,
    cornerRadius: 2,
  },
  concat: { spacing: 28 },
};
