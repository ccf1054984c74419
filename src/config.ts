import { z } from 'zod';
import { formatValue, UsageError } from './errors.ts';

// Field builders whose error text says what is allowed; `parseInput` adds the field's path and the bad value.

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  const allowed =
    max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  return z.number({ error: allowed }).refine((v) => Number.isInteger(v) && v >= min && v <= max, allowed);
}

export function positive() {
  const allowed = 'a finite number > 0';
  return z.number({ error: allowed }).refine((v) => Number.isFinite(v) && v > 0, allowed);
}

export function finite() {
  const allowed = 'a finite number';
  return z.number({ error: allowed }).refine(Number.isFinite, allowed);
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `one of ${values.join(', ')}` });
}

/**
 * Parses `input` with `schema`; the first problem becomes a UsageError naming the field's path, what it
 * allows and what it got, e.g. `bits must be an integer ≥ 1 (got 0)`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = prefix + issue.path.map(String).join('.');
  const got = valueAt(input, issue.path);
  const tail = got === undefined ? '' : ` (got ${formatValue(got)})`;
  if (issue.code === 'unrecognized_keys') {
    throw new UsageError(`unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`);
  }
  throw new UsageError(`${path || 'input'} must be ${issue.message}${tail}`);
}

/** The value at a zod issue's path in `input` (undefined where the path leads nowhere). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
