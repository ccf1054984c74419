import { Command } from 'commander';
import { RunFailed, UsageError } from '../../errors.ts';
import { parseRunConfig, type RunConfig } from '../../experiment/config.ts';
import { mergeRunConfig, PRESETS, preset } from '../../experiment/presets.ts';
import { readRunConfig, trainRun } from '../../experiment/run.ts';
import { addConfigFlags, configFromFlags, RUN_FLAGS } from '../flags.ts';
import { printJson, readConfigFile } from '../options.ts';
import { progressReporter } from '../progress.ts';

export function trainCommand(): Command {
  const cmd = new Command('train')
    .description(
      'train a network on the task, writing DIR/config.json, DIR/curve.jsonl (R_k/S per evaluation) and DIR/summary.json',
    )
    .option('--preset <name>', `start from a paper setting: ${Object.keys(PRESETS).join(', ')}`)
    .option('--config <file>', 'a run config (JSON); flags override its fields')
    .option('--out <dir>', 'run directory (required)')
    .option('--resume', 'continue the run in --out from its last checkpoint')
    .option('--json', 'print the summary as JSON at the end');
  addConfigFlags(cmd, RUN_FLAGS);
  cmd.addHelpText(
    'after',
    `\nPresets:\n${Object.entries(PRESETS)
      .map(([n, p]) => `  ${n}: ${p.description}`)
      .join('\n')}`,
  );
  return cmd.action((opts) => train(opts));
}

async function train(opts: Record<string, unknown>): Promise<void> {
  const out = opts.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('--out must name a run directory');
  const flags = configFromFlags(opts, RUN_FLAGS);
  if (
    flags.data &&
    (flags.data as { D?: unknown }).D !== undefined &&
    !(flags.data as { regime?: unknown }).regime
  ) {
    (flags.data as Record<string, unknown>).regime = 'fixed';
  }
  let config: RunConfig;
  if (opts.resume) {
    const saved = readRunConfig(out);
    const allowed = Object.keys(flags).every((k) => k === 'steps' || k === 'epochs');
    if (!allowed || opts.preset || opts.config) {
      throw new UsageError(
        '--resume continues the run as configured: only --steps or --epochs may be given with it',
      );
    }
    config = parseRunConfig(mergeRunConfig(saved, flags));
  } else {
    const base = opts.preset ? preset(String(opts.preset)) : {};
    const file = opts.config ? readConfigFile(String(opts.config), '--config') : {};
    config = parseRunConfig(mergeRunConfig(base, file, flags));
  }
  // The first SIGINT (Ctrl-C) or SIGTERM (a batch scheduler's notice) stops the run after the step in
  // progress, with a checkpoint; a second one exits at once.
  const controller = new AbortController();
  const onSignal = (signal: StopSignal) => {
    if (controller.signal.aborted) process.exit(EXIT_CODES[signal]);
    controller.abort(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const progress = progressReporter(config);
  try {
    const summary = await trainRun(config, {
      out,
      resume: Boolean(opts.resume),
      signal: controller.signal,
      onStep: progress.step,
      onEvaluation: progress.evaluation,
    });
    progress.stop();
    if (opts.json) printJson(summary);
    else process.stderr.write(`${summary.status}: step ${summary.step}/${summary.steps} → ${out}\n`);
    if (summary.status === 'diverged') throw new RunFailed(summary.message ?? 'the run diverged');
    if (summary.status === 'interrupted') {
      process.stderr.write(`continue with: emergence train --out ${out} --resume\n`);
      process.exitCode = EXIT_CODES[controller.signal.reason as StopSignal];
    }
  } finally {
    progress.stop();
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof STOP_SIGNALS)[number];
/** The shell's exit codes for a process ended by a signal: 128 + its number. */
const EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };
