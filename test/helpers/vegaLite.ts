import { compile, type TopLevelSpec } from 'vega-lite';

/** The warnings and errors Vega-Lite logs while compiling `spec` (none for a clean spec). */
export function compileWarnings(spec: TopLevelSpec): unknown[] {
  const warnings: unknown[] = [];
  const record = (...message: unknown[]) => {
    warnings.push(message);
    return logger;
  };
  const logger = {
    level: () => logger,
    error: record,
    warn: record,
    info: () => logger,
    debug: () => logger,
  };
  compile(spec, { logger: logger as never });
  return warnings;
}
