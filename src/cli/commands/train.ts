import { Command } from 'commander';
import { RunFailed, UsageError } from '../../errors.ts';
import { parseRunConfig, type RunConfig } from '../../experiment/config.ts';
import { mergeRunConfig, PRESETS, preset } from '../../experiment/presets.ts';
import { readRunConfig, trainRun } from '../../experiment/run.ts';
import { readConfigFile } from '../../files.ts';
import { addConfigFlags, configFromFlags, RUN_FLAGS } from '../flags.ts';
import { printJson } from '../options.ts';
import { progressReporter } from '../progress.ts';
import { exitCodeFor, stopOnSignals } from '../signals.ts';

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
  // A stop signal ends the run after the step in progress, with a checkpoint.
  const controller = new AbortController();
  const removeHandlers = stopOnSignals(controller);
  if (controller.signal.aborted) {
    // Stopped before it began (a sweep's run whose sweep died while it started): nothing to write.
    removeHandlers();
    process.exitCode = exitCodeFor(controller.signal.reason);
    return;
  }
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
      process.exitCode = exitCodeFor(controller.signal.reason);
    }
  } finally {
    progress.stop();
    removeHandlers();
  }
}
