import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { exportResults } from '../../src/results/query.ts';
import { groupBands } from '../../web/src/results/bands.ts';
import { viewerModel } from '../../web/src/results/model.ts';
import { type InputFile, parseCsv, ResultsFileError, readResultFiles } from '../../web/src/results/parse.ts';
import { modelCurves } from '../../web/src/train/model.ts';
import { syntheticConfig, syntheticR, writeSyntheticRun } from '../helpers/runs.ts';

const dir = mkdtempSync(join(tmpdir(), 'results-viewer-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const SEEDS = [0, 1, 2];
for (const seed of SEEDS) writeSyntheticRun(dir, { seed, skills: 3, steps: 300, every: 50 });
writeSyntheticRun(dir, { seed: 0, skills: 1, steps: 300, every: 50 });

function fileAt(path: string): InputFile {
  const bytes = readFileSync(path);
  return {
    name: basename(path),
    bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  };
}

const textFile = (name: string, text: string): InputFile => ({
  name,
  bytes: new TextEncoder().encode(text).buffer as ArrayBuffer,
});

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

test('parseCsv reads quoted fields with commas, doubled quotes, line breaks and CRLF records', () => {
  const csv = 'id,config\r\nab,"{""a"": 1, ""b"": [2,3]}"\r\ncd,"two\nlines"\r\n';
  assert.deepEqual(parseCsv(csv), [
    ['id', 'config'],
    ['ab', '{"a": 1, "b": [2,3]}'],
    ['cd', 'two\nlines'],
  ]);
});

for (const format of ['csv', 'parquet'] as const) {
  test(`a ${format.toUpperCase()} export of \`emergence results export\` gives the runs with their configs and curves`, async () => {
    const { paths } = await exportResults(dir, format, join(dir, format));
    const runs = await readResultFiles(paths.map(fileAt));
    assert.equal(runs.length, 4);
    const three = runs.filter((r) => r.config?.task.skills === 3);
    assert.deepEqual(three.map((r) => r.config!.seed).sort(), SEEDS);
    for (const run of three) {
      assert.deepEqual(
        run.curve.map((p) => p.step),
        [0, 50, 100, 150, 200, 250, 300],
      );
      assert.equal(run.curve[4].R[1], syntheticR(run.config!.seed, 1000, 2, 200));
    }
    // Two groups (n_s = 1, n_s = 3); the n_s = 3 group's band is the mean ± sample std over its 3 seeds.
    const groups = groupBands(runs);
    assert.deepEqual(groups.map((g) => g.label).sort(), ['task.skills = 1', 'task.skills = 3']);
    const group = groups.find((g) => g.config?.task.skills === 3)!;
    const at = group.stats.find((s) => s.x === 200 && s.skill === 2)!;
    const values = SEEDS.map((seed) => syntheticR(seed, 1000, 2, 200));
    const m = mean(values);
    assert.equal(at.runs, 3);
    assert.ok(Math.abs(at.mean - m) < 1e-12);
    assert.ok(Math.abs(at.std! - Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / 2)) < 1e-12);
  });
}

test("a run directory's curve.jsonl with its config.json gives one run with its config", async () => {
  const { out, config } = writeSyntheticRun(
    dir,
    { seed: 5, skills: 2, steps: 100, every: 50, partialLine: true },
    join(dir, 'one'),
  );
  const runs = await readResultFiles([fileAt(join(out, 'curve.jsonl')), fileAt(join(out, 'config.json'))]);
  assert.equal(runs.length, 1);
  assert.deepEqual(runs[0].config, config);
  // The cut-short last line is left out, as the trainer does.
  assert.deepEqual(
    runs[0].curve.map((p) => p.step),
    [0, 50, 100],
  );
  const [alone] = await readResultFiles([fileAt(join(out, 'curve.jsonl'))]);
  assert.equal(alone.config, null);
  assert.match(viewerModel([alone]).note, /no run config/);
});

test('B² is fitted in the page on n_s = 1 runs; without one the paper’s 1/22 is drawn and the note says so', () => {
  const config = syntheticConfig({ seed: 0, skills: 1, steps: 3000, every: 50 });
  const B2 = 0.03;
  const curve = modelCurves(config, 3000, B2, 60).map((p) => ({ step: p.step, R: [p.R] }));
  const fitted = viewerModel([{ id: 'one', config, curve }]);
  assert.ok(Math.abs(fitted.B2 - B2) / B2 < 1e-3, `fitted B² ${fitted.B2}`);
  assert.match(fitted.note, /fitted here on 1 n_s = 1 runs/);
  const three = syntheticConfig({ seed: 0, skills: 3 });
  const paper = viewerModel([{ id: 'three', config: three, curve: [{ step: 0, R: [0, 0, 0] }] }]);
  assert.equal(paper.B2, 1 / 22);
  assert.match(paper.note, /no n_s = 1 run here to fit it on/);
});

test('a file that is not a run or an export is refused with one line naming it', async () => {
  const refused = async (files: InputFile[], pattern: RegExp) => {
    await assert.rejects(
      readResultFiles(files),
      (e: Error) => e instanceof ResultsFileError && pattern.test(e.message),
    );
  };
  await refused(
    [textFile('notes.csv', 'a,b\n1,2\n')],
    /^notes\.csv is not an export of `emergence results export`/,
  );
  await refused([textFile('data.parquet', 'not parquet at all')], /^data\.parquet is not a Parquet file/);
  await refused(
    [textFile('curve.jsonl', '{"step": 0}\n{"step": 50}\n')],
    /curve\.jsonl is not a run's curve\.jsonl: line 1 has no step and R/,
  );
  await refused(
    [textFile('curve.jsonl', 'hello\n{"step":0,"R":[0]}\n{"step":1,"R":[0]}\n')],
    /line 1 is not JSON/,
  );
  await refused(
    [textFile('config.json', '{"task": {"skills": 0}}')],
    /^config\.json is not a run's config\.json: task\.skills must be/,
  );
  await refused([textFile('runs.csv', 'id,config\nab,{}\n')], /runs table holds no curves/);
  await refused([textFile('empty.csv', '')], /empty\.csv holds no table/);
});
