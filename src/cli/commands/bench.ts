import { Command } from 'commander';
import { z } from 'zod';
import { integer, parseInput } from '../../config.ts';
import { benchTrain } from '../../experiment/benchmark.ts';
import { parseRunConfig } from '../../experiment/config.ts';
import type { KernelChoiceRecord } from '../../experiment/network.ts';
import { mergeRunConfig, preset } from '../../experiment/presets.ts';
import { addConfigFlags, configFromFlags, RUN_FLAGS } from '../flags.ts';
import { formatTable, printJson } from '../options.ts';

export function benchCommand(): Command {
  const bench = new Command('bench').description('measure speed on this machine');
  const train = new Command('train')
    .description('training steps per second (data generation included, evaluation excluded); defaults: fig1a')
    .option('--preset <name>', 'start from a preset (default fig1a)')
    .option('--json', 'machine-readable output');
  addConfigFlags(
    train,
    RUN_FLAGS.filter((f) => !['steps', 'epochs', 'data.D'].includes(f.path)),
  );
  train.option('--steps <n>', 'timed steps (default 200)');
  bench.addCommand(train.action((opts) => benchTrainCommand(opts)));
  return bench;
}

async function benchTrainCommand(opts: Record<string, unknown>): Promise<void> {
  const { steps } = parseInput(z.object({ steps: integer(1, 1_000_000).default(200) }), {
    steps: opts.steps === undefined ? undefined : Number(opts.steps),
  });
  const resolved = parseRunConfig(
    mergeRunConfig(preset(String(opts.preset ?? 'fig1a')), configFromFlags(opts, RUN_FLAGS), { steps }),
  );
  // Always the online regime: what is timed is the step on fresh batches (of the preset's resolved size).
  const config = parseRunConfig({ ...resolved, data: { regime: 'online', batch: resolved.data.batch } });
  const result = await benchTrain(config, steps);
  if (opts.json) printJson(result);
  else process.stdout.write(`${formatTable(Object.keys(result), [Object.values(result).map(show)])}\n`);
}

function show(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'choice' in v) {
    const { choice, source } = v as KernelChoiceRecord;
    return `${Object.entries(choice)
      .map(([k, x]) => `${k} ${x}`)
      .join(', ')} (${source})`;
  }
  return typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : String(v);
}
