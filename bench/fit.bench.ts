// Fits: power laws (Huber on log residuals, L-BFGS from a start grid), run bootstraps and a 1-D calibration fit.
import { bootstrapPowerLaw, fitPowerLaw, fitScalar, holdoutScore } from '../src/fit/index.ts';
import { logspace, syntheticRuns } from '../test/helpers/scaling.ts';
import type { Benchmark } from './harness.ts';
import { timeIt } from './harness.ts';

const ms = (seconds: number) => Number((seconds * 1e3).toPrecision(3));

/** 30 points over four decades, 2 % log noise (one run): the size of a width or data sweep's means. */
const sweep = (c: number) =>
  syntheticRuns({ a: 3, b: 0.6, c, xs: logspace(1, 5, 30), runs: 1, noise: 0.02, seed: 1 })[0];
/** 10 seeds × 60 evaluations along a loss curve, each run tilted: the size of a steps fit over seeds. */
const curves = syntheticRuns({
  a: 3,
  b: 0.6,
  c: 0.05,
  xs: logspace(1, 4, 60),
  runs: 10,
  noise: 0.02,
  runSpread: 0.03,
  seed: 2,
});

export const benchmarks: Benchmark[] = [
  {
    name: 'fit.powerLaw.30-points',
    run: () => {
      const plain = sweep(0);
      const withOffset = sweep(0.05);
      const fit = fitPowerLaw(withOffset, { offset: true });
      return {
        no_offset_ms: ms(timeIt(() => fitPowerLaw(plain))),
        offset_ms: ms(timeIt(() => fitPowerLaw(withOffset, { offset: true }))),
        offset_b: Number(fit.b.toFixed(4)),
        offset_iterations: fit.iterations,
      };
    },
  },
  {
    name: 'fit.powerLaw.600-points',
    run: () => {
      const points = curves.flat();
      return { offset_ms: ms(timeIt(() => fitPowerLaw(points, { offset: true }), { samples: 3 })) };
    },
  },
  {
    name: 'fit.bootstrap.10-runs',
    run: () => {
      const t0 = performance.now();
      const r = bootstrapPowerLaw(curves, { offset: true, resamples: 200 });
      return {
        offset_200_resamples_s: Number(((performance.now() - t0) / 1e3).toPrecision(3)),
        b_lo: Number(r.b.lo.toFixed(4)),
        b_hi: Number(r.b.hi.toFixed(4)),
        unconverged: r.unconverged,
      };
    },
  },
  {
    name: 'fit.holdout.30-points',
    run: () => {
      const points = sweep(0.05);
      return { offset_ms: ms(timeIt(() => holdoutScore(points, { offset: true, heldOut: 3 }))) };
    },
  },
  {
    name: 'fit.scalar.sigmoid',
    run: () => {
      const points = Array.from({ length: 200 }, (_, i) => ({ x: i, y: 1 / (1 + Math.exp(-(i - 80) / 10)) }));
      const model = (theta: number, p: { x: number }) => 1 / (1 + Math.exp(-(p.x - theta) / 10));
      return { ms: ms(timeIt(() => fitScalar(model, points, { lo: 1, hi: 1000 }))) };
    },
  },
];
