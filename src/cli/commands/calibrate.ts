import { Command } from 'commander';
import { oneOf, parseInput } from '../../config.ts';
import { UsageError } from '../../errors.ts';
import { RESOURCES } from '../../experiment/reproductions.ts';
import { type Calibration, type ConstantFit, calibrate } from '../../fit/calibration.ts';
import { readRuns } from '../../results/runs.ts';
import { formatTable, printJson } from '../options.ts';

const NAMES = { B2: 'B²', Dc: 'D_c', Nc: 'N_c' } as const;
const PAPER = { B2: '1/22', Dc: '800', Nc: '4' } as const;
const EQUATION = { time: 'Eq. 14', data: 'Eq. 17', params: 'Eq. 21' } as const;

export function calibrateCommand(): Command {
  return new Command('calibrate')
    .argument('<dir>', 'a sweep directory (DIR/runs/<id>/) or one run directory')
    .description(
      "fit the extended model's constant (B², D_c or N_c) to the n_s = 1 runs in DIR by least squares on R_k/S, " +
        'with a bootstrap interval over seeds, and score its prediction of the n_s > 1 runs per skill (docs/calibration.md)',
    )
    .requiredOption('--resource <r>', RESOURCES.join(' | '))
    .option('--json', 'print the calibration as JSON')
    .action((dir: string, opts: { resource: string; json?: boolean }) => run(dir, opts));
}

async function run(dir: string, opts: { resource: string; json?: boolean }): Promise<void> {
  const resource = parseInput(oneOf(RESOURCES), opts.resource, '--resource');
  const { runs, ingested } = await readRuns(dir);
  for (const { path, reason } of ingested.skipped)
    process.stderr.write(`warning: skipped ${path}: ${reason}\n`);
  const completed = runs.filter((r) => r.status === 'completed');
  if (!completed.some((r) => r.config.task.skills === 1)) {
    throw new UsageError(
      `${dir} holds no completed n_s = 1 runs (task.skills = 1) to calibrate ${resource} on`,
    );
  }
  const result = calibrate(completed, resource);
  const left = runs.length - completed.length;
  if (left > 0)
    result.notes.unshift(`${left} runs not completed (running, interrupted or diverged) left out`);
  if (opts.json) printJson(result);
  else process.stdout.write(`${describeCalibration(result)}\n`);
}

/** The calibration as text: the constant with its interval beside the paper's, dead runs, the agreement table. */
export function describeCalibration(c: Calibration): string {
  const name = NAMES[c.constant];
  const lines = [
    `${name} (${c.resource}, ${EQUATION[c.resource]}) = ${constant(c, c.fit)}; the paper: ${PAPER[c.constant]} = ${digits(c.paper)}`,
    `fitted on ${c.fit.runs} n_s = 1 runs (${c.fit.seeds} seeds, ${c.fit.points} points), least squares on R_k/S`,
  ];
  if (c.alternative) {
    lines.push(
      `with the dead runs in: ${name} = ${constant(c, c.alternative)} (${c.alternative.runs} runs); the default leaves them out`,
    );
  }
  if (c.dead) {
    lines.push('', 'runs whose every ReLU died (R_k/S = 0 for every skill at the end), per width:');
    const rows = (set: 'calibration' | 'prediction') =>
      c.dead![set].map((d) => [
        set === 'calibration' ? 1 : (c.prediction?.skills ?? '>1'),
        d.x,
        `${d.dead}/${d.runs}`,
      ]);
    lines.push(formatTable(['n_s', 'width', 'dead'], [...rows('calibration'), ...rows('prediction')]));
  }
  const p = c.prediction;
  if (p) {
    lines.push(
      '',
      `predicted: ${p.runs} n_s = ${p.skills} runs (${p.seeds} seeds); t₅₀ = the ${c.unit} where R_k/S first reaches ½`,
      formatTable(
        ['k', 't50 model', 't50 measured', 'reached', 'RMS R/S'],
        p.table.map((s) => [
          s.k,
          digits(s.predicted),
          s.measured.mean === null
            ? '-'
            : `${digits(s.measured.mean)} ± ${s.measured.std === null ? '-' : digits(s.measured.std)}`,
          `${s.measured.reached}/${s.measured.of}`,
          s.rms.toFixed(3),
        ]),
      ),
    );
  }
  for (const note of c.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}

function constant(c: Calibration, fit: ConstantFit): string {
  const interval = fit.interval
    ? ` [${digits(fit.interval.lo)}, ${digits(fit.interval.hi)}] (${Math.round(c.level * 100)} %, ${c.resamples} resamples of seeds)`
    : ' (no interval)';
  return `${digits(fit.value)}${interval}`;
}

function digits(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}
