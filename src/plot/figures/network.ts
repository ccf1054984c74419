import { runTheory } from '../../experiment/prediction.ts';
import {
  type PanelPlan,
  planRuns,
  type ReproductionPlan,
  type Resource,
} from '../../experiment/reproductions.ts';
import type { FinalGroup, PanelAggregates, SeedStat, TimeGroup } from '../../results/aggregate.ts';
import { skillProbs } from '../../task/task.ts';
import { dataEmergence, extendedTimeStrength, FITTED, paramShotStrength } from '../../theory/extended.ts';
import { panels } from '../compose.ts';
import { significant } from '../guides.ts';
import {
  type AxisOptions,
  type BandPoint,
  type LineChartOptions,
  lineChart,
  type Series,
} from '../lineChart.ts';
import { linearGrid, logGrid } from '../sampling.ts';
import { type Dash, PALETTE } from '../theme.ts';
import { type Figure, panelData, titleParts } from './figure.ts';

// The network figures (Fig. 1, Fig. 11): per resource, the two-layer network's R_k/S, mean ± 1 std over
// seeds (dashed, shaded), against the extended model of §5 with one constant per resource: B² (Eq. 14),
// D_c (Eq. 17), N_c (Eq. 21), as fitted on the n_s = 1 runs (solid) and as the paper fitted them (dotted).

/** A constant fitted on the n_s = 1 runs, with its interval (a bootstrap over seeds); null: none. */
export interface FittedConstant {
  value: number;
  interval: readonly [number, number] | null;
}

/** The three calibration constants: B² (time, Eq. 14), D_c (data, Eq. 17), N_c (parameters, Eq. 21). */
export interface NetworkConstants {
  B2: FittedConstant;
  Dc: FittedConstant;
  Nc: FittedConstant;
}

/** The paper's fits (Fig. 11): 1/22, 800, 4. */
export const PAPER_CONSTANTS = { B2: FITTED.rateScale, Dc: FITTED.Dc, Nc: FITTED.Nc } as const;

/** The store's aggregates of a plan's runs (src/results/aggregate.ts `aggregatePanels`). */
export type NetworkAggregates = PanelAggregates;

/** What a network figure is drawn from; `agreement` (the calibration's table) is stored in the JSON as given. */
export interface NetworkFigureInput {
  plan: ReproductionPlan;
  aggregates: NetworkAggregates;
  /** The constants fitted on the n_s = 1 runs: the model's solid curves. */
  constants: NetworkConstants;
  agreement?: unknown;
}

/** Each panel's x axis: its scale and the paper's range. */
export type NetworkAxes = Record<Resource, Pick<AxisOptions, 'scale' | 'domain'>>;

/** Per-width count of the runs that ended with every ReLU dead (R_k = 0 exactly for every skill). */
export interface DeadRuns {
  width: number;
  runs: number;
  dead: number;
  fraction: number;
}

const X_TITLE: Record<Resource, string> = { time: 'T (steps)', data: 'D', params: 'N (hidden width)' };
const PANEL_TITLE: Record<Resource, string> = {
  time: '(a) time',
  data: '(b) data',
  params: '(c) parameters',
};
const Y: AxisOptions = {
  title: 'Rₖ/S',
  scale: 'linear',
  domain: [0, 1.05],
  ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
};
const KEY = '#333333';
const DEAD_COLOR = '#7f7f7f';
const MODEL_POINTS = 241;

