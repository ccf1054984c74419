// The network runs behind the paper's Fig. 1 (n_s = 5) and Fig. 11 (the n_s = 1 calibration), panel by
// panel (time, data, parameters), at the paper's scale (`full`) or cut to minutes on two cores (`quick`).
// Which settings each panel uses and what `quick` cuts, with the measurements that sized it, are in
// docs/reproductions.md.

import { invalid } from '../errors.ts';
import { type PlannedRun, planRun } from '../sweep/plan.ts';
import { parseRunConfig } from './config.ts';
import { mergeRunConfig, preset } from './presets.ts';

export const NETWORK_FIGURES = ['fig1', 'fig11'] as const;
export type NetworkFigureId = (typeof NETWORK_FIGURES)[number];

export const SCALES = ['quick', 'full'] as const;
export type Scale = (typeof SCALES)[number];

/** The resource a panel varies: (a) training steps, (b) training-set size D, (c) hidden width N. */
export const RESOURCES = ['time', 'data', 'params'] as const;
export type Resource = (typeof RESOURCES)[number];

/** The config field a panel sweeps, for the data and parameter panels. */
export type SweptField = 'data.D' | 'model.width';

/** How many runs a panel has and how long each is, at one scale. */
interface PanelScale {
  seeds: number;
  /** The values of the swept field (data and parameter panels). */
  grid?: readonly number[];
  /** The run length, over the preset's; absent: the preset's. */
  length?: { steps: number } | { epochs: number };
  /** Evaluate every this many steps, over the preset's. */
  every?: number;
}

interface PanelSpec {
  resource: Resource;
  preset: string;
  /** Settings every run of the panel shares, over the preset's. */
  set: Record<string, unknown>;
  field?: SweptField;
  full: PanelScale;
  quick: PanelScale;
  /** The paper's run length in words (the preset's, or the one set above). */
  paperLength: string;
}

/** One panel's runs: every seed at every grid value, resolved and named by run id. */
export interface PanelPlan {
  resource: Resource;
  /** The preset the runs start from, and what every run sets over it. */
  preset: string;
  set: Record<string, unknown>;
  field: SweptField | null;
  grid: number[];
  seeds: number[];
  runs: PlannedRun[];
  /** What `quick` cut from this panel, in words; null at full scale. */
  cut: string | null;
}

export interface ReproductionPlan {
  figure: NetworkFigureId;
  scale: Scale;
  /** Panels (a) time, (b) data, (c) parameters. */
  panels: PanelPlan[];
  /** What `quick` cut from the paper's scale, in words (it goes on the figure); null at full scale. */
  cut: string | null;
}

const seedList = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** Fig. 1(b)'s training-set sizes (the authors' plotting script, §5.5). */
const FIG1_D = [...range(500, 10_000, 500), ...range(11_000, 15_000, 1000), 20_000, 25_000, 30_000, 35_000];

/**
 * The panels of each figure. Full: the paper's (10 seeds, 50 for widths; the presets' lengths, Fig. 11(b)'s
 * 30,000 epochs). Quick: sized on measured steps/s so that Fig. 11 takes ≤ 5 minutes on two cores and Fig. 1
 * (its own runs plus Fig. 11's, on which it is calibrated) ≤ 10 minutes (docs/reproductions.md).
 */
const SPECS: Record<NetworkFigureId, PanelSpec[]> = {
  fig11: [
    {
      resource: 'time',
      preset: 'fig11a',
      set: {},
      full: { seeds: 10 },
      quick: { seeds: 4 },
      paperLength: '2450 steps',
    },
    {
      resource: 'data',
      preset: 'fig11b',
      set: {},
      field: 'data.D',
      full: { seeds: 10, grid: range(100, 2000, 100) },
      quick: {
        seeds: 3,
        grid: [100, 200, 400, 600, 800, 1000, 1400, 2000],
        length: { steps: 2500 },
        every: 250,
      },
      paperLength: '30,000 epochs',
    },
    {
      resource: 'params',
      preset: 'fig11c',
      set: {},
      field: 'model.width',
      full: { seeds: 50, grid: range(1, 12, 1) },
      quick: { seeds: 5, grid: range(1, 12, 1), length: { steps: 4000 }, every: 400 },
      paperLength: '5·10⁵ steps',
    },
  ],
  fig1: [
    {
      resource: 'time',
      preset: 'fig1a',
      set: {},
      full: { seeds: 10 },
      quick: { seeds: 2, length: { steps: 20_000 }, every: 100 },
      paperLength: '3·10⁴ steps',
    },
    {
      resource: 'data',
      preset: 'fig1b',
      set: {},
      field: 'data.D',
      full: { seeds: 10, grid: FIG1_D },
      quick: { seeds: 2, grid: [500, 2000, 8000, 35_000], length: { steps: 4000 }, every: 500 },
      paperLength: '10⁵ epochs',
    },
    {
      resource: 'params',
      preset: 'fig1c',
      set: {},
      field: 'model.width',
      full: { seeds: 50, grid: range(1, 20, 1) },
      quick: {
        seeds: 3,
        grid: [1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 20],
        length: { steps: 3000 },
        every: 300,
      },
      paperLength: '5·10⁵ steps',
    },
  ],
};

