import { Command } from 'commander';
import { RunFailed, UsageError } from '../../errors.ts';
import { parseRunConfig, type RunConfig } from '../../experiment/config.ts';
import { memberConfigs, parseEnsemble } from '../../experiment/ensemble.ts';
import { isEnsemble, readEnsembleConfigs, trainEnsemble, trainPack } from '../../experiment/ensemble-run.ts';
import { mergeRunConfig, PRESETS, preset } from '../../experiment/presets.ts';
import { type RunSummary, readRunConfig, trainRun } from '../../experiment/run.ts';
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
    .option('--resume', 'continue the run (or ensemble) in --out from its last checkpoint')
    .option(
      '--ensemble <members>',
      'train several one-hidden-layer networks in one pass over the same batches, one run directory each in ' +
        '--out: "width=1..20;init=0..9;lr=0.05,0.01" (every combination) or a JSON list ' +
        '[{"width": 4, "init": 1, "lr": 0.01}, …] (docs/trainer.md, Packed ensembles)',
    )
    .option(
      '--pack <file>',
      'train the runs a JSON file lists, [{"out": DIR, "config": {…}}, …], as one packed ensemble, each into ' +
        'its own directory (what the sweep runner starts for runs that share task, data and batch)',
    )
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
  if (opts.pack) return trainPackFile(String(opts.pack));
  const out = opts.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('--out must name a run directory');
  const flags = configFromFlags(opts, RUN_FLAGS);
  let configs: RunConfig[];
  if (opts.resume) {
    const allowed = Object.keys(flags).every((k) => k === 'steps' || k === 'epochs');
    if (!allowed || opts.preset || opts.config || opts.ensemble) {
      throw new UsageError(
        '--resume continues the run as configured: only --steps or --epochs may be given with it',
      );
    }
    const saved = isEnsemble(out) ? readEnsembleConfigs(out) : [readRunConfig(out)];
    configs = saved.map((c) => parseRunConfig(mergeRunConfig(c, flags)));
  } else {
    const base = opts.preset ? preset(String(opts.preset)) : {};
    const file = opts.config ? readConfigFile(String(opts.config), '--config') : {};
    const config = parseRunConfig(mergeRunConfig(base, file, flags));
    configs = opts.ensemble ? memberConfigs(config, parseEnsemble(String(opts.ensemble))) : [config];
  }
  const ensemble = Boolean(opts.ensemble) || (Boolean(opts.resume) && isEnsemble(out));
  // A stop signal ends the run after the step in progress, with a checkpoint.
  const controller = new AbortController();
  const removeHandlers = stopOnSignals(controller);
  if (controller.signal.aborted) {
    // Stopped before it began (a sweep's run whose sweep died while it started): nothing to write.
    removeHandlers();
    process.exitCode = exitCodeFor(controller.signal.reason);
    return;
  }
  const progress = progressReporter(configs[0]);
  try {
    const options = {
      out,
      resume: Boolean(opts.resume),
      signal: controller.signal,
      onStep: progress.step,
      onEvaluation: ensemble ? undefined : progress.evaluation,
    };
    const summaries = ensemble
      ? await trainEnsemble(configs, options)
      : [await trainRun(configs[0], options)];
    progress.stop();
    const summary = summaries[0];
    if (opts.json) printJson(ensemble ? summaries : summary);
    else if (ensemble) process.stderr.write(`${ensembleLine(summaries)} → ${out}\n`);
    else process.stderr.write(`${summary.status}: step ${summary.step}/${summary.steps} → ${out}\n`);
    const diverged = summaries.filter((s) => s.status === 'diverged');
    if (diverged.length === summaries.length) throw new RunFailed(summary.message ?? 'the run diverged');
    if (summaries.some((s) => s.status === 'interrupted')) {
      process.stderr.write(`continue with: emergence train --out ${out} --resume\n`);
      process.exitCode = exitCodeFor(controller.signal.reason);
    }
  } finally {
    progress.stop();
    removeHandlers();
  }
}

/** "completed: 198 members, diverged: 2 …, step 500/500" for an ensemble's summaries. */
function ensembleLine(summaries: RunSummary[]): string {
  const counts = new Map<string, number>();
  for (const s of summaries) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const statuses = [...counts].map(([status, n]) => `${status}: ${n} member${n === 1 ? '' : 's'}`);
  const step = Math.max(...summaries.map((s) => s.step));
  return `${statuses.join(', ')}, step ${step}/${summaries[0].steps}`;
}

/** `train --pack FILE`: the listed runs as one pack; exit 1 only when every member diverged. */
async function trainPackFile(path: string): Promise<void> {
  const list = readConfigFile(path, '--pack') as unknown;
  if (!Array.isArray(list) || list.length === 0)
    throw new UsageError(`--pack ${path} must list runs: [{"out": DIR, "config": {…}}, …]`);
  const members = list.map((item: { out?: unknown; config?: unknown }, i) => {
    if (typeof item?.out !== 'string')
      throw new UsageError(`--pack ${path}: [${i}].out must name a run directory`);
    return { out: item.out, config: parseRunConfig(item.config) };
  });
  const controller = new AbortController();
  const removeHandlers = stopOnSignals(controller);
  const progress = progressReporter(members[0].config);
  try {
    const summaries = await trainPack(members, {
      signal: controller.signal,
      onStep: progress.step,
      onEvaluation: progress.evaluation,
    });
    progress.stop();
    process.stderr.write(`${ensembleLine(summaries)}\n`);
    if (summaries.every((s) => s.status === 'diverged'))
      throw new RunFailed(summaries[0].message ?? 'diverged');
    if (summaries.some((s) => s.status === 'interrupted'))
      process.exitCode = exitCodeFor(controller.signal.reason);
  } finally {
    progress.stop();
    removeHandlers();
  }
}
