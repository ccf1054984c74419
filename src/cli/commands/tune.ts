import { Command } from 'commander';
import { z } from 'zod';
import { parseInput } from '../../config.ts';
import { parseRunConfig } from '../../experiment/config.ts';
import { mergeRunConfig, PRESETS, preset } from '../../experiment/presets.ts';
import {
  type CandidateTime,
  defaultTuningConfigs,
  type TuneResult,
  tuneKernels,
} from '../../experiment/tune.ts';
import { addConfigFlags, configFromFlags, RUN_FLAGS } from '../flags.ts';
import { formatTable, printJson } from '../options.ts';

/** The train flags that decide a network's shape and so its fastest kernel variants. */
const SHAPE_FLAGS = RUN_FLAGS.filter((f) =>
  [
    'task.skills',
    'task.bits',
    'model.width',
    'model.depth',
    'model.activation',
    'model.loss',
    'optimizer.name',
    'data.batch',
    'threads',
    'kernels',
  ].includes(f.path),
);

export function tuneCommand(): Command {
  const cmd = new Command('tune')
    .description(
      "time the kernel variants for a network shape on this machine and cache the fastest for this CPU and Node (runs without a cached choice use a default); default: fig1a and Michaud's width 128, each on 1 and 2 threads",
    )
    .option(
      '--preset <name>',
      `the shape of a preset: ${Object.keys(PRESETS).join(', ')} (default fig1a when flags are given)`,
    )
    .option('--seconds <s>', 'timed seconds per shape (default 6)')
    .option('--json', 'print the choices and the time of every candidate as JSON');
  addConfigFlags(cmd, SHAPE_FLAGS);
  return cmd.action((opts) => tune(opts));
}

async function tune(opts: Record<string, unknown>): Promise<void> {
  const { seconds } = parseInput(
    z.object({
      seconds: z
        .number({ error: 'a number of seconds from 0.5 to 600' })
        .refine((v) => v >= 0.5 && v <= 600, 'a number of seconds from 0.5 to 600')
        .default(6),
    }),
    {
      seconds: opts.seconds === undefined ? undefined : Number(opts.seconds),
    },
  );
  const flags = configFromFlags(opts, SHAPE_FLAGS);
  const configs =
    opts.preset || Object.keys(flags).length > 0
      ? [parseRunConfig(mergeRunConfig(preset(String(opts.preset ?? 'fig1a')), flags))]
      : defaultTuningConfigs();
  const results: TuneResult[] = [];
  for (const config of configs) {
    if (!opts.json)
      process.stderr.write(`tuning ${config.preset ?? 'custom'}, ${config.threads} thread(s)…\n`);
    const result = await tuneKernels(config, { seconds });
    results.push(result);
    if (!opts.json) process.stdout.write(report(result));
  }
  if (opts.json) printJson(results);
}

function report(r: TuneResult): string {
  const rows = r.candidates.map((c: CandidateTime) => [
    c.dimension,
    describe(c.choice),
    c.msPerStep.toFixed(3),
    c.relative.toFixed(3),
    c.rounds,
  ]);
  return (
    `${r.key}\n${formatTable(['varied', 'choice', 'ms/step (median)', 'relative (median)', 'rounds'], rows)}\n` +
    `default: ${describe(r.defaultChoice)}\nchosen:  ${describe(r.choice)} (${r.msPerStep.toFixed(3)} ms/step)` +
    `${r.saved ? `, cached in ${r.saved}` : ''}\n\n`
  );
}

function describe(c: object): string {
  return Object.entries(c)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
