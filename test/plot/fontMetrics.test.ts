import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import { findDejaVu, readFontMetrics, textWidth } from '../../src/plot/fontMetrics.ts';

const path = findDejaVu(false);
const skip = path === null ? 'DejaVu Sans is not installed' : false;

test('readFontMetrics reads DejaVu Sans advances (units/2048 from its hmtx table)', { skip }, () => {
  const m = readFontMetrics(readFileSync(path!));
  assert.equal(m.advance.get(0x48), 1540 / 2048, 'H: exactly 1540 units');
  assert.equal(m.advance.get(0x30), 1303 / 2048, '0: exactly 1303 units (all digits are tabular)');
  for (const d of '123456789') assert.equal(m.advance.get(d.codePointAt(0)!), 1303 / 2048, `${d}: tabular`);
  for (const ch of 'ατεΔ·−ₖ⁻¹²³½≈') assert.ok(m.advance.has(ch.codePointAt(0)!), `${ch} is in the font`);
});

test('readFontMetrics on DejaVu Sans Mono gives one advance for all printable ASCII', { skip }, () => {
  const mono = readFontMetrics(readFileSync(path!.replace('DejaVuSans.ttf', 'DejaVuSansMono.ttf')));
  for (let c = 0x20; c < 0x7f; c++)
    assert.equal(mono.advance.get(c), 1233 / 2048, `U+${c.toString(16)}: exact`);
});

// Independent route: resvg shapes the text with the same font; the ink box of "H" + s + "H" minus that of
// "HH" is the advance of s (the outer H's side bearings cancel).
function resvgAdvance(s: string, size: number): number {
  const box = (t: string) =>
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="10" y="150" font-family="DejaVu Sans" font-size="${size}">${t}</text></svg>`,
      { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } },
    ).getBBox()!.width;
  return box(`H${s}H`) - box('HH');
}

test('textWidth(metrics, s, 100) matches resvg-shaped widths within 1%', { skip }, () => {
  const m = readFontMetrics(readFileSync(path!));
  for (const s of ['α = 0.3', 'Rₖ/S', '1.20·T^−0.375', 'C = T·N', '10⁻³']) {
    const ours = textWidth(m, s, 100);
    const theirs = resvgAdvance(s, 100);
    assert.ok(Math.abs(ours - theirs) <= 0.01 * theirs, `${s}: ${ours} vs resvg ${theirs}, tolerance 1%`);
  }
});
