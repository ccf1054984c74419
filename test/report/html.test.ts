import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { reproduce } from '../../src/plot/reproduce.ts';
import { scopeSvgIds } from '../../src/plot/svg.ts';
import { writeReport } from '../../src/report/html.ts';

const ids = (html: string) => Array.from(html.matchAll(/\bid="([^"]+)"/g), (m) => m[1]);
const refs = (html: string) => Array.from(html.matchAll(/url\(#([^)]+)\)/g), (m) => m[1]);

test('scopeSvgIds prefixes every defined id and every reference to it, and leaves other text alone', () => {
  const svg =
    '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)">' +
    '<use href="#clip1"/><use xlink:href="#clip1"/><a href="#elsewhere"/></g></svg>';
  assert.equal(
    scopeSvgIds(svg, 'fig6'),
    '<svg><defs><clipPath id="fig6-clip1"><rect/></clipPath></defs><g clip-path="url(#fig6-clip1)">' +
      '<use href="#fig6-clip1"/><use xlink:href="#fig6-clip1"/><a href="#elsewhere"/></g></svg>',
  );
  assert.equal(scopeSvgIds('<svg><g/></svg>', 'a'), '<svg><g/></svg>', 'no ids: unchanged');
});

test('report.html of Figs. 5 and 6: every figure clips with its own clip paths (ids unique on the page, each reference resolves inside its own figure)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  const figures = await reproduce(['fig5', 'fig6'], dir);
  // Both figures, rendered alone, define the same clip id: the collision the report must undo.
  const raw = figures.map((f) => ids(readFileSync(f.svg, 'utf8')));
  assert.ok(raw[0].length > 0 && raw[0].some((id) => raw[1].includes(id)), 'standalone SVGs share clip ids');

  const page = readFileSync(await writeReport(dir, 'test', [], figures), 'utf8');
  const all = ids(page);
  assert.equal(new Set(all).size, all.length, `ids unique on the page: ${all.join(', ')}`);
  for (const f of figures) {
    const block = new RegExp(`<figure id="${f.id}">([\\s\\S]*?)</figure>`).exec(page)?.[1] ?? '';
    const own = new Set(ids(block));
    assert.ok(refs(block).length > 0, `${f.id} clips its marks`);
    for (const r of refs(block)) assert.ok(own.has(r), `${f.id}: url(#${r}) names an id of its own figure`);
  }
});
