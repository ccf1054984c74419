import { readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { writeOutput } from '../files.ts';
import type { ReproducedFigure } from '../plot/reproduce.ts';
import { scopeSvgIds } from '../plot/svg.ts';

export interface ReportSection {
  title: string;
  /** Trusted HTML built by the caller from escaped values. */
  html: string;
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An HTML table from a header and rows of plain values (escaped here). */
export function htmlTable(header: string[], rows: (string | number)[][]): string {
  const cell = (tag: string) => (v: string | number) => `<${tag}>${escapeHtml(String(v))}</${tag}>`;
  const head = `<tr>${header.map(cell('th')).join('')}</tr>`;
  return `<table>${head}${rows.map((r) => `<tr>${r.map(cell('td')).join('')}</tr>`).join('')}</table>`;
}

/**
 * A self-contained report page: the sections, then each figure inline as SVG (its ids scoped by the figure's
 * id, so one figure's clip paths never clip another's) with a link to its data.
 * Written to `<outDir>/report.html`; returns its path.
 */
export async function writeReport(
  outDir: string,
  title: string,
  sections: ReportSection[],
  figures: ReproducedFigure<string>[],
): Promise<string> {
  const blocks = await Promise.all(
    figures.map(async (f) => {
      const svg = scopeSvgIds(await readFile(f.svg, 'utf8'), f.id);
      const json = relative(outDir, f.json);
      return `<figure id="${f.id}">${svg}<figcaption>${escapeHtml(f.id)} · data: <a href="${escapeHtml(json)}">${escapeHtml(basename(f.json))}</a></figcaption></figure>`;
    }),
  );
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:'DejaVu Sans',sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}
figure{margin:2em 0}figcaption{color:#555;font-size:.9em}svg{max-width:100%;height:auto}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${sections.map((s) => `<section><h2>${escapeHtml(s.title)}</h2>${s.html}</section>`).join('\n')}
<section><h2>Figures</h2>${blocks.join('\n')}</section>
</body></html>
`;
  const path = join(outDir, 'report.html');
  writeOutput(path, page);
  return path;
}
