// The compute-optimal frontier L*(C) = min_N L(T = C/N, N) of the multilinear model (§4.4, Fig. 3).
//
// ## Notes
// L is Eq. 12 with D → ∞ (`totalLoss`). For fixed C it falls with N while T = C/N is long enough to learn
// the added skills and rises once it is not; at small C it can fall again towards N = maxN (see below).
// The search scans a log grid (8 points per decade) past the first minimum, compares N = maxN, and refines
// by integer golden section between the best point's neighbours; a brute-force scan over every N agrees
// in the tests. A trial costs O(N): the model is the first N Zipf probabilities (a
// subarray, no copy) plus the exact mass of the rest.

import { z } from 'zod';
import { integer, parseInput, positive } from '../config.ts';
import { invalid } from '../errors.ts';
import { checkInitialStrength, type ModelConstants, modelConstantsShape } from './constants.ts';
import { totalLoss, truncatedZipf } from './loss.ts';
import { integerMinimise } from './minimise.ts';

/** The frontier's input: α, the model's constants (n_s = `skills`; N is what is optimised) and the widest N. */
export type FrontierOptions = Partial<Omit<ModelConstants, 'N'>> & {
  /** Zipf exponent is α + 1 (α > 0). */
  alpha: number;
  /** Largest width tried. Defaults to n_s; required when n_s = Infinity. */
  maxN?: number;
};

export interface FrontierPoint {
  /** L*(C), the least loss at compute C. */
  loss: number;
  /** The optimal width N*. */
  N: number;
  /** The optimal training time T* = C/N*. */
  T: number;
}

const frontierSchema = z
  .object({ C: positive(), alpha: positive(), ...modelConstantsShape, maxN: integer(1).optional() })
  .strict();

const GRID_PER_DECADE = 8;

/** Distinct integers 1 = n_0 < … < n_m = maxN spaced ~10^{1/8} apart (denser where rounding merges). */
function logGrid(maxN: number): number[] {
  const grid: number[] = [];
  const steps = Math.ceil(Math.log10(maxN) * GRID_PER_DECADE);
  for (let i = 0; i <= steps; i++) {
    const n = Math.min(maxN, Math.round(maxN ** (i / Math.max(steps, 1))));
    if (n !== grid[grid.length - 1]) grid.push(n);
  }
  return grid;
}

type FrontierSetup = z.output<typeof frontierSchema>;

/** Validated options, or a UsageError naming the field. */
function parseFrontier(C: number, options: FrontierOptions): FrontierSetup & { maxN: number } {
  const o = parseInput(frontierSchema, { C, ...options });
  checkInitialStrength(o);
  const maxN = o.maxN ?? o.skills;
  if (maxN === Number.POSITIVE_INFINITY) throw invalid('maxN', 'given when skills is Infinity');
  if (maxN > o.skills) throw invalid('maxN', `≤ skills = ${o.skills}`, maxN);
  return { ...o, maxN };
}

/** The model is built once (O(maxN)); the returned search costs ≈ 4·N* + maxN skill-loss evaluations per C. */
function frontierSearch(o: FrontierSetup & { maxN: number }): (C: number) => FrontierPoint {
  const { maxN } = o;
  const { probs, tailMass } = truncatedZipf(o.alpha, o.skills, maxN);
  // beyond[N] = Σ_{k>N} P_s(k), the rarest first: the loss S²/2 each of those skills keeps.
  const beyond = new Float64Array(maxN + 1);
  beyond[maxN] = tailMass;
  for (let n = maxN - 1; n >= 0; n--) beyond[n] = beyond[n + 1] + probs[n];
  const grid = logGrid(maxN);
  const constants = { S: o.S, r0: o.r0, eta: o.eta, rateScale: o.rateScale };
  return (C) => {
    const lossAt = (N: number): number =>
      totalLoss(C / N, { ...constants, probs: probs.subarray(0, N), tailMass: beyond[N] });
    // L falls, rises, and may fall again towards N = maxN, where T = C/N is too short to learn anything
    // and only the r0 head start of each basis function remains: scan the grid until the loss has risen
    // for three points, then compare with maxN itself.
    let best = 0;
    let bestLoss = lossAt(grid[0]);
    for (let i = 1; i < grid.length && i <= best + 3; i++) {
      const loss = lossAt(grid[i]);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = i;
      }
    }
    const last = grid.length - 1;
    if (best < last - 3 && lossAt(grid[last]) < bestLoss) best = last;
    const m = integerMinimise(lossAt, grid[Math.max(0, best - 1)], grid[Math.min(last, best + 1)]);
    return { loss: m.value, N: m.x, T: C / m.x };
  };
}

/**
 * The compute-optimal point at compute C = T·N: min over integer N ≤ maxN of Eq. 12 at T = C/N (D → ∞).
 * Validates its input.
 */
export function computeFrontier(C: number, options: FrontierOptions): FrontierPoint {
  return frontierSearch(parseFrontier(C, options))(C);
}

/** computeFrontier at each of `computes`, building the model once (what a Fig. 3 curve needs). */
export function computeFrontierCurve(computes: ArrayLike<number>, options: FrontierOptions): FrontierPoint[] {
  const search = frontierSearch(parseFrontier(computes[0] ?? 1, options));
  return Array.from(computes, (C, i) => {
    if (!(Number.isFinite(C) && C > 0)) throw invalid(`computes[${i}]`, 'a finite number > 0', C);
    return search(C);
  });
}
