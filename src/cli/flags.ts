import type { Command } from 'commander';
import { num } from './options.ts';

/** A command-line flag that sets one field of a nested config, e.g. `--lr` → optimizer.lr. */
export interface ConfigFlag {
  flag: string;
  path: string;
  description: string;
  numeric?: boolean;
}

/** The task spec's flags (`emergence task …` and `emergence train`). */
export const TASK_FLAGS: ConfigFlag[] = [
  {
    flag: '--skills <n>',
    path: 'task.skills',
    description: 'n_s, number of skills (default 5)',
    numeric: true,
  },
  {
    flag: '--bits <n>',
    path: 'task.bits',
    description: 'n_b, number of task bits (default 32)',
    numeric: true,
  },
  { flag: '--m <n>', path: 'task.m', description: 'relevant bits per skill (default 3)', numeric: true },
  {
    flag: '--alpha <a>',
    path: 'task.alpha',
    description: 'α in P_s(k) ∝ k^-(α+1) (default 0.6)',
    numeric: true,
  },
  {
    flag: '--distribution <d>',
    path: 'task.distribution',
    description: 'zipf | uniform skill frequencies (default zipf)',
  },
  { flag: '--S <s>', path: 'task.S', description: 'target scale S, y = ±S (default 5)', numeric: true },
  {
    flag: '--masks <mode>',
    path: 'task.masks',
    description: 'disjoint | overlapping skill bit sets (default disjoint)',
  },
  { flag: '--labels <mode>', path: 'task.labels', description: 'pm (±S) | binary ({0,1}) (default pm)' },
];

/** The run-config fields settable from the command line (every field of `emergence train`). */
export const RUN_FLAGS: ConfigFlag[] = [
  ...TASK_FLAGS,
  { flag: '--width <n>', path: 'model.width', description: 'hidden units per hidden layer', numeric: true },
  {
    flag: '--depth <n>',
    path: 'model.depth',
    description: 'linear layers (2 = one hidden layer)',
    numeric: true,
  },
  { flag: '--activation <a>', path: 'model.activation', description: 'relu | tanh | sigmoid' },
  { flag: '--loss <l>', path: 'model.loss', description: 'mse (no ½, the authors) | mse-half (Eq. 5) | ce' },
  {
    flag: '--init <i>',
    path: 'model.init',
    description:
      "normal (N(0, σ²) everywhere) | pytorch | a number: normal with that σ (the authors' `init`)",
  },
  { flag: '--init-std <σ>', path: 'model.initStd', description: 'σ of the normal init', numeric: true },
  { flag: '--optimizer <o>', path: 'optimizer.name', description: 'sgd | adam | adamw' },
  { flag: '--lr <η>', path: 'optimizer.lr', description: 'learning rate', numeric: true },
  { flag: '--momentum <μ>', path: 'optimizer.momentum', description: 'SGD momentum', numeric: true },
  { flag: '--beta1 <β>', path: 'optimizer.beta1', description: 'Adam β1', numeric: true },
  { flag: '--beta2 <β>', path: 'optimizer.beta2', description: 'Adam β2', numeric: true },
  { flag: '--eps <ε>', path: 'optimizer.eps', description: 'Adam ε', numeric: true },
  { flag: '--weight-decay <λ>', path: 'optimizer.weightDecay', description: 'weight decay', numeric: true },
  {
    flag: '--batch <n>',
    path: 'data.batch',
    description: 'batch size, or "authors": D // max(1, D // 2000) for a fixed set',
    numeric: true,
  },
  {
    flag: '--D <n>',
    path: 'data.D',
    description: 'fixed training set of D samples (sets regime fixed)',
    numeric: true,
  },
  { flag: '--regime <r>', path: 'data.regime', description: 'online | fixed' },
  { flag: '--steps <n>', path: 'steps', description: 'optimiser steps', numeric: true },
  {
    flag: '--epochs <n>',
    path: 'epochs',
    description: 'epochs over the fixed set of D samples instead of --steps (⌈D/batch⌉ steps each)',
    numeric: true,
  },
  {
    flag: '--eval-every <k>',
    path: 'evaluation.every',
    description: 'evaluate every k steps',
    numeric: true,
  },
  {
    flag: '--eval-samples <n>',
    path: 'evaluation.perSkill',
    description: 'test samples per skill',
    numeric: true,
  },
  {
    flag: '--test-points <n>',
    path: 'evaluation.testPoints',
    description: 'exact-frequency test set size',
    numeric: true,
  },
  { flag: '--seed <n>', path: 'seed', description: 'seed (masks, init, data, test sets)', numeric: true },
  {
    flag: '--threads <t>',
    path: 'threads',
    description: '1, or 2 (hidden units split over two cores)',
    numeric: true,
  },
  { flag: '--kernels <k>', path: 'kernels', description: 'auto | simd (reproducible) | relaxed' },
];

/** Adds `flags` to `cmd` as options. */
export function addConfigFlags(cmd: Command, flags: ConfigFlag[]): Command {
  for (const f of flags) {
    if (f.numeric) cmd.option(f.flag, f.description, num);
    else cmd.option(f.flag, f.description);
  }
  return cmd;
}

/** The nested config object that the given flags set (only the flags present). */
export function configFromFlags(opts: Record<string, unknown>, flags: ConfigFlag[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    const value = opts[optionKey(f.flag)];
    if (value === undefined) continue;
    const keys = f.path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) {
      at[k] ??= {};
      at = at[k] as Record<string, unknown>;
    }
    at[keys[keys.length - 1]] = value;
  }
  const model = out.model as Record<string, unknown> | undefined;
  const std = typeof model?.init === 'string' ? num(model.init) : undefined;
  if (model && typeof std === 'number') {
    model.init = 'normal';
    model.initStd ??= std;
  }
  return out;
}

/** commander's key for a flag: `--init-std <σ>` → initStd, `--S <s>` → S, `--D <n>` → D. */
function optionKey(flag: string): string {
  return flag
    .split(' ')[0]
    .slice(2)
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
