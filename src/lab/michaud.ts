import { analyseMichaudScaling, type MichaudScalingAnalysis } from '../experiment/michaud-analysis.ts';
import { type MichaudScale, michaudScalingPlan } from '../experiment/michaud-scaling.ts';
import { michaudScalingFigure } from '../plot/figures/michaud-scaling.ts';
import { type ReproducedFigure, writeFigure } from '../plot/reproduce.ts';
import type { SweepResult } from '../sweep/plan.ts';
import type { LabOptions } from './network.ts';

export interface MichaudReproduction {
  sweep: SweepResult;
  written: ReproducedFigure<'michaud-scaling'> | null;
  analysis: MichaudScalingAnalysis | null;
}

/**
 * Michaud et al.'s scaling of the network's loss with width, data and steps: trains the plan's three sweeps,
 * fits power laws with run-bootstrap intervals and a holdout score beside §4's exponents, and draws them
 * (docs/michaud-scaling.md). Rerunning resumes the sweep.
 */
export async function reproduceMichaudScaling(
  scale: MichaudScale,
  { out, run }: LabOptions,
): Promise<MichaudReproduction> {
  const plan = michaudScalingPlan(scale);
  const sweep = await run(plan.runs);
  if (sweep.runs.some((r) => r.status === 'interrupted')) return { sweep, written: null, analysis: null };
  const analysis = await analyseMichaudScaling(out, plan);
  const written = await writeFigure(michaudScalingFigure(analysis, plan), out);
  return { sweep, written, analysis };
}
