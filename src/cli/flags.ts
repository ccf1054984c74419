import type { Command } from 'commander';
import { type ConfigFlag, configFromFields, fieldName } from '../experiment/fields.ts';
import { num } from './options.ts';

export { type ConfigFlag, RUN_FLAGS, TASK_FLAGS } from '../experiment/fields.ts';

/** Adds `flags` to `cmd` as options. */
export function addConfigFlags(cmd: Command, flags: ConfigFlag[]): Command {
  for (const f of flags) {
    if (f.numeric) cmd.option(f.flag, f.description, num);
    else cmd.option(f.flag, f.description);
  }
  return cmd;
}

/** The nested config object that the given flags set (only the flags present; configFromFields' rules). */
export function configFromFlags(opts: Record<string, unknown>, flags: ConfigFlag[]): Record<string, unknown> {
  return configFromFields(
    Object.fromEntries(flags.map((f) => [fieldName(f), opts[optionKey(f.flag)]])),
    flags,
  );
}

/** commander's key for a flag: `--init-std <σ>` → initStd, `--S <s>` → S, `--D <n>` → D. */
function optionKey(flag: string): string {
  return flag
    .split(' ')[0]
    .slice(2)
    .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