/** The three panels of Fig. 1 or Fig. 11 from the store's aggregates of `input.plan`'s runs. */
export function networkFigure<Id extends string>(
  id: Id,
  title: string,
  axes: NetworkAxes,
  input: NetworkFigureInput,
): Figure<Id> {
  const { plan, aggregates, constants } = input;
  const panelOf = (resource: Resource) => {
    const panel = plan.panels.find((p) => p.resource === resource);
    if (!panel || panel.runs.length === 0) throw new Error(`${id}: the plan has no ${resource} runs`);
    return panel;
  };
  const dead = deadRuns(aggregates.params);
  const charts: LineChartOptions[] = [
    timePanel(panelOf('time'), aggregates.time, constants.B2, axes.time),
    finalPanel(panelOf('data'), aggregates.data, constants.Dc, axes.data, []),
    finalPanel(panelOf('params'), aggregates.params, constants.Nc, axes.params, dead),
  ];
  const params = panelOf('params').runs[0].config;
  const { text, subtitle: caption } = titleParts(title);
  const subtitle = [
    'network: mean ± 1 std over seeds (dashed, shaded); extended model with the constants fitted on the n_s = 1 runs (solid) and the paper’s (dotted)',
    ...(plan.cut === null ? [] : wrap(plan.cut, 150)),
  ];
  return {
    id,
    title,
    params: {
      scale: plan.scale,
      cut: plan.cut,
      constants: { fitted: constants, paper: PAPER_CONSTANTS },
      equations: ['Eq. 14', 'Eq. 17', 'Eq. 21'],
      panels: plan.panels.map(({ resource, preset, set, field, grid, seeds }) => ({
        resource,
        preset,
        set,
        field,
        grid,
        seeds,
      })),
      chosen: {
        parameters: `Adam lr ${params.optimizer.lr}, init ${params.model.initStd}, weight decay ${params.optimizer.weightDecay}: the authors’ plotting script (preset ${panelOf('params').preset}); the paper’s text says Adam lr 10⁻³, weight decay 5·10⁻⁵, and train_parameter.py lr 0.01, init 0.01, weight decay 5·10⁻⁴`,
      },
      notes: [
        'Dead runs: a parameter run whose R_k is exactly 0 for every skill at its end (every ReLU dead, the output a constant). Panel (c) shows the mean over all runs (dashed, with the band) and over the others (dash-dot), and the fraction of runs that died.',
      ],
    },
    data: {
      panels: charts.map(panelData),
      aggregates,
      dead,
      agreement: input.agreement ?? null,
      runs: planRuns(plan),
    },
    spec: panels(charts.map(lineChart), { text, subtitle: [...(caption ? [caption] : []), ...subtitle] }),
  };
}

/** Dead-run counts per width of the parameter panel. */
export function deadRuns(groups: readonly FinalGroup[]): DeadRuns[] {
  return groups.map((g) => ({
    width: g.x,
    runs: g.runIds.length,
    dead: g.dead,
    fraction: g.dead / g.runIds.length,
  }));
}

export function timePanel(
  panel: PanelPlan,
  group: TimeGroup,
  B2: FittedConstant,
  axis: NetworkAxes['time'],
  title = PANEL_TITLE.time,
): LineChartOptions {
  const config = panel.runs[0].config;
  const curve = (rateScale: number) => {
    const { S, r0, eta, probs } = runTheory(config, { B2: rateScale });
    return (k: number, T: number) => extendedTimeStrength(T, probs[k - 1], { S, r0, eta, rateScale }); // Eq. 14
  };
  return chart('time', axis, config.task.skills, title, {
    network: (k) => group.stats.filter((s) => s.skill === k),
    model: { fitted: curve(B2.value), paper: curve(PAPER_CONSTANTS.B2) },
    label: constantLabels('B²', B2, '1/22'),
    seeds: Math.max(0, ...group.stats.map((s) => s.runs)),
  });
}

function finalPanel(
  panel: PanelPlan,
  groups: readonly FinalGroup[],
  constant: FittedConstant,
  axis: NetworkAxes['data'],
  dead: DeadRuns[],
): LineChartOptions {
  const config = panel.runs[0].config;
  const data = panel.resource === 'data';
  const model = (c: number) =>
    data
      ? (k: number, D: number) => dataEmergence(D, skillProbs(config.task), c)[k - 1] // Eq. 17
      : (k: number, N: number) => paramShotStrength(k, N, c); // Eq. 21
  const pick = (which: 'all' | 'alive') => (k: number) =>
    groups.flatMap((g) => g[which].filter((s) => s.skill === k).map((s) => ({ x: g.x, ...s })));
  return chart(panel.resource, axis, config.task.skills, PANEL_TITLE[panel.resource], {
    network: pick('all'),
    ...(data ? {} : { alive: pick('alive') }),
    model: { fitted: model(constant.value), paper: model(data ? PAPER_CONSTANTS.Dc : PAPER_CONSTANTS.Nc) },
    label: data ? constantLabels('D_c', constant, '800') : constantLabels('N_c', constant, '4'),
    seeds: Math.max(0, ...groups.map((g) => g.runIds.length)),
    dead,
  });
}

