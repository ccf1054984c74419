import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UsageError } from '../../src/errors.ts';
import { FIGURE_IDS } from '../../src/plot/figures/index.ts';
import { parseFigureIds, reproduce } from '../../src/plot/reproduce.ts';

test('parseFigureIds(names) expands all, keeps order and drops repeats', () => {
  assert.deepEqual(parseFigureIds(['fig6', 'fig2', 'fig6']), ['fig6', 'fig2'], 'exact');
  assert.deepEqual(parseFigureIds(['all']), [...FIGURE_IDS], 'exact');
  assert.deepEqual(
    parseFigureIds(['fig9', 'all']),
    ['fig9', ...FIGURE_IDS.filter((f) => f !== 'fig9')],
    'exact',
  );
});

test('parseFigureIds rejects an unknown figure with a UsageError naming the allowed ones', () => {
  assert.throws(
    () => parseFigureIds(['fig4']),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message === 'figure must be one of fig2, fig3, fig5, fig6, fig7, fig8, fig9, fig10, all (got "fig4")',
  );
});

test('reproduce([fig5, fig9], dir) writes an SVG, a PNG and the JSON data per figure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-reproduce-'));
  try {
    const written = await reproduce(['fig5', 'fig9'], join(dir, 'nested'));
    assert.deepEqual(
      written.map((w) => w.id),
      ['fig5', 'fig9'],
      'exact, in order',
    );
    for (const w of written) {
      assert.ok(readFileSync(w.svg, 'utf8').startsWith('<svg'), `${w.id}.svg is an SVG`);
      assert.equal(readFileSync(w.png).subarray(1, 4).toString('latin1'), 'PNG', `${w.id}.png is a PNG`);
      const json = JSON.parse(readFileSync(w.json, 'utf8'));
      assert.equal(json.id, w.id, 'exact');
      assert.equal(json.data.panels[0].series.length, 3, 'three curves');
      assert.ok(json.params.chosen, 'the parameters the paper leaves open are recorded');
      assert.equal(json.spec, undefined, 'the drawing is not in the data file');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
