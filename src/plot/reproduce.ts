import { join } from 'node:path';
import { invalid } from '../errors.ts';
import { makeDirectory, writeOutput } from '../files.ts';
import { FIGURE_IDS, type Figure, type FigureId } from './figures/figure.ts';
import { FIGURES } from './figures/index.ts';
import { toPng } from './png.ts';
import { toSvg } from './svg.ts';

/** The three files written for one figure. */
export interface ReproducedFigure<Id extends string = FigureId> {
  id: Id;
  svg: string;
  png: string;
  json: string;
}

/** Figure names as typed by a user ('fig2', …, or 'all'), validated, de-duplicated, in the given order. */
export function parseFigureIds(names: readonly string[]): FigureId[] {
  const ids: FigureId[] = [];
  for (const name of names) {
    if (name === 'all') ids.push(...FIGURE_IDS);
    else if ((FIGURE_IDS as readonly string[]).includes(name)) ids.push(name as FigureId);
    else throw invalid('figure', `one of ${FIGURE_IDS.join(', ')}, all`, name);
  }
  return [...new Set(ids)];
}

/** The figure's JSON file: everything but the drawing. */
export function figureJson(figure: Figure<string>): string {
  const { id, title, params, data } = figure;
  return `${JSON.stringify({ id, title, params, data })}\n`;
}

/**
 * Computes each figure and writes <outDir>/<id>.svg, <id>.png (2×) and <id>.json (parameters and curves),
 * creating outDir if needed. Returns the paths, in the order of `ids`.
 */
export async function reproduce(ids: readonly FigureId[], outDir: string): Promise<ReproducedFigure[]> {
  const written: ReproducedFigure[] = [];
  for (const id of ids) written.push(await writeFigure(FIGURES[id](), outDir));
  return written;
}

/** Writes <outDir>/<id>.svg, <id>.png (2×) and <id>.json for one figure, creating outDir if needed. */
export async function writeFigure<Id extends string>(
  figure: Figure<Id>,
  outDir: string,
): Promise<ReproducedFigure<Id>> {
  makeDirectory(outDir);
  const { id } = figure;
  const svg = await toSvg(figure.spec);
  const paths = {
    id,
    svg: join(outDir, `${id}.svg`),
    png: join(outDir, `${id}.png`),
    json: join(outDir, `${id}.json`),
  };
  writeOutput(paths.svg, svg);
  writeOutput(paths.png, toPng(svg));
  writeOutput(paths.json, figureJson(figure));
  return paths;
}
