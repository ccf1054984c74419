import { type PanelPlan, reproductionPlan, type Scale } from '../experiment/reproductions.ts';
import type { Calibration } from '../fit/calibration.ts';
import { emergenceFigure } from '../plot/figures/emergence.ts';
import { type ReproducedFigure, writeFigure } from '../plot/reproduce.ts';
import { timeBands, trainingSeconds } from '../results/aggregate.ts';
import { readRuns } from '../results/runs.ts';
import type { PlannedRun, SweepResult } from '../sweep/plan.ts';
import { calibrateRuns, fittedConstant } from './calibration.ts';
import type { LabOptions } from './network.ts';

/** The main job's result: the sweep, the figure's files and the time calibration (null if stopped early). */
export interface EmergenceReproduction {
  sweep: SweepResult;
  written: ReproducedFigure<'emergence'> | null;
  calibration: Calibration | null;
  /** Every run trained: the n_s = 1 runs, then the n_s = 5 runs. */
  runs: PlannedRun[];
  /** Their training seconds, evaluation excluded, summed over runs and resumes (0 if stopped early). */
  trainingSeconds: number;
}

/** The time panels of Fig. 11 (n_s = 1, calibration) and Fig. 1 (n_s = 5, prediction) at `scale`. */
export function timePanels(scale: Scale): TimePanels {
  const timePanel = (id: 'fig1' | 'fig11') => {
    const panel = reproductionPlan(id, scale).panels.find((p) => p.resource === 'time');
    if (!panel) throw new Error(`${id} has no time panel`);
    return panel;
  };
  return { calibration: timePanel('fig11'), prediction: timePanel('fig1') };
}

/** The runs B² is fitted on (n_s = 1) and the runs it predicts. */
export interface TimePanels {
  calibration: PanelPlan;
  prediction: PanelPlan;
}

/**
 * The paper's claim end to end in time (§5, Fig. 11(a) → Fig. 1(a)): trains the n_s = 1 and the n_s > 1 time
 * runs (`timePanels(scale)`, or a plan of one's own), fits B² on the first with a bootstrap interval, predicts
 * the second, and draws both against Eq. 14 into `figures` (emergence.svg/png/json). Rerunning resumes the
 * sweep in `out`.
 */
export async function reproduceTimeEmergence(
  { calibration: calibrationPanel, prediction: predictionPanel }: TimePanels,
  { out, run }: LabOptions,
  figures: string,
): Promise<EmergenceReproduction> {
  const runs = [...calibrationPanel.runs, ...predictionPanel.runs];
  const sweep = await run(runs);
  if (sweep.runs.some((r) => r.status === 'interrupted'))
    return { sweep, written: null, calibration: null, runs, trainingSeconds: 0 };
  const ids = (panel: PanelPlan) => panel.runs.map((r) => r.id);
  const allIds = runs.map((r) => r.id);
  const calibration = calibrateRuns((await readRuns(out)).runs, allIds, 'time');
  const group = async (panel: PanelPlan) =>
    (await timeBands(out, ids(panel)))[0] ?? { runIds: [], stats: [] };
  const full = calibrationPanel.cut === null && predictionPanel.cut === null;
  const cuts = [calibrationPanel, predictionPanel].map((p, i) => `(${'ab'[i]}) ${p.cut ?? 'as the paper'}`);
  const figure = emergenceFigure({
    calibration: { panel: calibrationPanel, group: await group(calibrationPanel) },
    prediction: { panel: predictionPanel, group: await group(predictionPanel) },
    B2: fittedConstant(calibration),
    cut: full ? null : `quick scale: ${cuts.join('; ')}`,
    agreement: calibration,
  });
  const written = await writeFigure(figure, figures);
  return {
    sweep,
    written,
    calibration,
    runs,
    trainingSeconds: await trainingSeconds(out, allIds),
  };
}
