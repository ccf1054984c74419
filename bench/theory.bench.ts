// Scaling-law constants, the compute frontier and the Fig. 2 / Fig. 3 curves of the multilinear model.
import { computeFrontier, computeFrontierCurve } from '../src/theory/compute.ts';
import { expectedDataLossCurve, parameterLoss, totalLossCurve, truncatedZipf } from '../src/theory/loss.ts';
import {
  computePrefactor,
  dataPrefactor,
  paramsPrefactor,
  scalingPrefactors,
  timePrefactor,
} from '../src/theory/prefactors.ts';
import type { Benchmark } from './harness.ts';
import { timeIt } from './harness.ts';

const ALPHAS = [0.3, 0.6, 0.9];

function logspace(from: number, to: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = 10 ** (from + ((to - from) * i) / (count - 1));
  return out;
}

const ms = (seconds: number) => Number((seconds * 1e3).toPrecision(3));

/** Fig. 2: n_s = 1e5, S = 1, r = 0.01, η = 1; 100 points per panel: T ∈ [1, 1e4], D ∈ [1, 1e3], N ∈ [1, 1e2]. */
function fig2Data(models: ReturnType<typeof truncatedZipf>[], out: Float64Array): void {
  const times = logspace(0, 4, 100);
  const data = logspace(0, 3, 100);
  const widths = logspace(0, 2, 100);
  for (const { probs } of models) {
    const model = { probs, S: 1, r0: 0.01, eta: 1 };
    totalLossCurve(times, model, out);
    expectedDataLossCurve(data.map(Math.round), model, out);
    for (let i = 0; i < 100; i++) out[i] = parameterLoss(Math.round(widths[i]), model);
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'theory.prefactors.each',
    run: () => ({
      time_ms: ms(timeIt(() => timePrefactor(0.6))),
      data_ms: ms(timeIt(() => dataPrefactor(0.6))),
      params_ms: ms(timeIt(() => paramsPrefactor(0.6))),
      compute_ms: ms(timeIt(() => computePrefactor(0.6, { S: 5 }))),
      scalingPrefactors_ms: ms(timeIt(() => scalingPrefactors(0.6))),
    }),
  },
  {
    name: 'theory.compute-prefactor.alphas',
    run: () => {
      const result: Record<string, number> = {};
      for (const alpha of [0.05, ...ALPHAS, 2]) {
        result[`alpha_${alpha}_ms`] = ms(timeIt(() => computePrefactor(alpha, { S: 5 }), { samples: 3 }));
      }
      return result;
    },
  },
  {
    name: 'theory.frontier.fig3',
    run: () => {
      // Fig. 3 code setting: n_s = 5e4, S = 5, r = 0.01, η = 1; 50 values of C in [1e2, 1e9] per α.
      const computes = logspace(2, 9, 50);
      const curves = () => {
        for (const alpha of ALPHAS) computeFrontierCurve(computes, { alpha, skills: 50_000, S: 5, r0: 0.01 });
      };
      const single = () => computeFrontier(1e6, { alpha: 0.6, skills: 50_000, S: 5, r0: 0.01 });
      const s = timeIt(curves, { warmup: 1, samples: 3, minMs: 1 });
      return {
        three_curves_ms: ms(s),
        per_point_ms: ms(s / (3 * computes.length)),
        single_call_ms: ms(timeIt(single)),
      };
    },
  },
  {
    name: 'theory.frontier.chk-2e6',
    run: () => {
      // A brute-force optimum of Eq. 12 over N at fixed C = T·N (Cor. 5, Eq. 330), n_s = 2e6, S = 5:
      // L*(C)/(C^{−α/(α+2)}·S²/2), to set beside A_c (docs/theory-constants.md).
      const result: Record<string, number> = {};
      const t0 = performance.now();
      for (const alpha of ALPHAS) {
        for (const C of [1e6, 1e9]) {
          const f = computeFrontier(C, { alpha, skills: 2e6, S: 5, r0: 0.01 });
          result[`alpha_${alpha}_C_${C}`] = Number((f.loss / C ** (-alpha / (alpha + 2)) / 12.5).toFixed(4));
        }
      }
      result.total_ms = Math.round(performance.now() - t0);
      return result;
    },
  },
  {
    name: 'theory.fig2-data',
    run: () => {
      const models = ALPHAS.map((alpha) => truncatedZipf(alpha, 100_000, 100_000));
      const out = new Float64Array(100);
      return { ms: ms(timeIt(() => fig2Data(models, out), { warmup: 1, samples: 5, minMs: 1 })) };
    },
  },
];
