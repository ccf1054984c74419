import { z } from 'zod';
import { integer, parseInput } from '../config.ts';

/**
 * Option parser for numbers: the number when the text is one, else the text itself, so that validation
 * reports `skills must be an integer ≥ 1 (got "five")` instead of a silent NaN.
 */
export function num(text: string): number | string {
  const t = text.trim();
  const v = Number(t);
  return t !== '' && !Number.isNaN(v) ? v : text;
}

/**
 * Option parser for comma lists of numbers (`--at 1,10,1e3`): each item through `num`, so validation can
 * name the bad one; blank text gives [] for validation to reject as empty.
 */
export function numList(text: string): (number | string)[] {
  return text.trim() === '' ? [] : text.split(',').map(num);
}

export function seedFromOptions(opts: Record<string, unknown>): number {
  return parseInput(z.object({ seed: integer(0).default(0) }), { seed: opts.seed }).seed;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A plain text table with right-aligned columns. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  return cells.map((r) => r.map((s, c) => s.padStart(widths[c])).join('  ')).join('\n');
}

/** CSV (RFC 4180) with a header row: fields holding a comma, quote or line break are quoted; arrays and
 * objects as JSON, null as an empty field. */
export function formatCsv(header: string[], rows: unknown[][]): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => `${r.map(field).join(',')}\r\n`).join('');
}
