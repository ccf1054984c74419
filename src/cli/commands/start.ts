import { join } from 'node:path';
import { Command } from 'commander';
import { reproduceTimeEmergence, timePanels } from '../../lab/emergence.ts';
import { FIGURE_IDS } from '../../plot/figures/figure.ts';
import { type ReproducedFigure, reproduce } from '../../plot/reproduce.ts';
import { escapeHtml, htmlTable, type ReportSection, writeReport } from '../../report/html.ts';
import {
  allocBatch,
  batchLabels,
  createTask,
  inputString,
  sampleBatch,
  seededStream,
} from '../../task/index.ts';
import { DEFAULT_CONSTANTS } from '../../theory/constants.ts';
import { scalingPrefactors } from '../../theory/prefactors.ts';
import { type Backend, parseBackend, runLabJob } from '../lab.ts';
import { formatTable, num, seedFromOptions } from '../options.ts';
import { describeCalibration } from './calibrate.ts';
import { taskTable } from './task.ts';

/** `npm start`: the main job on embedded defaults, no server needed. */
export function startCommand(): Command {
  return new Command('start')
    .description(
      "the main job: the paper's task and a sample, the scaling-law constants, every theory figure, and two-layer " +
        'networks whose skills emerge where the model calibrated on one skill predicts (Fig. 11(a) → Fig. 1(a), quick ' +
        'scale), with an HTML report in --out',
    )
    .option('--seed <n>', 'seed for the masks and samples (default 0)', num)
    .option('--out <dir>', 'output folder; the network runs are kept in <dir>/runs/<id>/', 'out')
    .option('--theory-only', 'skip the network runs: the theory figures and the report in seconds')
    .option('--jobs <n>', 'cores for the network runs (default: all)', num)
    .action(async (opts) =>
      start(
        seedFromOptions(opts),
        String(opts.out),
        Boolean(opts.theoryOnly),
        parseBackend({ jobs: opts.jobs }),
      ),
    );
}

async function start(seed: number, out: string, theoryOnly: boolean, backend: Backend): Promise<void> {
  const began = performance.now();
  const say = (line = '') => process.stdout.write(`${line}\n`);
  const task = createTask({}, seed);
  say("Multitask sparse parity, the paper's NN setting (Nam et al. 2024, K.1)");
  say(taskTable(task));
  const batch = allocBatch(task, 8);
  sampleBatch(task, seededStream(seed, 'data'), batch);
  const y = batchLabels(task, batch);
  const samples = Array.from({ length: batch.size }, (_, i) => [
    batch.skill[i] + 1,
    inputString(task, batch, i),
    y[i],
  ]);
  say(
    '\nEight samples (x = control bits | task bits; y = +S for even parity of the skill bits, −S for odd):',
  );
  say(formatTable(['skill', 'x', 'y'], samples));

  const header = [
    'α',
    'time α/(α+1)',
    'A_T',
    'data α/(α+1)',
    'A_D',
    'params α',
    'A_N',
    'compute α/(α+2)',
    'A_c',
  ];
  const rows = [0.3, 0.6, 0.9].map((alpha) => {
    const { exponents: e, prefactors: p } = scalingPrefactors(alpha);
    const f = (v: number) => v.toFixed(4);
    return [
      alpha,
      f(e.time),
      f(p.time),
      f(e.data),
      f(p.data),
      f(e.params),
      f(p.params),
      f(e.compute),
      f(p.compute),
    ];
  });
  const { S, r0, eta } = DEFAULT_CONSTANTS;
  say(
    `\nScaling laws L ≈ A·x^−exponent of the multilinear model (n_s → ∞, S = ${S}, R(0) = ${r0}, η = ${eta}):`,
  );
  say(formatTable(header, rows));

  say(`\nRendering the theory figures into ${join(out, 'figures')} …`);
  const figures: ReproducedFigure<string>[] = await reproduce(FIGURE_IDS, join(out, 'figures'));
  const sections: ReportSection[] = [
    { title: 'The task', html: `<pre>${escapeHtml(taskTable(task))}</pre>` },
    {
      title: 'Scaling-law exponents and prefactors (computed, not hard-coded)',
      html: htmlTable(header, rows),
    },
  ];
  if (!theoryOnly) {
    const emergence = await timeEmergence(out, backend, say);
    if (!emergence) return;
    figures.unshift(emergence.figure);
    sections.push(emergence.section);
  }
  const seconds = (performance.now() - began) / 1000;
  sections.push({
    title: 'Time taken',
    html: `<p>${escapeHtml(`${seconds.toFixed(1)} s (this invocation)`)}</p>`,
  });
  const report = await writeReport(
    out,
    'emergence-lab: the exactly solvable model of emergence (Nam et al., NeurIPS 2024)',
    sections,
    figures,
  );
  for (const f of figures) say(`  ${f.png}`);
  say(`\nReport: ${report} (${seconds.toFixed(1)} s)`);
}

/**
 * The claim end to end (Fig. 11(a) → Fig. 1(a)) at quick scale: B² fitted on one-skill networks predicts when
 * five skills emerge. Its runs stay in out/runs, so a second start only redraws. Null when a signal stopped it.
 */
async function timeEmergence(
  out: string,
  backend: Backend,
  say: (line?: string) => void,
): Promise<{ figure: ReproducedFigure<string>; section: ReportSection } | null> {
  say(
    '\nTraining two-layer networks: B² fitted on n_s = 1 (Fig. 11(a)), five skills predicted (Fig. 1(a)) …',
  );
  const result = await runLabJob(out, backend, (lab) =>
    reproduceTimeEmergence(timePanels('quick'), lab, join(out, 'figures')),
  );
  const { written, calibration, runs, trainingSeconds } = result;
  if (!written || !calibration) return null;
  const text = describeCalibration(calibration);
  say(`\n${text}`);
  const html = [
    `<pre>${escapeHtml(text)}</pre>`,
    `<details><summary>The ${runs.length} run configs (run id → resolved config)</summary><pre>${escapeHtml(
      JSON.stringify(Object.fromEntries(runs.map((r) => [r.id, r.config])), null, 1),
    )}</pre></details>`,
  ].join('\n');
  const training = `${runs.length} runs trained for ${trainingSeconds.toFixed(0)} s of CPU in all (evaluation excluded, summed over runs and resumes)`;
  say(training);
  return {
    figure: written,
    section: {
      title: 'Time emergence, network against the calibrated model',
      html: `${html}\n<p>${escapeHtml(training)}</p>`,
    },
  };
}
