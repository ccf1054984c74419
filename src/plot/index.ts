// The plotting layer: Vega-Lite spec builders, SVG/PNG renderers and the paper's theory figures.
export { type FigureTitle, figureSpec, panels } from './compose.ts';
export {
  FIGURE_IDS,
  FIGURES,
  type Figure,
  type FigureId,
  fig1,
  fig11,
  type PanelData,
} from './figures/index.ts';
export * from './figures/network.ts';
export { type PowerLawGuideOptions, powerLawGuide, powerLawLabel, significant } from './guides.ts';
export {
  type AxisOptions,
  type BandPoint,
  type Chart,
  type LegendOrient,
  type LineChartOptions,
  lineChart,
  type Note,
  type Point,
  type Rule,
  type Series,
} from './lineChart.ts';
export { toPng } from './png.ts';
export { figureJson, parseFigureIds, type ReproducedFigure, reproduce, writeFigure } from './reproduce.ts';
export { integerLogGrid, linearGrid, logExtent, logGrid } from './sampling.ts';
export { toSvg } from './svg.ts';
export { DASH, type Dash, FONT, PALETTE, sequentialColors, THEME } from './theme.ts';
export { decadeLabel, type LogTick, logTicks } from './ticks.ts';
