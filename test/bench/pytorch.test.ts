import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeCpu, parseCpuInfo } from '../../bench/cpu.ts';
import { bestBlasCore, coreToForce, parseBlasCore, pinnedEnv } from '../../bench/pytorch.ts';

const AVX512 = 'fpu sse2 avx fma avx2 avx512f avx512dq avx512bw avx512vl avx512_bf16';
const AVX2 = 'fpu sse2 avx fma avx2 bmi2';

/** Two processors of a /proc/cpuinfo, the second differing so that reading past the first shows. */
const cpuinfo = [
  'processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 167',
  `model name\t: Intel(R) Xeon(R) Processor\nstepping\t: 1\nflags\t\t: ${AVX512}\n`,
  'processor\t: 1\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85',
  'model name\t: Other\nflags\t\t: fpu\n',
]
  .join('\n')
  .replace('\nprocessor\t: 1', '\n\nprocessor\t: 1');

test('parseCpuInfo reads the first processor: model name, family, model number (not "model name") and flags', () => {
  const cpu = parseCpuInfo(cpuinfo);
  assert.deepEqual(
    { ...cpu, flags: cpu.flags.length },
    { name: 'Intel(R) Xeon(R) Processor', family: 6, model: 167, flags: AVX512.split(' ').length },
  );
  assert.ok(cpu.flags.includes('avx512vl'));
  assert.equal(describeCpu(cpu), 'Intel(R) Xeon(R) Processor (family 6, model 167, AVX-512)');
});

test('describeCpu names the SIMD level and unknown fields', () => {
  const cpu = { name: 'AMD EPYC', family: null, model: null, flags: AVX2.split(' ') };
  assert.equal(describeCpu(cpu), 'AMD EPYC (family ?, model ?, AVX2)');
  assert.equal(describeCpu({ ...cpu, flags: ['avx512f', 'avx2'] }), 'AMD EPYC (family ?, model ?, no AVX)');
});

test('parseBlasCore reads the core OpenBLAS chose from OPENBLAS_VERBOSE=2 output, or null without one', () => {
  assert.equal(parseBlasCore('Core: SkylakeX\n'), 'SkylakeX');
  assert.equal(parseBlasCore('Core not found: bogus\nCore: Cooperlake\n'), 'Cooperlake');
  assert.equal(parseBlasCore('some warning\nCore: Prescott\nmore'), 'Prescott');
  assert.equal(parseBlasCore(''), null);
  assert.equal(parseBlasCore('Core not found: bogus\n'), null);
});

test('bestBlasCore: SkylakeX needs avx512f, bw and vl; Haswell avx2 and fma; else none', () => {
  assert.equal(bestBlasCore(AVX512.split(' ')), 'SkylakeX');
  assert.equal(bestBlasCore(AVX2.split(' ')), 'Haswell');
  assert.equal(bestBlasCore(['avx2', 'fma', 'avx512f']), 'Haswell'); // no bw/vl: not SkylakeX
  assert.equal(bestBlasCore(['avx2']), null);
  assert.equal(bestBlasCore(['sse2', 'avx']), null);
});

test('coreToForce forces the best core only over a lesser (generic or fallback) one', () => {
  assert.equal(coreToForce('SkylakeX', 'SkylakeX'), null);
  assert.equal(coreToForce('Cooperlake', 'SkylakeX'), null); // AVX-512 already
  assert.equal(coreToForce('Prescott', 'SkylakeX'), 'SkylakeX'); // Zen 5 under OpenBLAS 0.3.21
  assert.equal(coreToForce('Haswell', 'SkylakeX'), 'SkylakeX');
  assert.equal(coreToForce('Sandybridge', 'Haswell'), 'Haswell');
  assert.equal(coreToForce('Nehalem', 'Haswell'), 'Haswell');
  assert.equal(coreToForce('Zen', 'Haswell'), null);
  assert.equal(coreToForce('SkylakeX', 'Haswell'), null); // never downgrade
  assert.equal(coreToForce('Prescott', null), null); // the CPU supports nothing better
  assert.equal(coreToForce(null, 'SkylakeX'), null); // not OpenBLAS: nothing to force
});

test('pinnedEnv pins OpenMP, OpenBLAS and MKL threads, asks for the core, and forces one only when told', () => {
  const env = pinnedEnv(2, null);
  assert.deepEqual(
    [env.OMP_NUM_THREADS, env.OPENBLAS_NUM_THREADS, env.MKL_NUM_THREADS, env.OPENBLAS_VERBOSE],
    ['2', '2', '2', '2'],
  );
  assert.equal(pinnedEnv(1, null).OPENBLAS_NUM_THREADS, '1');
  assert.equal(pinnedEnv(1, 'Haswell').OPENBLAS_CORETYPE, 'Haswell');
  assert.equal(pinnedEnv(1, null).OPENBLAS_CORETYPE, process.env.OPENBLAS_CORETYPE);
});
