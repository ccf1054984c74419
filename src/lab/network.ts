import {
  type NetworkFigureId,
  planRuns,
  RESOURCES,
  type ReproductionPlan,
  type Resource,
  reproductionPlan,
  type Scale,
} from '../experiment/reproductions.ts';
import type { Calibration } from '../fit/calibration.ts';
import { fig1 } from '../plot/figures/fig1.ts';
import { fig11 } from '../plot/figures/fig11.ts';
import { type ReproducedFigure, writeFigure } from '../plot/reproduce.ts';
import { aggregatePanels } from '../results/aggregate.ts';
import { readRuns } from '../results/runs.ts';
import type { PlannedRun, SweepResult } from '../sweep/plan.ts';
import { calibrateRuns, fittedConstant } from './calibration.ts';

/** Trains a set of runs into the sweep directory: the local pool or a BullMQ queue, resuming what is there. */
export type RunPlanned = (runs: PlannedRun[]) => Promise<SweepResult>;

export interface LabOptions {
  /** The sweep directory: runs in out/runs/<id>/, the figure's files in out. */
  out: string;
  run: RunPlanned;
}

/** A network figure reproduced: its files (null when the sweep stopped early) and what it was built from. */
export interface NetworkReproduction {
  sweep: SweepResult;
  written: ReproducedFigure<string> | null;
  calibrations: Record<Resource, Calibration> | null;
}

/**
 * Fig. 1 or Fig. 11 from a network sweep (§5): trains the plan's runs (for Fig. 1 also Fig. 11's, on which
 * it is calibrated), fits B², D_c and N_c on the n_s = 1 runs with bootstrap intervals, predicts the n_s = 5
 * runs, and draws mean ± std bands over seeds against the calibrated model. Rerunning resumes the sweep.
 */
export async function reproduceNetworkFigure(
  id: NetworkFigureId,
  scale: Scale,
  { out, run }: LabOptions,
): Promise<NetworkReproduction> {
  const plan = reproductionPlan(id, scale);
  const calibrationPlan = id === 'fig1' ? reproductionPlan('fig11', scale) : plan;
  const sweep = await run(planRuns(calibrationPlan, plan));
  if (sweep.runs.some((r) => r.status === 'interrupted')) return { sweep, written: null, calibrations: null };
  // Read once for the three calibrations (the store brings itself up to date with the run files first).
  const { runs: stored } = await readRuns(out);
  const calibrations = {} as Record<Resource, Calibration>;
  for (const resource of RESOURCES) {
    const ids = [calibrationPlan, plan].flatMap((p) => panelIds(p, resource));
    calibrations[resource] = calibrateRuns(stored, ids, resource);
  }
  const input = {
    plan,
    aggregates: await aggregatePanels(out, plan.panels),
    constants: {
      B2: fittedConstant(calibrations.time),
      Dc: fittedConstant(calibrations.data),
      Nc: fittedConstant(calibrations.params),
    },
    agreement: calibrations,
  };
  const written = await writeFigure(id === 'fig1' ? fig1(input) : fig11(input), out);
  return { sweep, written, calibrations };
}

/** The ids of a plan's runs for one resource. */
function panelIds(plan: ReproductionPlan, resource: Resource): string[] {
  return plan.panels.filter((p) => p.resource === resource).flatMap((p) => p.runs.map((r) => r.id));
}
