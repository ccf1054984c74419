import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readCheckpoint } from '../../src/experiment/checkpoint.ts';
import { parseRunConfig, type RunConfig } from '../../src/experiment/config.ts';
import { checkPack, memberConfigs, memberName, parseEnsemble } from '../../src/experiment/ensemble.ts';
import { readEnsembleConfigs, trainEnsemble } from '../../src/experiment/ensemble-run.ts';
import { type CurvePoint, readCurve, readRunConfig, trainRun } from '../../src/experiment/run.ts';

const root = mkdtempSync(join(tmpdir(), 'emergence-ensemble-'));
after(() => rmSync(root, { recursive: true, force: true }));

const base = {
  task: { skills: 3, bits: 10, m: 2, alpha: 0.6, S: 1 },
  model: { width: 8, initStd: 0.2 },
  data: { regime: 'online', batch: 64 },
  steps: 30,
  evaluation: { every: 10, perSkill: 200, testPoints: 300 },
  seed: 5,
  kernels: 'simd',
};
// Widths 1 and 17 (not multiples of 16), and every member its own init seed and learning rate.
const MEMBERS =
  '[{"width": 1, "init": 0, "lr": 0.05}, {"width": 17, "init": 1, "lr": 0.02}, {"width": 6, "init": 2, "lr": 0.08}]';

const strip = (ps: CurvePoint[]) => ps.map(({ seconds: _, ...rest }) => rest);
const params = (dir: string) => readCheckpoint(join(dir, 'checkpoint.bin')).arrays.params;

function assertCurvesClose(got: CurvePoint[], want: CurvePoint[], what: string): void {
  assert.deepEqual(
    got.map((p) => p.step),
    want.map((p) => p.step),
    `${what}: steps`,
  );
  got.forEach((p, i) => {
    const q = want[i];
    const close = (a: number | null, b: number | null) =>
      a === b || Math.abs(a! - b!) <= 1e-5 * (1 + Math.abs(b!));
    assert.ok(close(p.loss, q.loss), `${what} step ${p.step}: loss ${p.loss} vs ${q.loss}`);
    assert.ok(
      close(p.trainLoss, q.trainLoss),
      `${what} step ${p.step}: trainLoss ${p.trainLoss} vs ${q.trainLoss}`,
    );
    p.R.forEach((r, k) => assert.ok(close(r, q.R[k]), `${what} step ${p.step}: R[${k}] ${r} vs ${q.R[k]}`));
    assert.equal(p.lr, q.lr);
  });
}

for (const optimizer of [
  { name: 'sgd', lr: 0.05 },
  { name: 'adam', lr: 0.05 },
]) {
  test(`each member of a trained ensemble equals its own run (${optimizer.name}, mse, same data stream)`, async () => {
    const configs = memberConfigs(parseRunConfig({ ...base, optimizer }), parseEnsemble(MEMBERS));
    const out = join(root, `pack-${optimizer.name}`);
    const summaries = await trainEnsemble(configs, { out });
    assert.deepEqual(
      summaries.map((s) => [s.status, s.step, s.packedWith]),
      configs.map(() => ['completed', 30, 3]),
    );
    for (const config of configs) {
      const dir = join(out, memberName(config));
      assert.deepEqual(readRunConfig(dir), config, 'config.json is the member run config');
      const alone = join(root, `alone-${optimizer.name}-${memberName(config)}`);
      await trainRun(config, { out: alone });
      assertCurvesClose(
        readCurve(join(dir, 'curve.jsonl')),
        readCurve(join(alone, 'curve.jsonl')),
        memberName(config),
      );
      const [got, want] = [params(dir), params(alone)];
      for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) <= 1e-5, `param ${i}`);
    }
    assert.deepEqual(readEnsembleConfigs(out), configs);
  });
}

test('an interrupted ensemble resumes to exactly the uninterrupted curves (nothing lost, nothing redone)', async () => {
  const configs = memberConfigs(
    parseRunConfig({ ...base, optimizer: { name: 'adam', lr: 0.05 } }),
    parseEnsemble('width=3,20;init=0..1'),
  );
  const whole = join(root, 'whole');
  await trainEnsemble(configs, { out: whole });
  const cut = join(root, 'cut');
  const controller = new AbortController();
  const stopped = await trainEnsemble(configs, {
    out: cut,
    signal: controller.signal,
    onStep: (step) => step === 14 && controller.abort(),
  });
  assert.deepEqual(new Set(stopped.map((s) => `${s.status} ${s.step}`)), new Set(['interrupted 14']));
  const resumed = await trainEnsemble(readEnsembleConfigs(cut), { out: cut, resume: true });
  assert.ok(resumed.every((s) => s.status === 'completed' && s.step === 30));
  for (const c of configs) {
    const name = memberName(c);
    assert.deepEqual(
      strip(readCurve(join(cut, name, 'curve.jsonl'))),
      strip(readCurve(join(whole, name, 'curve.jsonl'))),
    );
    assert.deepEqual(params(join(cut, name)), params(join(whole, name)));
  }
  const first = (name: string) => readCurve(join(whole, name, 'curve.jsonl'))[0];
  assert.notDeepEqual(
    first('width-3_init-0_lr-0.05').R,
    first('width-3_init-1_lr-0.05').R,
    'init seeds differ',
  );
  assert.deepEqual(
    JSON.parse(readFileSync(join(cut, 'ensemble.json'), 'utf8')).members,
    configs.map(memberName),
  );
  await assert.rejects(trainEnsemble(configs, { out: cut }), /already holds an ensemble/);
});

