import type { Command } from 'commander';
import { z } from 'zod';
import { integer, parseInput } from '../config.ts';
import type { TaskSpecInput } from '../task/index.ts';

/**
 * Option parser for numbers: the number when the text is one, else the text itself, so that validation
 * reports `skills must be an integer ≥ 1 (got "five")` instead of a silent NaN.
 */
export function num(text: string): number | string {
  const t = text.trim();
  const v = Number(t);
  return t !== '' && !Number.isNaN(v) ? v : text;
}

/**
 * Option parser for comma lists of numbers (`--at 1,10,1e3`): each item through `num`, so validation can
 * name the bad one; blank text gives [] for validation to reject as empty.
 */
export function numList(text: string): (number | string)[] {
  return text.trim() === '' ? [] : text.split(',').map(num);
}

/** The task flags shared by every command that builds a task. */
export function addTaskOptions(cmd: Command): Command {
  return cmd
    .option('--skills <n>', 'n_s, number of skills (default 5)', num)
    .option('--bits <n>', 'n_b, number of task bits (default 32)', num)
    .option('--m <n>', 'relevant bits per skill (default 3)', num)
    .option('--alpha <a>', 'α in P_s(k) ∝ k^-(α+1) (default 0.6)', num)
    .option('--distribution <d>', 'zipf | uniform skill frequencies (default zipf)')
    .option('--S <s>', 'target scale S, y = ±S (default 5)', num)
    .option('--masks <mode>', 'disjoint | overlapping skill bit sets (default disjoint)')
    .option('--labels <mode>', 'pm (±S) | binary ({0,1}) (default pm)')
    .option('--seed <n>', 'seed for masks and samples (default 0)', num);
}

const TASK_FIELDS = ['skills', 'bits', 'm', 'alpha', 'distribution', 'S', 'masks', 'labels'] as const;

/** The task spec fields given on the command line (unset ones take the spec's defaults). */
export function taskSpecFromOptions(opts: Record<string, unknown>): TaskSpecInput {
  const spec: Record<string, unknown> = {};
  for (const f of TASK_FIELDS) if (opts[f] !== undefined) spec[f] = opts[f];
  return spec as TaskSpecInput;
}

export function seedFromOptions(opts: Record<string, unknown>): number {
  return parseInput(z.object({ seed: integer(0).default(0) }), { seed: opts.seed }).seed;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** A plain text table with right-aligned columns. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c].length)));
  return cells.map((r) => r.map((s, c) => s.padStart(widths[c])).join('  ')).join('\n');
}
