import { Command } from 'commander';
import { RunFailed, UsageError } from '../../errors.ts';
import { ingest } from '../../results/index.ts';
import {
  expandSweep,
  type RunOutcome,
  readSweepFile,
  recordSweep,
  type SweepResult,
  sweepBaseDir,
} from '../../sweep/index.ts';
import { parseBackend, trainOn } from '../lab.ts';
import { num, printJson } from '../options.ts';
import { sweepReporter } from '../progress.ts';
import { exitCodeFor, stopOnSignals } from '../signals.ts';

export function sweepCommand(): Command {
  return new Command('sweep')
    .argument('<file>', 'a sweep file (JSON): preset, config, set, grid, seeds (docs/sweeps.md)')
    .description(
      'train every run of a sweep into DIR/runs/<id>/, on all cores; rerun the same command to resume it',
    )
    .option('--out <dir>', 'the sweep directory (required)')
    .option('--jobs <n>', 'cores to use (local backend; default: all)', num)
    .option(
      '--backend <b>',
      'local (this machine, the default) | bullmq (workers on any machine take the runs)',
    )
    .option(
      '--redis <url>',
      'the Redis of the bullmq backend: redis://host:port or redis://:PASSWORD@host:port',
    )
    .option('--json', 'print each run’s outcome and the final progress as JSON at the end')
    .action((file: string, opts) => sweep(file, opts));
}

async function sweep(
  file: string,
  opts: { out?: string; jobs?: unknown; backend?: unknown; redis?: unknown; json?: boolean },
): Promise<void> {
  const { out } = opts;
  if (typeof out !== 'string' || out === '') throw new UsageError('--out must name the sweep directory');
  const backend = parseBackend(opts);
  const spec = readSweepFile(file);
  const runs = expandSweep(spec, sweepBaseDir(file));
  recordSweep(out, spec, runs);
  // A stop signal is forwarded to the running runs, which checkpoint; a second one exits at once.
  const controller = new AbortController();
  const removeHandlers = stopOnSignals(controller);
  const progress = sweepReporter();
  let result: SweepResult;
  try {
    result = await trainOn(backend, runs, out, controller.signal, progress.update, spec.pack);
  } finally {
    progress.stop();
    removeHandlers();
  }
  // The store is brought up to date on every ending, an interrupted one too.
  await ingest(out);
  if (opts.json) printJson(result);
  else process.stderr.write(`${describe(result.runs)} → ${out}\n`);
  for (const run of result.runs) {
    if (run.status === 'failed' || (run.status === 'diverged' && !run.skipped)) {
      process.stderr.write(`${run.status} ${run.id}: ${run.message ?? ''}\n`);
    }
  }
  const stopped = exitCodeFor(controller.signal.reason);
  if (stopped !== undefined) {
    process.stderr.write(`continue with the same command: emergence sweep ${file} --out ${out}\n`);
    process.exitCode = stopped;
    return;
  }
  const failed = result.runs.filter((r) => r.status === 'failed').length;
  if (failed > 0) throw new RunFailed(`${failed} of ${result.runs.length} runs failed (listed above)`);
}

/** "4 runs: 3 completed (1 skipped), 1 diverged". */
function describe(runs: RunOutcome[]): string {
  const statuses = ['completed', 'diverged', 'interrupted', 'failed'] as const;
  const parts = statuses.flatMap((status) => {
    const these = runs.filter((r) => r.status === status);
    if (these.length === 0) return [];
    const skipped = these.filter((r) => r.skipped).length;
    return [`${these.length} ${status}${skipped > 0 ? ` (${skipped} skipped)` : ''}`];
  });
  return `${runs.length} runs: ${parts.join(', ')}`;
}
