/**
 * A mistake in what the user asked for (a flag, a config value, a file). The CLI prints its message as one
 * line and exits with code 2; library callers can catch it by class. Programming errors stay plain Errors.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A run that could not go on (it diverged): the CLI prints the message and exits with code 1; its partial
 * results are saved. */
export class RunFailed extends Error {
  override readonly name = 'RunFailed';
}

/** `field must be <allowed> (got <value>)`: the one shape every input error takes. */
export function invalid(field: string, allowed: string, got?: unknown): UsageError {
  const tail = got === undefined ? '' : ` (got ${formatValue(got)})`;
  return new UsageError(`${field} must be ${allowed}${tail}`);
}

export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const json = JSON.stringify(v);
  return json === undefined ? String(v) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
