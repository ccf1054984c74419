import { Resvg } from '@resvg/resvg-js';
import { FONT } from './theme.ts';

/**
 * Rasterises an SVG string to PNG bytes with resvg at `zoom`× (default 2). Text is drawn with the system's
 * DejaVu Sans so the same SVG gives the same PNG on every machine that has it.
 */
export function toPng(svg: string, zoom = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
    background: 'white',
  });
  return resvg.render().asPng();
}
