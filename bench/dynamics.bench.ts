// Finite-D sampling and the independent routes (ODE, gradient descent) of the multilinear model.
import { Rng } from '../src/task/rng.ts';
import { zipfProbs } from '../src/task/zipf.ts';
import { totalLossCurve } from '../src/theory/loss.ts';
import { binomialDraw, multinomialDraw } from '../src/theory/multinomial.ts';
import { simulateFlow, simulateGradientDescent } from '../src/theory/simulate.ts';
import type { Benchmark } from './harness.ts';
import { timeIt } from './harness.ts';

const ms = (seconds: number) => Number((seconds * 1e3).toPrecision(3));

const fig2 = zipfProbs(100_000, 0.6);
const fig2Times = Float64Array.from({ length: 100 }, (_, i) => 10 ** ((4 * i) / 99));
const lossOut = new Float64Array(100);
const counts = new Float64Array(100_000);
const rng = Rng.fromSeed(1);
const five = zipfProbs(5, 0.6);
const flowTimes = Float64Array.from({ length: 400 }, (_, i) => (i + 1) * 0.1);
const thousand = zipfProbs(1000, 0.6);

export const benchmarks: Benchmark[] = [
  {
    // Fig. 2(a): 100 times × n_s = 1e5 skills of Eq. 12.
    name: 'dynamics.total-loss-curve.fig2',
    run: () => ({
      ms_per_curve: ms(
        timeIt(() => totalLossCurve(fig2Times, { probs: fig2, S: 1, r0: 0.01, eta: 1 }, lossOut)),
      ),
    }),
  },
  {
    name: 'dynamics.multinomial.D1e6-ns1e5',
    run: () => ({ ms_per_draw: ms(timeIt(() => multinomialDraw(1_000_000, fig2, rng, counts))) }),
  },
  {
    name: 'dynamics.binomial.btrs',
    run: () => {
      const s = timeIt(() => {
        for (let i = 0; i < 1000; i++) binomialDraw(1e6, 0.3, rng);
      });
      return { ns_per_draw: Math.round((s / 1000) * 1e9) };
    },
  },
  {
    // The flow of n_s = 5 skills to T = 40 (well past saturation at S = 5), 400 outputs, rtol 1e-12.
    name: 'dynamics.flow.ns5',
    run: () => ({
      ms_per_run: ms(timeIt(() => simulateFlow({ rates: five, S: 5, r0: 0.01, eta: 1 }, flowTimes))),
    }),
  },
  {
    name: 'dynamics.gradient-descent.ns1000-1e4-steps',
    run: () => ({
      ms_per_run: ms(
        timeIt(() => simulateGradientDescent({ rates: thousand, S: 1, r0: 0.01, eta: 0.1 }, [10_000])),
      ),
    }),
  },
];