/** The runs of Fig. 1 or Fig. 11 at `scale`, panel by panel, each with its resolved config and run id. */
export function reproductionPlan(figure: NetworkFigureId, scale: Scale): ReproductionPlan {
  if (!NETWORK_FIGURES.includes(figure)) throw invalid('figure', NETWORK_FIGURES.join(' or '), figure);
  if (!SCALES.includes(scale)) throw invalid('scale', SCALES.join(' or '), scale);
  const specs = SPECS[figure];
  return {
    figure,
    scale,
    panels: specs.map((spec) => panelPlan(spec, scale)),
    cut:
      scale === 'full'
        ? null
        : `quick scale: ${specs.map((spec, i) => `(${'abc'[i]}) ${panelCut(spec)}`).join('; ')}`,
  };
}

/** Every run of the plans, each once (a run two panels or two figures share is planned once). */
export function planRuns(...plans: ReproductionPlan[]): PlannedRun[] {
  const byId = new Map(
    plans.flatMap((plan) => plan.panels.flatMap((p) => p.runs.map((r) => [r.id, r] as const))),
  );
  return [...byId.values()];
}

function panelPlan(spec: PanelSpec, at: Scale): PanelPlan {
  const scale = spec[at];
  const seeds = seedList(scale.seeds);
  const grid = [...(scale.grid ?? [])];
  const values: (number | null)[] = spec.field ? grid : [null];
  const over = {
    ...(scale.length ?? {}),
    ...(scale.every === undefined ? {} : { evaluation: { every: scale.every } }),
  };
  const runs = values.flatMap((x) =>
    seeds.map((seed) =>
      planRun(
        parseRunConfig(
          mergeRunConfig(preset(spec.preset), spec.set, over, x === null ? {} : setField(spec.field!, x), {
            seed,
          }),
        ),
      ),
    ),
  );
  return {
    resource: spec.resource,
    preset: spec.preset,
    set: spec.set,
    field: spec.field ?? null,
    grid,
    seeds,
    runs,
    cut: at === 'full' ? null : panelCut(spec),
  };
}

function setField(field: SweptField, x: number): Record<string, unknown> {
  const [outer, inner] = field.split('.');
  return { [outer]: { [inner]: x } };
}

/** What `quick` cuts from one panel: "8 of 20 D values, 3 of 10 seeds, 2500 steps (paper: 30,000 epochs)". */
function panelCut(spec: PanelSpec): string {
  const { full, quick } = spec;
  const cuts: string[] = [];
  const name = spec.field === 'data.D' ? 'D values' : 'widths';
  const fullGrid = full.grid?.length ?? 0;
  const quickGrid = quick.grid?.length ?? 0;
  if (quickGrid < fullGrid) cuts.push(`${quickGrid} of ${fullGrid} ${name}`);
  if (quick.seeds < full.seeds) cuts.push(`${quick.seeds} of ${full.seeds} seeds`);
  if (quick.length && quick.length !== full.length) {
    const steps = 'steps' in quick.length ? `${quick.length.steps} steps` : `${quick.length.epochs} epochs`;
    cuts.push(`${steps} (paper: ${spec.paperLength})`);
  }
  if (spec.resource === 'time' && quick.every !== undefined) {
    const paperEvery = (preset(spec.preset).evaluation as { every: number }).every;
    if (quick.every > paperEvery) cuts.push(`R_k every ${quick.every} steps (paper: ${paperEvery})`);
  }
  return cuts.length > 0 ? cuts.join(', ') : 'as the paper';
}
