import assert from 'node:assert/strict';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { toSvg } from '../../src/plot/svg.ts';

// Golden-file snapshots in the Observable Plot manner: the Vega-Lite JSON and the SVG of a named figure are
// compared with test/output/<name>.{json,svg} after rounding every number to 3 decimals and renumbering
// generated ids. A missing golden is written (review it, then commit it); a mismatch writes
// <name>-changed.<ext> beside it and fails. To accept a change: delete the golden, rerun, review git diff.

const OUTPUT = new URL('../output/', import.meta.url);

/** Rounds every decimal number in `text` to 3 decimals, dropping trailing zeros ("0.1250" → "0.125"). */
export function roundNumbers(text: string): string {
  return text.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/g, (s) => {
    const r = Number(Number(s).toFixed(3));
    return String(Object.is(r, -0) ? 0 : r);
  });
}

/** Renumbers ids such as clip7 in order of first appearance, so unrelated figures cannot shift them. */
export function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/\b(clip|gradient|pattern)(\d+)\b/g, (whole, prefix: string) => {
    if (!ids.has(whole)) ids.set(whole, `${prefix}${ids.size + 1}`);
    return ids.get(whole)!;
  });
}

function compare(name: string, ext: 'json' | 'svg', actual: string): void {
  const golden = new URL(`${name}.${ext}`, OUTPUT);
  const changed = new URL(`${name}-changed.${ext}`, OUTPUT);
  if (!existsSync(golden)) {
    writeFileSync(golden, actual);
    return;
  }
  const expected = readFileSync(golden, 'utf8');
  if (expected === actual) {
    if (existsSync(changed)) unlinkSync(changed);
    return;
  }
  writeFileSync(changed, actual);
  assert.fail(
    `${name}.${ext} differs from its golden (numbers rounded to 3 decimals); see ${changed.pathname}`,
  );
}

/** Checks the spec's JSON and its SVG against the goldens test/output/<name>.{json,svg}. */
export async function assertSnapshot(name: string, spec: TopLevelSpec): Promise<void> {
  compare(name, 'json', `${roundNumbers(JSON.stringify(spec, null, 2))}\n`);
  compare(name, 'svg', `${renumberIds(roundNumbers(await toSvg(spec)))}\n`);
}
