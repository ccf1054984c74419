/**
 * The run-config fields settable by name: `emergence train`'s flags (`--lr` → optimizer.lr) and the keys of a
 * sweep file's `set` and `grid` (`"lr"`). One table, so the command line and sweep files name fields alike.
 */

/** A field settable by name: its flag (`--lr <η>`), its path in the run config (optimizer.lr). */
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
    description: '1, or 2 (a step split over two cores)',
    numeric: true,
  },
  {
    flag: '--split <s>',
    path: 'split',
    description: 'units | samples: what two threads split (default: the tuned choice, else samples)',
  },
  { flag: '--kernels <k>', path: 'kernels', description: 'auto | simd (reproducible) | relaxed' },
];

/** A field's name: its flag without `--` and the value placeholder (`--init-std <σ>` → init-std). */
export function fieldName(field: ConfigFlag): string {
  return field.flag.split(' ')[0].slice(2);
}

/**
 * The nested (partial) run config that `values`, keyed by field name, set; absent fields are left out. Two
 * rules as on the command line: `init` given as a number σ means normal with that σ, and `D` without
 * `regime` means the fixed regime.
 */
export function configFromFields(
  values: Record<string, unknown>,
  fields: ConfigFlag[] = RUN_FLAGS,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = values[fieldName(f)];
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
  const std = typeof model?.init === 'string' && model.init.trim() !== '' ? Number(model.init) : model?.init;
  if (model && typeof std === 'number' && !Number.isNaN(std)) {
    model.init = 'normal';
    model.initStd ??= std;
  }
  const data = out.data as Record<string, unknown> | undefined;
  if (data?.D !== undefined && data.regime === undefined) data.regime = 'fixed';
  return out;
}
