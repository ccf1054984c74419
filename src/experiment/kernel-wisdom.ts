import { readFileSync } from 'node:fs';
import { cpus, homedir } from 'node:os';
import { join } from 'node:path';
import { makeDirectory, replaceOutput } from '../files.ts';
import type { KernelChoice, NetworkShape } from '../nn/fast/kernel-choice.ts';
import type { RunConfig } from './config.ts';

// The kernel choices `emergence tune` measured, kept per CPU model and Node version in the user's cache
// directory as FFTW keeps its wisdom: $EMERGENCE_CACHE_DIR, else $XDG_CACHE_HOME/emergence-lab, else
// ~/.cache/emergence-lab. One file per machine key, one entry per network shape.

/** Where the wisdom files are. */
export function wisdomDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EMERGENCE_CACHE_DIR) return env.EMERGENCE_CACHE_DIR;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'emergence-lab');
}

/** The CPU model (its name and, on Linux, its family/model numbers) and the Node version: what a choice is valid for. */
export function machineKey(): string {
  return `${cpuModel()} / node ${process.versions.node}`;
}

function cpuModel(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => info.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm'))?.[1].trim();
    const name = field('model name');
    if (name) return `${name} (family ${field('cpu family') ?? '?'}, model ${field('model') ?? '?'})`;
  } catch {
    // not Linux: os.cpus() names the model
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** A run's network shape, with what else its speed depends on (batch, loss, optimiser, kernel build). */
export interface TuningShape extends NetworkShape {
  activation: string;
  loss: string;
  optimizer: string;
  batch: number;
  kernels: string;
}

export function tuningShape(config: RunConfig, flavour: string): TuningShape {
  const { task, model, optimizer, data, threads } = config;
  return {
    skills: task.skills,
    bits: task.bits,
    width: model.width,
    depth: model.depth,
    threads: threads === 2 ? 2 : 1,
    activation: model.activation,
    loss: model.loss,
    optimizer: optimizer.name,
    batch: data.batch,
    kernels: flavour,
  };
}

/** One line naming a shape: the key of its entry. */
export function shapeKey(s: TuningShape): string {
  return (
    `n_s ${s.skills} n_b ${s.bits} width ${s.width} depth ${s.depth} ${s.activation} ${s.loss} ` +
    `${s.optimizer} batch ${s.batch} threads ${s.threads} ${s.kernels}`
  );
}

/** A wisdom file: the machine it was measured on and, per shape key, the chosen kernel variants. */
interface WisdomFile {
  machine: string;
  choices: Record<string, { choice: KernelChoice; msPerStep: number; tuned: string }>;
}

/** The machine key's file name (a hash of it: CPU names have spaces and parentheses). */
function wisdomPath(dir: string, machine: string): string {
  let h = 2166136261;
  for (let i = 0; i < machine.length; i++) h = Math.imul(h ^ machine.charCodeAt(i), 16777619) >>> 0; // FNV-1a
  return join(dir, `kernels-${h.toString(16).padStart(8, '0')}.json`);
}

function readWisdom(dir: string, machine: string): WisdomFile {
  try {
    const file = JSON.parse(readFileSync(wisdomPath(dir, machine), 'utf8')) as WisdomFile;
    if (file.machine === machine && file.choices) return file;
  } catch {
    // none yet, or unreadable: no wisdom
  }
  return { machine, choices: {} };
}

/** The cached choice for `shape` on this machine, if `emergence tune` made one. */
export function cachedChoice(shape: TuningShape, dir = wisdomDirectory()): KernelChoice | null {
  return readWisdom(dir, machineKey()).choices[shapeKey(shape)]?.choice ?? null;
}

/** Records `choice` for `shape` on this machine (the file is replaced atomically); returns the file's path. */
export function saveChoice(
  shape: TuningShape,
  choice: KernelChoice,
  msPerStep: number,
  dir = wisdomDirectory(),
): string {
  const machine = machineKey();
  const file = readWisdom(dir, machine);
  file.choices[shapeKey(shape)] = { choice, msPerStep, tuned: new Date().toISOString() };
  makeDirectory(dir);
  const path = wisdomPath(dir, machine);
  replaceOutput(path, `${JSON.stringify(file, null, 2)}\n`);
  return path;
}
