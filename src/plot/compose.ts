import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from './lineChart.ts';
import { THEME } from './theme.ts';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A figure's title: bold text, optionally with a smaller explanatory subtitle beneath (one line or several). */
export type FigureTitle = string | { text: string; subtitle?: string | string[] };

/** A single chart as a complete Vega-Lite spec (schema and theme), with an optional figure title. */
export function figureSpec(chart: Chart, title?: FigureTitle): TopLevelSpec {
  return {
    $schema: SCHEMA,
    config: THEME,
    ...chart,
    ...(title === undefined ? {} : { title }),
  };
}

/**
 * Panels side by side, each with its own scales, legend and title (set by the chart's `title`), under an
 * optional figure title.
 */
export function panels(charts: readonly Chart[], title?: FigureTitle): TopLevelSpec {
  return {
    $schema: SCHEMA,
    config: THEME,
    ...(title === undefined ? {} : { title }),
    hconcat: [...charts],
    resolve: {
      scale: {
        x: 'independent',
        y: 'independent',
        color: 'independent',
        strokeDash: 'independent',
        strokeWidth: 'independent',
      },
      legend: { color: 'independent', strokeDash: 'independent', strokeWidth: 'independent' },
    },
  };
}
