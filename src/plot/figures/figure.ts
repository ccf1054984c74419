import type { TopLevelSpec } from 'vega-lite';
import type { LineChartOptions, Point } from '../lineChart.ts';

/** The paper’s figures this toolkit redraws from the theory (§4, App. K.4) and the App. G modes toy (Fig. 8). */
export const FIGURE_IDS = ['fig2', 'fig3', 'fig5', 'fig6', 'fig7', 'fig8', 'fig9', 'fig10'] as const;

export type FigureId = (typeof FIGURE_IDS)[number];

/** One panel's curves as plain JSON. */
export interface PanelData {
  title?: string;
  x: string;
  y: string;
  series: { name: string; points: Point[] }[];
}

/** A reproduced figure: what was computed (plain JSON) and how it is drawn. */
export interface Figure {
  id: FigureId;
  title: string;
  /**
   * Every parameter the curves were computed with. `chosen` names the ones the paper leaves open, with the
   * reason for the value; `notes` records where paper and authors' code differ and which was followed.
   */
  params: Record<string, unknown> & { chosen?: Record<string, string>; notes?: string[] };
  /** The curves of every panel, plus figure-specific numbers (prefactors, marker times). */
  data: { panels: PanelData[] } & Record<string, unknown>;
  spec: TopLevelSpec;
}

/** A panel's curves as plain JSON (the series of its chart options). */
export function panelData(options: LineChartOptions): PanelData {
  return {
    ...(options.title === undefined ? {} : { title: options.title }),
    x: options.x.title,
    y: options.y.title,
    series: options.series.map((s) => ({ name: s.name, points: s.points.map(({ x, y }) => ({ x, y })) })),
  };
}

/** A curve sampled at `xs`. */
export function sample(xs: readonly number[], f: (x: number) => number): Point[] {
  return xs.map((x) => ({ x, y: f(x) }));
}

/** "Fig. 9: what it shows" → bold "Fig. 9" over the subtitle "what it shows", for the drawing. */
export function titleParts(title: string): { text: string; subtitle?: string } {
  const at = title.indexOf(': ');
  return at < 0 ? { text: title } : { text: title.slice(0, at), subtitle: title.slice(at + 2) };
}
