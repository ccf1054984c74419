import { existsSync } from 'node:fs';

// Vega lays out legends, axis titles and panel titles from text widths; without a canvas it guesses
// 0.8 em per character, far wider than DejaVu Sans (≈ 0.6 em). Reading the advance widths from the very
// font resvg draws with makes the layout match the rendering, on any machine with DejaVu installed.

/** Advance widths in em of one font, by code point; `fallback` for characters the font lacks. */
export interface FontMetrics {
  advance: Map<number, number>;
  fallback: number;
}

const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu/', '/usr/share/fonts/TTF/', '/usr/share/fonts/dejavu/'];

/** The DejaVu Sans file (`DejaVuSans.ttf` or `DejaVuSans-Bold.ttf`) from the usual system folders, or null. */
export function findDejaVu(bold: boolean): string | null {
  const name = bold ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf';
  const dir = FONT_DIRS.find((d) => existsSync(d + name));
  return dir === undefined ? null : dir + name;
}

/** Reads the cmap (format 4, Unicode BMP) and hmtx tables of a TrueType font. */
export function readFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  const numTables = view.getUint16(4);
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(...bytes.subarray(rec, rec + 4));
    tables.set(tag, view.getUint32(rec + 8));
  }
  const table = (tag: string) => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font has no ${tag} table`);
    return at;
  };
  const unitsPerEm = view.getUint16(table('head') + 18);
  const numberOfHMetrics = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (g: number) =>
    view.getUint16(hmtx + 4 * Math.min(g, numberOfHMetrics - 1)) / unitsPerEm;

  const advance = new Map<number, number>();
  const cmap = table('cmap');
  const sub = format4Subtable(view, cmap);
  const segCount = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const rangeOffsets = deltas + 2 * segCount;
  for (let s = 0; s < segCount; s++) {
    const end = view.getUint16(ends + 2 * s);
    const start = view.getUint16(starts + 2 * s);
    const delta = view.getUint16(deltas + 2 * s);
    const roAt = rangeOffsets + 2 * s;
    const ro = view.getUint16(roAt);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let g: number;
      if (ro === 0) g = (c + delta) & 0xffff;
      else {
        const gi = view.getUint16(roAt + ro + 2 * (c - start));
        g = gi === 0 ? 0 : (gi + delta) & 0xffff;
      }
      if (g !== 0) advance.set(c, glyphAdvance(g));
    }
  }
  return { advance, fallback: glyphAdvance(0) };
}

function format4Subtable(view: DataView, cmap: number): number {
  const n = view.getUint16(cmap + 2);
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const sub = cmap + view.getUint32(rec + 4);
    if ((platform === 3 && encoding === 1) || platform === 0) {
      if (view.getUint16(sub) === 4) return sub;
    }
  }
  throw new Error('font has no Unicode BMP (format 4) cmap');
}

/** Width of `text` at `fontSize` pixels: the sum of advances (kerning ignored: under 1% for labels). */
export function textWidth(metrics: FontMetrics, text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += metrics.advance.get(ch.codePointAt(0)!) ?? metrics.fallback;
  return em * fontSize;
}