interface PanelCurves {
  /** The network's mean ± std over seeds of skill k, by x. */
  network: (k: number) => ({ x: number } & SeedStat)[];
  /** The same without the dead runs (parameter panel). */
  alive?: (k: number) => ({ x: number } & SeedStat)[];
  model: { fitted: (k: number, x: number) => number; paper: (k: number, x: number) => number };
  label: { fitted: string; paper: string };
  seeds: number;
  dead?: DeadRuns[];
}

function chart(
  resource: Resource,
  axis: NetworkAxes['time'],
  skills: number,
  title: string,
  curves: PanelCurves,
): LineChartOptions {
  const [lo, hi] = axis.domain;
  const xs = axis.scale === 'log' ? logGrid(lo, hi, MODEL_POINTS) : linearGrid(lo, hi, MODEL_POINTS);
  const ks = Array.from({ length: skills }, (_, i) => i + 1);
  const color = (k: number) => PALETTE[(k - 1) % PALETTE.length];
  const line = (
    name: string,
    k: number,
    dash: Dash,
    points: Series['points'],
    more: Partial<Series> = {},
  ) => ({
    name,
    color: color(k),
    dash,
    points,
    legend: false,
    ...more,
  });
  const series: Series[] = ks.flatMap((k) => {
    const network = curves.network(k);
    const band: BandPoint[] = network.map((p) => ({
      x: p.x,
      lower: p.mean - (p.std ?? 0),
      upper: p.mean + (p.std ?? 0),
    }));
    return [
      line(
        `network, k = ${k}`,
        k,
        'dashed',
        network.map(({ x, mean }) => ({ x, y: mean })),
        { band },
      ),
      ...(curves.alive
        ? [
            line(
              `network without dead runs, k = ${k}`,
              k,
              'dashdot',
              curves.alive(k).map(({ x, mean }) => ({ x, y: mean })),
              { strokeWidth: 1.2 },
            ),
          ]
        : []),
      line(
        `k = ${k}`,
        k,
        'solid',
        xs.map((x) => ({ x, y: curves.model.fitted(k, x) })),
        { legend: true },
      ),
      line(
        `paper, k = ${k}`,
        k,
        'dotted',
        xs.map((x) => ({ x, y: curves.model.paper(k, x) })),
        { strokeWidth: 1.4 },
      ),
    ];
  });
  const key = (name: string, dash: Dash): Series => ({ name, color: KEY, dash, points: [] });
  const dead = curves.dead ?? [];
  return {
    title,
    x: { title: X_TITLE[resource], ...axis },
    y: Y,
    series: [
      ...series,
      key(`network, ${curves.seeds} seeds`, 'dashed'),
      ...(curves.alive ? [key('network without dead runs', 'dashdot')] : []),
      key(`model, ${curves.label.fitted}`, 'solid'),
      key(`model, paper’s ${curves.label.paper}`, 'dotted'),
      ...(dead.length > 0
        ? [
            {
              name: 'fraction of runs dead',
              color: DEAD_COLOR,
              mark: 'points' as const,
              points: dead.map((d) => ({ x: d.width, y: d.fraction })),
            },
          ]
        : []),
    ],
    notes: dead
      .filter((d) => d.dead > 0)
      .map((d) => ({
        x: d.width,
        // Beside its dot, below it at the top of the plot.
        y: d.fraction > 0.9 ? d.fraction - 0.05 : d.fraction + 0.04,
        text: ` ${d.dead}/${d.runs}`,
        align: 'left',
        color: DEAD_COLOR,
      })),
    width: 270,
    height: 220,
    legend: 'bottom',
    legendColumns: 1,
  };
}

/** "B² = 0.0471 [0.0432, 0.0513]" and "B² = 1/22". */
function constantLabels(name: string, c: FittedConstant, paper: string): { fitted: string; paper: string } {
  const interval = c.interval ? ` [${significant(c.interval[0])}, ${significant(c.interval[1])}]` : '';
  return { fitted: `fitted ${name} = ${significant(c.value)}${interval}`, paper: `${name} = ${paper}` };
}

/** Text broken at spaces into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return line === '' ? lines : [...lines, line];
}
