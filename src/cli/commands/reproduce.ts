import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { invalid, UsageError } from '../../errors.ts';
import { describeCost, estimateCost, measureSpeeds } from '../../experiment/cost.ts';
import { estimateCoreHours, michaudScalingPlan } from '../../experiment/michaud-scaling.ts';
import {
  type NetworkFigureId,
  planRuns,
  reproductionPlan,
  type Scale,
} from '../../experiment/reproductions.ts';
import { type MichaudReproduction, reproduceMichaudScaling } from '../../lab/michaud.ts';
import { type NetworkReproduction, reproduceNetworkFigure } from '../../lab/network.ts';
import { FIGURE_IDS, type FigureId } from '../../plot/figures/figure.ts';
import { type ReproducedFigure, reproduce } from '../../plot/reproduce.ts';
import { parseBackend, runLabJob } from '../lab.ts';
import { num, printJson } from '../options.ts';
import { describeCalibration } from './calibrate.ts';

/** The figures that train networks: a resumable sweep in --out, then fits and the figure. */
const NETWORK_IDS = ['fig1', 'fig11', 'michaud-scaling'] as const;
type NetworkId = (typeof NETWORK_IDS)[number];

export function reproduceCommand(): Command {
  return new Command('reproduce')
    .description(
      "redraw the paper's figures: the theory figures from the closed forms, the network figures (fig1, fig11, " +
        'michaud-scaling) from a sweep of trained networks kept in --out (rerun to resume). Writes <fig>.svg, ' +
        '<fig>.png (2×) and <fig>.json (parameters, curves, fits, every run config) per figure',
    )
    .argument('<figures...>', `${FIGURE_IDS.join(' | ')} | all | ${NETWORK_IDS.join(' | ')}`)
    .option(
      '--out <dir>',
      'output folder, created if missing; network runs go to <dir>/runs/<id>/',
      'out/figures',
    )
    .option(
      '--quick',
      'network figures at quick scale, cut to minutes on 2 cores (the default; the figure says what was cut)',
    )
    .option('--full', "network figures at the paper's scale (prints the estimated core-hours first)")
    .option('--jobs <n>', 'cores for the network runs (local backend; default: all)', num)
    .option(
      '--backend <b>',
      'network runs on: local (this machine, the default) | bullmq (workers take them)',
    )
    .option(
      '--redis <url>',
      'the Redis of the bullmq backend: redis://host:port or redis://:PASSWORD@host:port',
    )
    .option('--json', 'print the written paths as JSON (the fits are in each figure’s JSON)')
    .addHelpText(
      'after',
      '\nExamples:\n  emergence reproduce fig2\n  emergence reproduce all --out figures/\n  emergence reproduce fig11 --quick --out lab/',
    )
    .action(reproduceFigures);
}

async function reproduceFigures(
  names: string[],
  opts: {
    out: string;
    quick?: boolean;
    full?: boolean;
    jobs?: unknown;
    backend?: string;
    redis?: string;
    json?: boolean;
  },
): Promise<void> {
  if (opts.quick && opts.full) throw new UsageError('--quick and --full exclude each other: give one');
  const scale: Scale = opts.full ? 'full' : 'quick';
  const backend = parseBackend(opts);
  const { theory, network } = splitNames(names);
  const written: ReproducedFigure<string>[] = await reproduce(theory, opts.out);
  for (const id of network) {
    if (scale === 'full') {
      await printCost(id, backend.name === 'local' ? (backend.jobs ?? availableParallelism()) : 1);
    }
    const result = await runLabJob<NetworkReproduction | MichaudReproduction>(opts.out, backend, (lab) =>
      id === 'michaud-scaling' ? reproduceMichaudScaling(scale, lab) : reproduceNetworkFigure(id, scale, lab),
    );
    if (!result.written) return;
    written.push(result.written);
    if (!opts.json && 'calibrations' in result && result.calibrations) {
      for (const c of Object.values(result.calibrations))
        process.stderr.write(`\n${describeCalibration(c)}\n`);
    }
    const failed = result.sweep.runs.filter((r) => r.status !== 'completed');
    if (failed.length > 0) {
      process.stderr.write(
        `${failed.length} runs did not complete (diverged or failed); the fits leave them out\n`,
      );
    }
  }
  if (opts.json) printJson(written);
  else for (const f of written) process.stdout.write(`${f.svg}\n${f.png}\n${f.json}\n`);
}

/** Theory figure ids (with `all` expanded) and network figure ids, validated, each once. */
function splitNames(names: readonly string[]): { theory: FigureId[]; network: NetworkId[] } {
  const theory = new Set<FigureId>();
  const network = new Set<NetworkId>();
  for (const name of names) {
    if (name === 'all') for (const id of FIGURE_IDS) theory.add(id);
    else if ((FIGURE_IDS as readonly string[]).includes(name)) theory.add(name as FigureId);
    else if ((NETWORK_IDS as readonly string[]).includes(name)) network.add(name as NetworkId);
    else throw invalid('figure', `one of ${[...FIGURE_IDS, 'all', ...NETWORK_IDS].join(', ')}`, name);
  }
  return { theory: [...theory], network: [...network] };
}

/** Prints what a full-scale network figure costs before it starts. */
async function printCost(id: NetworkId, cores: number): Promise<void> {
  if (id === 'michaud-scaling') {
    const plan = michaudScalingPlan('full');
    const hours = estimateCoreHours(plan).total;
    process.stderr.write(
      `michaud-scaling --full: ${plan.runs.length} runs, ≈ ${hours.toFixed(0)} core-hours, ≈ ${(hours / cores).toFixed(0)} h on ${cores} cores\n`,
    );
    return;
  }
  const plans = [reproductionPlan(id as NetworkFigureId, 'full')];
  if (id === 'fig1') plans.unshift(reproductionPlan('fig11', 'full'));
  const runs = planRuns(...plans);
  process.stderr.write(`${id} --full: measuring this machine's speed for each run shape…\n`);
  process.stderr.write(
    `${id} --full: ${describeCost(estimateCost(runs, await measureSpeeds(runs)), cores)}\n`,
  );
}
