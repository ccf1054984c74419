import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.ts';

test('emergence reproduce fig5 --out DIR --json writes fig5.{svg,png,json} and prints their paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-cli-'));
  try {
    const r = runCli(['reproduce', 'fig5', '--out', dir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const [paths] = JSON.parse(r.stdout);
    assert.deepEqual(
      paths,
      { id: 'fig5', svg: join(dir, 'fig5.svg'), png: join(dir, 'fig5.png'), json: join(dir, 'fig5.json') },
      'exact',
    );
    assert.ok(readFileSync(paths.svg, 'utf8').startsWith('<svg'), 'an SVG');
    assert.deepEqual(
      [...readFileSync(paths.png).subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      'PNG signature',
    );
    const data = JSON.parse(readFileSync(paths.json, 'utf8'));
    assert.deepEqual(
      data.data.panels[0].series.map((s: { name: string }) => s.name),
      ['λ = 1', 'λ = 0.5', 'λ = 0.25'],
      'the three Saxe modes of Fig. 5(c)',
    );
    assert.equal(data.data.panels[0].series[0].points.length, 201, 'T = 0..100 in steps of ½');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('emergence reproduce fig8 --out DIR writes the modes figure with its settings and the network–ODE agreement', () => {
  const dir = mkdtempSync(join(tmpdir(), 'emergence-cli-'));
  try {
    const r = runCli(['reproduce', 'fig8', '--out', dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.stdout.trim().split('\n'),
      ['svg', 'png', 'json'].map((ext) => join(dir, `fig8.${ext}`)),
      'the three paths',
    );
    const { params, data } = JSON.parse(readFileSync(join(dir, 'fig8.json'), 'utf8'));
    assert.equal(params.B2, 1 / 3, 'App. G’s B²');
    assert.deepEqual(Object.keys(params.chosen), ['S', 'lr', 'initial'], 'what the paper leaves open');
    assert.equal(data.panels[0].series.length, 9, 'three modes and the total, ODE and network, and Eq. 14');
    assert.ok(data.agreement.maxAbsDifference.total <= 0.01, 'network within 0.01 of the ODE');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
