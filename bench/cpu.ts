// The CPU a benchmark ran on, from /proc/cpuinfo: its model name, family and model number, and instruction
// set flags (absolute times and even ratios differ between CPUs, so every benchmark's output names it).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface CpuInfo {
  name: string;
  family: number | null;
  model: number | null;
  flags: string[];
}

/** The first processor's entry of a /proc/cpuinfo text. */
export function parseCpuInfo(text: string): CpuInfo {
  const first = text.split(/\n\s*\n/)[0];
  const field = (key: string) => new RegExp(`^${key}\\s*:\\s*(.*)$`, 'm').exec(first)?.[1].trim();
  const number = (key: string) => {
    const v = field(key);
    return v === undefined || v === '' ? null : Number(v);
  };
  return {
    name: field('model name') ?? 'unknown',
    family: number('cpu family'),
    model: number('model'),
    flags: (field('flags') ?? '').split(/\s+/).filter(Boolean),
  };
}

/** The widest SIMD extension among the flags, as a reader names it. */
export function simdLevel(flags: readonly string[]): string {
  if (['avx512f', 'avx512bw', 'avx512vl'].every((f) => flags.includes(f))) return 'AVX-512';
  if (flags.includes('avx2') && flags.includes('fma')) return 'AVX2';
  return flags.includes('avx') ? 'AVX' : 'no AVX';
}

/** One line naming a CPU: "Intel(R) Xeon(R) Processor (family 6, model 167, AVX-512)". */
export function describeCpu(cpu: CpuInfo): string {
  return `${cpu.name} (family ${cpu.family ?? '?'}, model ${cpu.model ?? '?'}, ${simdLevel(cpu.flags)})`;
}

let cached: CpuInfo | undefined;

/** This machine's CPU (on a system without /proc/cpuinfo, Node's model name and no flags). */
export function thisCpu(): CpuInfo {
  if (!cached) {
    try {
      cached = parseCpuInfo(readFileSync('/proc/cpuinfo', 'utf8'));
    } catch {
      cached = { name: cpus()[0]?.model ?? 'unknown', family: null, model: null, flags: [] };
    }
  }
  return cached;
}
