import { createHash } from 'node:crypto';
import type { RunConfig } from '../experiment/config.ts';

/**
 * Config fields that do not change what a run computes, left out of its id: `preset` is a label, and
 * `threads` and `split` only share the work between two cores (results agree to float rounding, about 1e-8
 * relative, not bit for bit), so a sweep may choose them per run from the cores left without renaming the run.
 */
export const NOT_IN_RUN_ID = ['preset', 'threads', 'split'] as const;

/** JSON with every object's keys sorted, undefined fields dropped: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A run's stable id: the first 16 hex digits of the SHA-256 of its resolved config's canonical JSON
 * (without NOT_IN_RUN_ID). The same settings give the same id on every machine, in any key order.
 */
export function runId(config: RunConfig): string {
  const identity: Record<string, unknown> = { ...config };
  for (const field of NOT_IN_RUN_ID) delete identity[field];
  return createHash('sha256').update(canonicalJson(identity)).digest('hex').slice(0, 16);
}
