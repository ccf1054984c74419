import type { LayerSpec } from 'vega-lite/types_unstable/spec/index.js';
import { DASH, type Dash, PALETTE } from './theme.ts';
import { logTicks } from './ticks.ts';

/** One point of a curve. */
export interface Point {
  x: number;
  y: number;
}

/** One point of a ±band (an area between `lower` and `upper`). */
export interface BandPoint {
  x: number;
  lower: number;
  upper: number;
}

/** A curve, drawn as a line and named in the legend. */
export interface Series {
  /** Legend label; unique within a chart. */
  name: string;
  /** The curve, in increasing x. Points a log axis cannot show (y ≤ 0, non-finite) are dropped. */
  points: readonly Point[];
  /** Stroke colour; defaults to the palette colour of the series' position. */
  color?: string;
  /** Stroke pattern; defaults to solid. */
  dash?: Dash;
  /** Line width in pixels; default 1.8. */
  strokeWidth?: number;
  /** 'points': a filled dot per point instead of a line (values at separate x, e.g. a fraction per width). */
  mark?: 'line' | 'points';
  /** A shaded area in the series' colour, e.g. ±1 std over runs. */
  band?: readonly BandPoint[];
  /** Whether the legend lists the series (default true). */
  legend?: boolean;
}

/** A vertical (`axis: 'x'`) or horizontal (`axis: 'y'`) marker line across the plot. */
export interface Rule {
  axis: 'x' | 'y';
  value: number;
  /** Text beside the line (see `labelAt`). */
  label?: string;
  /** Defaults to dark grey. */
  color?: string;
  /** Defaults to dashed. */
  dash?: Dash;
  /** Where the label sits: 'top' (default) or 'bottom' of a vertical rule, 'right' (default) or 'left'. */
  labelAt?: 'top' | 'bottom' | 'left' | 'right';
}

/** Free text placed at data coordinates. */
export interface Note {
  x: number;
  y: number;
  text: string;
  /** Horizontal anchor of the text at (x, y); default 'left'. */
  align?: 'left' | 'center' | 'right';
  color?: string;
}

export interface AxisOptions {
  /** Axis title; plain unicode ("Rₖ/S", "C = T·N"). */
  title: string;
  /** Scale type; log axes get decade ticks with superscript labels. */
  scale: 'linear' | 'log';
  /** The visible range [min, max], exactly (no rounding outward); log domains must be positive. */
  domain: readonly [number, number];
  /** Explicit tick values for a linear axis (default: Vega's ~5 round values). */
  ticks?: readonly number[];
}

export type LegendOrient =
  | 'right'
  | 'bottom'
  | 'top-right'
  | 'top-left'
  | 'bottom-right'
  | 'bottom-left'
  | 'none';

export interface LineChartOptions {
  x: AxisOptions;
  y: AxisOptions;
  series: readonly Series[];
  rules?: readonly Rule[];
  notes?: readonly Note[];
  /** Panel title (shown above the plot). */
  title?: string;
  /** Plot area size in pixels; default 320 × 240. */
  width?: number;
  height?: number;
  /** Where the legend goes: 'right' and 'bottom' outside the plot, corners inside; 'none' hides it. Default 'right'. */
  legend?: LegendOrient;
  /** Legend entries per row (e.g. 2: a curve and its guide side by side). Default: one column, or one row at the bottom. */
  legendColumns?: number;
  /** Legend title; default none. */
  legendTitle?: string;
}

export type Chart = LayerSpec<string>;

const RULE_COLOR = '#555';
const LINE_WIDTH = 1.8;

/**
 * A line chart as a Vega-Lite layer spec: one line per series (colour and dash from one legend), optional
 * ±bands beneath, marker rules and notes above. Points outside the domain are clipped, not rescaled.
 */
