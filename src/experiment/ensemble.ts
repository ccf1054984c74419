import { UsageError } from '../errors.ts';
import { MAX_WIDTH } from '../nn/config.ts';
import { parseRunConfig, type RunConfig } from './config.ts';

/** What a member of a packed ensemble sets on top of the shared config: its width, init seed, learning rate. */
export interface MemberSpec {
  width?: number;
  initSeed?: number;
  lr?: number;
}

/** The --ensemble fields and the member field each sets. */
const FIELDS = {
  width: { key: 'width', integer: true, min: 1, max: MAX_WIDTH },
  init: { key: 'initSeed', integer: true, min: 0, max: 2 ** 32 - 1 },
  lr: { key: 'lr', integer: false, min: Number.MIN_VALUE, max: Number.POSITIVE_INFINITY },
} as const;
type Field = keyof typeof FIELDS;

const EXAMPLE = 'e.g. "width=1..20;init=0..9" or [{"width": 4, "init": 1}, …]';

/**
 * The members an --ensemble value lists: `field=values;…` (every combination; values `a..b`, an integer range,
 * or `v1,v2,…`; fields width, init, lr), or a JSON list of members such as [{"width": 4, "init": 1, "lr": 0.01}].
 */
export function parseEnsemble(text: string): MemberSpec[] {
  const trimmed = text.trim();
  const members = trimmed.startsWith('[') ? fromJson(trimmed) : fromFields(trimmed);
  if (members.length === 0) throw new UsageError(`--ensemble must list at least one member (${EXAMPLE})`);
  return members;
}

function fromJson(text: string): MemberSpec[] {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--ensemble is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(list)) throw new UsageError(`--ensemble must be a list of members (${EXAMPLE})`);
  return list.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new UsageError(`--ensemble[${i}] must be an object such as {"width": 4, "init": 1}`);
    const member: MemberSpec = {};
    for (const [name, value] of Object.entries(item)) {
      const field = fieldNamed(name, `--ensemble[${i}]`);
      member[FIELDS[field].key] = checked(field, value, `--ensemble[${i}].${name}`);
    }
    return member;
  });
}

function fromFields(text: string): MemberSpec[] {
  let members: MemberSpec[] = [{}];
  const parts = text.split(';').filter((p) => p.trim() !== '');
  const seen = new Set<Field>();
  for (const part of parts) {
    const [name, values] = part.split('=').map((s) => s.trim());
    const field = fieldNamed(name, '--ensemble');
    if (seen.has(field)) throw new UsageError(`--ensemble gives ${name} twice`);
    seen.add(field);
    const list = valuesOf(field, values ?? '');
    members = members.flatMap((m) => list.map((v) => ({ ...m, [FIELDS[field].key]: v })));
  }
  return parts.length === 0 ? [] : members;
}

function fieldNamed(name: string, where: string): Field {
  if (!Object.hasOwn(FIELDS, name))
    throw new UsageError(`${where}: unknown field "${name}" (allowed: ${Object.keys(FIELDS).join(', ')})`);
  return name as Field;
}

/** `a..b` (integers, inclusive) or `v1,v2,…`. */
function valuesOf(field: Field, text: string): number[] {
  const where = `--ensemble ${field}`;
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(text);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (b < a) throw new UsageError(`${where}: the range ${text} is empty`);
    return Array.from({ length: b - a + 1 }, (_, i) => checked(field, a + i, where));
  }
  const items = text.split(',').filter((v) => v.trim() !== '');
  if (items.length === 0) throw new UsageError(`${where} needs values: a..b or v1,v2,…`);
  return items.map((v) => checked(field, Number(v), where));
}

function checked(field: Field, value: unknown, where: string): number {
  const { integer, min, max } = FIELDS[field];
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
  if (!ok || (integer && !Number.isInteger(value))) {
    const allowed = integer ? `an integer from ${min} to ${max}` : 'a number > 0';
    throw new UsageError(`${where} must be ${allowed} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Member m's run config: the shared config with its width, init seed and learning rate. */
export function memberConfigs(base: RunConfig, members: MemberSpec[]): RunConfig[] {
  return members.map((m) =>
    parseRunConfig({
      ...base,
      model: { ...base.model, ...(m.width === undefined ? {} : { width: m.width }) },
      optimizer: { ...base.optimizer, ...(m.lr === undefined ? {} : { lr: m.lr }) },
      ...(m.initSeed === undefined ? {} : { initSeed: m.initSeed }),
    }),
  );
}

/**
 * What runs must share to be trained as one pack: everything but the width, init (seed and σ) and learning
 * rate (value and schedule). Runs with equal keys can be packed.
 */
export function packKey(config: RunConfig): string {
  return JSON.stringify(shared(config));
}

function shared(config: RunConfig): object {
  const { preset: _, initSeed: __, model, optimizer, ...rest } = config;
  const { width: _w, initStd: _s, ...sharedModel } = model;
  const { lr: _l, schedule: _h, ...sharedOptimizer } = optimizer;
  return { ...rest, model: sharedModel, optimizer: sharedOptimizer };
}

/**
 * Checks that `configs` can train as one pack: one-hidden-layer networks on an mse loss, and everything else
 * shared (threads too); throws a UsageError naming the first field at fault. Also refuses two equal members.
 */
export function checkPack(configs: RunConfig[]): void {
  if (configs.length === 0) throw new UsageError(`--ensemble must list at least one member (${EXAMPLE})`);
  const first = configs[0];
  if (first.model.depth !== 2)
    throw new UsageError(`model.depth must be 2 for a packed ensemble (got ${first.model.depth})`);
  if (first.model.loss === 'ce')
    throw new UsageError('model.loss must be mse or mse-half for a packed ensemble (got ce)');
  const key = shared(first);
  configs.forEach((c, m) => {
    const field = firstDifference(key, shared(c));
    if (field) {
      throw new UsageError(
        `ensemble members must share ${field.path} (member 0: ${field.a}, member ${m}: ${field.b})`,
      );
    }
  });
  const names = new Set<string>();
  for (const c of configs) {
    const name = memberName(c);
    if (names.has(name)) throw new UsageError(`--ensemble lists the member ${name} twice`);
    names.add(name);
  }
}

/** The first leaf where a and b differ, as a dotted path, with both values (JSON); null when equal. */
function firstDifference(a: unknown, b: unknown, path = ''): { path: string; a: string; b: string } | null {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return JSON.stringify(a) === JSON.stringify(b)
    ? null
    : { path, a: JSON.stringify(a) ?? 'unset', b: JSON.stringify(b) ?? 'unset' };
}

/** A member's directory name inside the ensemble's: its width, init seed and learning rate. */
export function memberName(config: RunConfig): string {
  return `width-${config.model.width}_init-${config.initSeed ?? config.seed}_lr-${config.optimizer.lr}`;
}
