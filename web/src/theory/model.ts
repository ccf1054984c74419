// Everything the theory explorer draws, computed from its parameters by the library's theory functions
// (src/theory): per-skill strengths against T, D and N, the loss against T, D, N and C with the power laws
// of Table 4, the compute frontier and the exponents of related models. Pure: no DOM.

import { integerLogGrid, logGrid } from '../../../src/plot/sampling.ts';
import { zipfProbs } from '../../../src/task/zipf.ts';
import { computeFrontierCurve } from '../../../src/theory/compute.ts';
import type { ModelConstants } from '../../../src/theory/constants.ts';
import { emergenceTime, saturationTime } from '../../../src/theory/emergence.ts';
import { dataEmergence, paramEmergence } from '../../../src/theory/extended.ts';
import {
  expectedDataLoss,
  expectedDataLossCurve,
  parameterLoss,
  skillStrengths,
  totalLossCurve,
  truncatedZipf,
} from '../../../src/theory/loss.ts';
import {
  computePrefactor,
  dataPrefactor,
  paramsPrefactor,
  scalingExponents,
  timePrefactor,
} from '../../../src/theory/prefactors.ts';
import { type RelatedModel, relatedModels } from '../../../src/theory/related.ts';
import type { TheoryParams } from './params.ts';

/** How many skills get their own R_k/S curve. */
export const SHOWN_SKILLS = 8;
/** Points per R_k/S curve: enough for smooth sigmoids (each costs a few skills). */
const POINTS = 60;
/** Points per loss curve: smooth on a log axis; each sums over up to n_s skills, so they set the redraw time. */
const LOSS_POINTS = 32;
/** Points of the compute frontier: each is a minimisation over N (computeFrontier). */
const FRONTIER_POINTS = 12;

/** The name of the compute frontier's curve. */
export const FRONTIER = 'compute frontier';

export interface Point {
  x: number;
  y: number;
}

/** A named curve; `dash` marks a guide (dotted: a power law, dashed: a limit). */
export interface Curve {
  name: string;
  points: Point[];
  dash?: 'dotted' | 'dashed';
}

/** One skill's R_k/S curve and where it crosses ½ (its label), if it does on the axis. */
export interface SkillCurve {
  k: number;
  points: Point[];
}

/** A loss panel: the model's loss, its power law (and other guides) and a marked value of the variable. */
export interface LossPanel {
  curves: Curve[];
  marker?: { x: number; label: string };
}

export interface ScalingLaw {
  exponent: number;
  prefactor: number;
}

export interface TheoryFigures {
  strengthTime: SkillCurve[];
  strengthData: SkillCurve[];
  strengthParams: SkillCurve[];
  lossTime: LossPanel;
  lossData: LossPanel;
  lossParams: LossPanel;
  lossCompute: LossPanel;
  /** Table 4 with this S, R(0), η·κ (n_s = ∞). */
  laws: Record<'time' | 'data' | 'params' | 'compute', ScalingLaw>;
  related: RelatedModel[];
}

/** The paper's constants type for these parameters: η·κ runs the dynamics (Eq. 14). */
function constants(p: TheoryParams): Partial<ModelConstants> {
  return { S: p.S, r0: p.r0, eta: p.eta, rateScale: p.kappa };
}

/** Per-skill curves over `xs` from a function giving every shown skill's R_k/S at x. */
function skillCurves(xs: number[], strengths: (x: number) => ArrayLike<number>, shown: number): SkillCurve[] {
  const rows = xs.map(strengths);
  return Array.from({ length: shown }, (_, k) => ({
    k: k + 1,
    points: xs.map((x, i) => ({ x, y: rows[i][k] })),
  }));
}

/** A power law A·x^{−e} drawn at the ends of a domain. */
function powerLaw(name: string, law: ScalingLaw, domain: [number, number]): Curve {
  return { name, dash: 'dotted', points: domain.map((x) => ({ x, y: law.prefactor * x ** -law.exponent })) };
}

const ends = (xs: number[]): [number, number] => [xs[0], xs[xs.length - 1]];

/** The four laws of Table 4 (n_s = ∞) with prefactors for these constants (Eqs. 321, Thm 5, Thm 1, Eq. 330). */
function scalingLaws(p: TheoryParams): TheoryFigures['laws'] {
  const c = constants(p);
  const e = scalingExponents(p.alpha);
  return {
    time: { exponent: e.time, prefactor: timePrefactor(p.alpha, c) },
    data: { exponent: e.data, prefactor: dataPrefactor(p.alpha, c) },
    params: { exponent: e.params, prefactor: paramsPrefactor(p.alpha, c) },
    compute: { exponent: e.compute, prefactor: computePrefactor(p.alpha, c).prefactor },
  };
}

