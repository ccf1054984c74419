import { readFileSync } from 'node:fs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { type FontMetrics, findDejaVu, readFontMetrics, textWidth } from './fontMetrics.ts';

interface TextItem {
  fontSize?: number;
  fontWeight?: string | number;
}

// vega re-exports vega-scenegraph's textMetrics at runtime, but its typings omit it.
const { textMetrics } = vega as unknown as {
  textMetrics: { width: (item: TextItem, text: string) => number };
};

let metricsInstalled = false;

/** Makes Vega measure text with DejaVu Sans' advance widths (once per process; no-op without the font). */
function installFontMetrics(): void {
  if (metricsInstalled) return;
  metricsInstalled = true;
  const regular = findDejaVu(false);
  const bold = findDejaVu(true);
  if (regular === null) return;
  const fonts: Record<'regular' | 'bold', FontMetrics> = {
    regular: readFontMetrics(readFileSync(regular)),
    bold: readFontMetrics(readFileSync(bold ?? regular)),
  };
  textMetrics.width = (item, text) => {
    const w = item.fontWeight;
    const isBold = w === 'bold' || (typeof w === 'number' && w >= 600);
    const size = item.fontSize ?? 11;
    return textWidth(isBold ? fonts.bold : fonts.regular, text == null ? '' : String(text).trim(), size);
  };
}

let rendering: Promise<unknown> = Promise.resolve();

/**
 * Renders a Vega-Lite spec to a standalone SVG string with no DOM (Vega's headless 'none' renderer).
 * Clip-path ids restart for every figure, so the same spec always gives the same bytes; renders run one at a
 * time, since the id counter is Vega's global and concurrent renders would interleave their ids.
 */
export function toSvg(spec: TopLevelSpec): Promise<string> {
  const svg = rendering.then(() => render(spec));
  rendering = svg.catch(() => undefined);
  return svg;
}

async function render(spec: TopLevelSpec): Promise<string> {
  installFontMetrics();
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Prefixes every id an SVG defines, and every reference to one (`url(#id)`, `href="#id"`), with `scope`, so
 * that several figures can be inlined in one HTML page: their clip paths (`clip1`, `clip2`, … in each
 * figure) would otherwise resolve to the first figure's rectangles.
 */
export function scopeSvgIds(svg: string, scope: string): string {
  const ids = new Set(Array.from(svg.matchAll(/\bid="([^"]+)"/g), (m) => m[1]));
  if (ids.size === 0) return svg;
  const scoped = (id: string) => (ids.has(id) ? `${scope}-${id}` : id);
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${scoped(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${scoped(id)})`)
    .replace(/\b(xlink:href|href)="#([^"]+)"/g, (_, attr: string, id: string) => `${attr}="#${scoped(id)}"`);
}
