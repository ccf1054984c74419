// The PyTorch side of the side-by-side benchmarks (bench/pytorch/train_step.py): the python that imports
// torch, every thread pool it has pinned to the run's thread count (torch.set_num_threads alone does not
// bound OpenBLAS's own threads), and the BLAS core it ran: OpenBLAS picks its kernels by CPU model, and on a
// CPU newer than the library it falls back to a lesser core, several times slower; then OPENBLAS_CORETYPE
// forces the best core the CPU supports, and the output says so.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describeCpu, simdLevel, thisCpu } from './cpu.ts';

const SCRIPT = fileURLToPath(new URL('./pytorch/train_step.py', import.meta.url));
/** Debian's python first: only it sees Debian's python3-torch. */
const PYTHONS = ['/usr/bin/python3', 'python3'];
const INSTALL = 'apt-get install python3-torch libopenblas0-pthread';
const LIBBLAS = 'libblas.so.3-x86_64-linux-gnu';

/** The core OpenBLAS reports under OPENBLAS_VERBOSE=2 ("Core: SkylakeX"); null if none (not OpenBLAS). */
export function parseBlasCore(stderr: string): string | null {
  return /^Core: (\S+)/m.exec(stderr)?.[1] ?? null;
}

/** The best OpenBLAS core for a CPU's /proc/cpuinfo flags; null when nothing beats OpenBLAS's own choice. */
export function bestBlasCore(flags: readonly string[]): string | null {
  return ({ 'AVX-512': 'SkylakeX', AVX2: 'Haswell' } as Record<string, string>)[simdLevel(flags)] ?? null;
}

/** SIMD level of OpenBLAS's x86 cores: 3 AVX-512, 2 AVX2, 1 AVX; any other (Prescott, Nehalem, …) 0. */
const CORE_LEVEL: Record<string, number> = {
  sandybridge: 1,
  bulldozer: 1,
  piledriver: 1,
  steamroller: 1,
  haswell: 2,
  zen: 2,
  excavator: 2,
  skylakex: 3,
  cooperlake: 3,
  sapphirerapids: 3,
};
const level = (core: string) => CORE_LEVEL[core.toLowerCase()] ?? 0;

/**
 * The OPENBLAS_CORETYPE to force: the best core the CPU supports when OpenBLAS picked one of a lower SIMD
 * level (a generic or fallback core: it did not recognise the CPU); null to keep OpenBLAS's choice.
 */
export function coreToForce(picked: string | null, best: string | null): string | null {
  return picked !== null && best !== null && level(picked) < level(best) ? best : null;
}

/** The environment of a PyTorch run: OpenMP, OpenBLAS and MKL threads pinned, the BLAS core printed. */
export function pinnedEnv(threads: number, coreType: string | null): NodeJS.ProcessEnv {
  const n = String(threads);
  const pinned = { OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n, OPENBLAS_VERBOSE: '2' };
  return { ...process.env, ...pinned, ...(coreType ? { OPENBLAS_CORETYPE: coreType } : {}) };
}

export interface Baseline {
  python: string;
  torch: string;
  blas_core: string;
  blas_coretype_forced: string | null;
}

function probe(python: string, coreType: string | null) {
  const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], {
    encoding: 'utf8',
    env: pinnedEnv(1, coreType),
  });
  return r.status === 0 ? { torch: r.stdout.trim(), core: parseBlasCore(r.stderr) } : null;
}

let found: Baseline | string | undefined;

/** The PyTorch in use and its BLAS core (forced if need be), or why there is none. Probed once. */
export function torchBaseline(): Baseline | string {
  if (found !== undefined) return found;
  for (const python of PYTHONS) {
    const first = probe(python, null);
    if (!first) continue;
    const forced = coreToForce(first.core, bestBlasCore(thisCpu().flags));
    const core = forced ? probe(python, forced)?.core : first.core;
    found = {
      python,
      torch: first.torch,
      blas_core: core ?? `not OpenBLAS (no core printed): see update-alternatives --display ${LIBBLAS}`,
      blas_coretype_forced: forced,
    };
    return found;
  }
  found = `unavailable: no python imports torch (tried ${PYTHONS.join(', ')}); ${INSTALL}`;
  return found;
}

/** What every side-by-side result says of the machine and the baseline: the CPU, PyTorch and its BLAS core. */
export function baselineFields(): Record<string, string> {
  const b = torchBaseline();
  const cpu = describeCpu(thisCpu());
  if (typeof b === 'string') return { cpu, pytorch: b };
  return {
    cpu,
    pytorch: `torch ${b.torch} (${b.python})`,
    blas_core: b.blas_core,
    blas_coretype_forced: b.blas_coretype_forced ?? 'no',
  };
}

export interface TorchSetting {
  setting: 'nam' | 'michaud' | 'eval';
  width: number;
  batch: number;
  /** Timed steps (for `eval`, timed evaluations). */
  steps: number;
  threads: number;
}

const run = promisify(execFile);

/** One run of the baseline script, pinned to `threads`, on the baseline's BLAS core: its JSON. */
export async function pytorch(s: TorchSetting): Promise<Record<string, number>> {
  const b = torchBaseline();
  if (typeof b === 'string') throw new Error(`PyTorch ${b}`);
  const args = [SCRIPT, s.setting, s.width, s.batch, s.steps, s.threads].map(String);
  const { stdout } = await run(b.python, args, { env: pinnedEnv(s.threads, b.blas_coretype_forced) });
  return JSON.parse(stdout);
}