/** Every curve of the explorer for one setting of the parameters. */
export function theoryFigures(p: TheoryParams): TheoryFigures {
  const c = constants(p);
  const shown = Math.min(p.skills, SHOWN_SKILLS);
  const probs = zipfProbs(p.skills, p.alpha);
  const laws = scalingLaws(p);
  // Time: from a tenth of skill 1's emergence to past the saturation of the last shown skill (Eq. 40);
  // the loss runs on until skill min(N, n_s) has emerged (at most 10⁸ times longer).
  const emerges = (k: number) => emergesAt(probs[k - 1], c);
  const lastLearned = Math.min(p.N, p.skills);
  const tStart = emerges(1) / 10;
  const timeGrid = logGrid(tStart, 4 * emerges(shown), POINTS);
  const lossTimes = logGrid(tStart, Math.min(3 * emerges(lastLearned), tStart * 1e8), LOSS_POINTS);
  const shownModel = { ...truncatedZipf(p.alpha, p.skills, shown), ...c };
  const shownN = Math.min(p.N, shown);
  const basisModel = { probs, N: lastLearned, ...c };
  const floor = expectedDataLoss(p.D, { probs, N: lastLearned, S: p.S, r0: p.r0 }); // Eq. 274

  // Data: the D_c-shot learner's d_k = D·P_s(k) reaches D_c from D = D_c/P_s(1) to D_c/P_s(shown).
  const dataGrid = logGrid(p.Dc / probs[0] / 10, (3 * p.Dc) / probs[shown - 1], POINTS);
  const lossData = integerLogGrid(1, Math.max(100 * p.D, 1000), LOSS_POINTS);
  // Parameters: Eq. 21 fills N_c basis functions per skill, so the shown skills need N up to shown·N_c.
  const paramGrid = Array.from({ length: POINTS }, (_, i) => ((shown + 1) * p.Nc * i) / (POINTS - 1));
  const lossParams = integerLogGrid(1, p.skills, LOSS_POINTS);
  // Compute C = T·N: from the first emergence at N = 1 to skill n_s's at N = n_s (at most 10⁹ times more).
  const cStart = tStart;
  const computes = logGrid(cStart, Math.min(emerges(p.skills) * p.skills, cStart * 1e9), LOSS_POINTS);
  // Learning curves at T = C/N for a few widths below n_s (Fig. 3): each point sums over N skills.
  const widths = [10, 100, 1000].filter((w) => w < p.skills);
  const frontier = computeFrontierCurve(logGrid(...ends(computes), FRONTIER_POINTS), {
    alpha: p.alpha,
    skills: p.skills,
    ...c,
  });

  return {
    strengthTime: skillCurves(timeGrid, (T) => skillStrengths(T, { ...shownModel, N: shownN }), shown), // Eq. 14
    strengthData: skillCurves(dataGrid, (D) => dataEmergence(D, probs.subarray(0, shown), p.Dc), shown), // Eq. 17
    strengthParams: skillCurves(paramGrid, (N) => paramEmergence(N, shown, p.Nc), shown), // Eq. 21
    lossTime: {
      curves: [
        { name: 'L(T), Eq. 12', points: zip(lossTimes, totalLossCurve(lossTimes, basisModel)) },
        powerLaw('A_T·T^−α/(α+1)', laws.time, ends(lossTimes)),
        {
          name: `T → ∞ with D = ${p.D} (Eq. 274)`,
          dash: 'dashed',
          points: ends(lossTimes).map((x) => ({ x, y: floor })),
        },
      ],
    },
    lossData: {
      curves: [
        {
          name: 'E_D[L], Eq. 274',
          points: zip(lossData, expectedDataLossCurve(lossData, { probs, N: lastLearned, S: p.S, r0: p.r0 })),
        },
        powerLaw('A_D·D^−α/(α+1)', laws.data, ends(lossData)),
      ],
      marker: { x: p.D, label: `D = ${p.D}` },
    },
    lossParams: {
      curves: [
        {
          name: 'L(N), Eq. 325',
          points: lossParams.map((N) => ({ x: N, y: parameterLoss(N, { probs, S: p.S }) })),
        },
        powerLaw('A_N·N^−α', laws.params, ends(lossParams)),
      ],
      marker: { x: Math.min(p.N, p.skills), label: `N = ${p.N}` },
    },
    lossCompute: {
      curves: [
        ...widths.map((N) => ({
          name: `N = ${N}`,
          points: zip(
            computes,
            totalLossCurve(
              computes.map((C) => C / N),
              { probs, N, ...c },
            ),
          ),
        })),
        { name: FRONTIER, points: frontier.map((f) => ({ x: f.T * f.N, y: f.loss })) },
        powerLaw('A_c·C^−α/(α+2)', laws.compute, ends(computes)),
      ],
    },
    laws,
    related: relatedModels(p.alpha),
  };
}

/**
 * When a skill of frequency q reaches R_k/S = ½ (Eq. 40), or, when R(0) starts it past ½, the time it takes to
 * go from 0.05 to 0.95: a positive time scale either way, for the axes.
 */
function emergesAt(q: number, c: Partial<ModelConstants>): number {
  return Math.max(emergenceTime(q, 0.5, c), saturationTime(q, 0.05, c));
}

function zip(xs: number[], ys: ArrayLike<number>): Point[] {
  return xs.map((x, i) => ({ x, y: ys[i] }));
}