test('an ensemble on two threads (each training its share of the slabs) writes exactly the one-thread members', async () => {
  // Widths 100, 100, 60, 60: three slabs of at most 128 units, so both threads train some.
  const members = parseEnsemble('width=100,60;init=0..1');
  const optimizer = { name: 'adam', lr: 0.05 };
  const one = memberConfigs(parseRunConfig({ ...base, optimizer }), members);
  const two = memberConfigs(parseRunConfig({ ...base, optimizer, threads: 2 }), members);
  await trainEnsemble(one, { out: join(root, 'threads-1') });
  const summaries = await trainEnsemble(two, { out: join(root, 'threads-2') });
  assert.ok(summaries.every((s) => s.status === 'completed' && s.step === 30));
  for (const c of one) {
    const [a, b] = ['threads-1', 'threads-2'].map((d) => join(root, d, memberName(c)));
    assert.deepEqual(strip(readCurve(join(b, 'curve.jsonl'))), strip(readCurve(join(a, 'curve.jsonl'))));
    assert.deepEqual(params(b), params(a));
  }
});

test('bad --ensemble input gives one line naming the field', () => {
  const config = parseRunConfig({ ...base, optimizer: { name: 'adam', lr: 0.05 } });
  const cases: [() => unknown, RegExp][] = [
    [() => parseEnsemble(''), /--ensemble must list at least one member/],
    [() => parseEnsemble('[]'), /--ensemble must list at least one member/],
    [() => parseEnsemble('width=0..3'), /--ensemble width must be an integer from 1 to 65536 \(got 0\)/],
    [() => parseEnsemble('width=5..2'), /--ensemble width: the range 5..2 is empty/],
    [() => parseEnsemble('depth=3'), /unknown field "depth" \(allowed: width, init, lr\)/],
    [() => parseEnsemble('[{"lr": -1}]'), /--ensemble\[0\]\.lr must be a number > 0/],
    [() => parseEnsemble('width=2;width=3'), /gives width twice/],
    [
      () => checkPack(memberConfigs({ ...config, model: { ...config.model, depth: 3 } }, [{ width: 4 }])),
      /model\.depth must be 2/,
    ],
    [
      () => checkPack(memberConfigs({ ...config, model: { ...config.model, loss: 'ce' } }, [{ width: 4 }])),
      /model\.loss must be mse/,
    ],
    [() => checkPack([]), /at least one member/],
    [
      () => checkPack(memberConfigs(config, [{ width: 4 }, { width: 4 }])),
      /lists the member width-4_init-5_lr-0.05 twice/,
    ],
  ];
  const other: RunConfig = { ...config, task: { ...config.task, skills: 2 } };
  cases.push([
    () => checkPack([config, other]),
    /ensemble members must share task\.skills \(member 0: 3, member 1: 2\)/,
  ]);
  cases.push([
    () => checkPack([config, { ...config, data: { ...config.data, batch: 32 } }]),
    /share data\.batch/,
  ]);
  for (const [run, message] of cases) {
    assert.throws(
      run,
      (e: Error) => e.name === 'UsageError' && message.test(e.message) && !e.message.includes('\n'),
    );
  }
});

test('members differ only in width, init seed and learning rate; the widths 1–20 × 10 seeds grid lists 200', () => {
  const members = parseEnsemble('width=1..20;init=0..9');
  assert.equal(members.length, 200);
  assert.deepEqual(members[0], { width: 1, initSeed: 0 });
  assert.deepEqual(members[199], { width: 20, initSeed: 9 });
  const config = parseRunConfig({ ...base, optimizer: { name: 'adam', lr: 0.05 } });
  const configs = memberConfigs(config, parseEnsemble('lr=0.01,0.1'));
  assert.deepEqual(
    configs.map((c) => c.optimizer.lr),
    [0.01, 0.1],
  );
});

test('a diverging member stops alone; the others train on, and resume without it', async () => {
  const configs = memberConfigs(
    parseRunConfig({ ...base, optimizer: { name: 'sgd', lr: 0.05 } }),
    parseEnsemble('[{"width": 4}, {"width": 4, "init": 1, "lr": 100000}]'),
  );
  const out = join(root, 'diverging');
  const controller = new AbortController();
  const stopped = await trainEnsemble(configs, {
    out,
    signal: controller.signal,
    onStep: (step) => step === 20 && controller.abort(),
  });
  assert.deepEqual(
    stopped.map((s) => s.status),
    ['interrupted', 'diverged'],
  );
  assert.match(stopped[1].message!, /training loss became (NaN|Infinity) at step \d+: the run diverged/);
  const resumed = await trainEnsemble(readEnsembleConfigs(out), { out, resume: true });
  assert.deepEqual(
    resumed.map((s) => [s.status, s.step]),
    [
      ['completed', 30],
      ['diverged', stopped[1].step],
    ],
  );
});