export function lineChart(options: LineChartOptions): Chart {
  const { x, y, series } = options;
  const names = series.map((s) => s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new Error(`lineChart: duplicate series name ${JSON.stringify(dup)}`);
  const colors = series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]);
  const dashes = series.map((s) => DASH[s.dash ?? 'solid']);
  const visible = (v: number, axis: AxisOptions) => Number.isFinite(v) && (axis.scale === 'linear' || v > 0);
  const shown = (s: Series) =>
    s.points
      .filter((p) => visible(p.x, x) && visible(p.y, y))
      .map((p) => ({ series: s.name, x: p.x, y: p.y }));
  const values = series.filter((s) => s.mark !== 'points').flatMap(shown);
  const legend = options.legend ?? 'right';
  const listed = series.filter((s) => s.legend !== false).map((s) => s.name);
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: names, range: colors },
    legend:
      legend === 'none' || listed.length === 0
        ? null
        : {
            orient: legend,
            title: options.legendTitle ?? null,
            values: listed,
            symbolType: 'stroke',
            ...(options.legendColumns === undefined ? {} : { columns: options.legendColumns }),
          },
    sort: names,
  };
  const strokeDash = { ...color, scale: { domain: names, range: dashes } };
  // 'ordinal', not Vega-Lite's default 'point' scale, which would spread widths between min and max.
  const widths = series.map((s) => s.strokeWidth ?? LINE_WIDTH);
  const strokeWidth = { ...color, scale: { type: 'ordinal' as const, domain: names, range: widths } };
  const layers: Chart['layer'] = [];

  // One area layer per band with a fixed colour: a colour encoding would merge a legend-less layer into
  // the legend (Vega-Lite then drops the legend altogether).
  series.forEach((s, i) => {
    const band = (s.band ?? []).filter((b) => visible(b.x, x) && visible(b.lower, y) && visible(b.upper, y));
    if (band.length === 0) return;
    layers.push({
      data: { values: band.map((b) => ({ ...b })) },
      mark: { type: 'area', color: colors[i], opacity: 0.18, clip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: scale(x), axis: axis(x) },
        y: { field: 'lower', type: 'quantitative', scale: scale(y), axis: axis(y) },
        y2: { field: 'upper' },
      },
    });
  });
  layers.push({
    data: { values },
    mark: { type: 'line', clip: true },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale: scale(x), axis: axis(x) },
      y: { field: 'y', type: 'quantitative', scale: scale(y), axis: axis(y) },
      color,
      strokeDash,
      strokeWidth,
    },
  });
  // Dots with a fixed colour, like the bands; the series keeps its legend entry from the line layer.
  series.forEach((s, i) => {
    if (s.mark !== 'points' || s.points.length === 0) return;
    layers.push({
      data: { values: shown(s) },
      mark: { type: 'point', filled: true, color: colors[i], opacity: 1, size: 36, clip: true },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale: scale(x), axis: axis(x) },
        y: { field: 'y', type: 'quantitative', scale: scale(y), axis: axis(y) },
      },
    });
  });
  for (const rule of options.rules ?? []) layers.push(...ruleLayers(rule));
  for (const note of options.notes ?? []) layers.push(noteLayer(note));

  return {
    ...(options.title === undefined ? {} : { title: options.title }),
    width: options.width ?? 320,
    height: options.height ?? 240,
    layer: layers,
  };
}

function scale(a: AxisOptions) {
  const domain = [a.domain[0], a.domain[1]];
  return a.scale === 'log'
    ? { type: a.scale, domain, nice: false }
    : { type: a.scale, domain, nice: false, zero: false };
}

function noteLayer(note: Note): Chart['layer'][number] {
  return {
    data: { values: [{}] },
    mark: {
      type: 'text',
      text: note.text,
      align: note.align ?? 'left',
      baseline: 'middle',
      color: note.color ?? '#222',
      fontSize: 11,
    },
    encoding: { x: { datum: note.x }, y: { datum: note.y } },
  };
}

function axis(a: AxisOptions) {
  if (a.scale === 'linear') {
    // With explicit values, tickCount must match: Vega thins values down to tickCount.
    const ticks = a.ticks ? { values: [...a.ticks], tickCount: a.ticks.length } : { tickCount: 5 };
    // Plain d3 '~g' (0.25, 20): Vega's own tick format would round explicit values to its tick step (0.3).
    return { title: a.title, grid: true, labelExpr: "format(datum.value, '~g')", ...ticks };
  }
  const ticks = logTicks(a.domain[0], a.domain[1]);
  const tickValues = JSON.stringify(ticks.map((t) => t.value));
  const labels = JSON.stringify(ticks.map((t) => t.label));
  const major = `indexof(${JSON.stringify(ticks.filter((t) => t.major).map((t) => t.value))}, datum.value) >= 0`;
  return {
    title: a.title,
    grid: true,
    values: ticks.map((t) => t.value),
    tickCount: ticks.length,
    labelExpr: `${labels}[indexof(${tickValues}, datum.value)]`,
    labelOverlap: false,
    tickSize: { condition: { test: major, value: 6 }, value: 3 },
    gridOpacity: { condition: { test: major, value: 1 }, value: 0 },
  };
}

function ruleLayers(rule: Rule): Chart['layer'] {
  const stroke = rule.color ?? RULE_COLOR;
  const position = rule.axis === 'x' ? { x: { datum: rule.value } } : { y: { datum: rule.value } };
  // A one-row data set: the rule and its label are drawn once, at `datum` on the shared scale.
  const one = { values: [{}] };
  const line = {
    data: one,
    mark: { type: 'rule' as const, color: stroke, strokeDash: DASH[rule.dash ?? 'dashed'], strokeWidth: 1 },
    encoding: position,
  };
  if (rule.label === undefined) return [line];
  const at = rule.labelAt ?? (rule.axis === 'x' ? 'top' : 'right');
  const place = {
    top: { align: 'left', baseline: 'top', dx: 3, y: 4 },
    bottom: { align: 'left', baseline: 'bottom', dx: 3, y: 'height', dy: -4 },
    right: { align: 'right', baseline: 'bottom', x: 'width', dx: -4, dy: -2 },
    left: { align: 'left', baseline: 'bottom', x: 0, dx: 4, dy: -2 },
  } as const;
  const text = {
    data: one,
    mark: { type: 'text' as const, text: rule.label, color: stroke, fontSize: 11, ...place[at] },
    encoding: position,
  };
  return [line, text];
}
