import { FIGURES } from '../src/plot/figures/index.ts';
import { toPng } from '../src/plot/png.ts';
import { toSvg } from '../src/plot/svg.ts';
import type { Benchmark } from './harness.ts';
import { timeIt } from './harness.ts';

/** Median seconds per call of an async `fn` over `samples` calls, after one warm-up call. */
async function timeAsync(fn: () => Promise<unknown>, samples = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const benchmarks: Benchmark[] = [
  {
    // Fig. 2 is the heaviest data of the set: Eq. 12 over n_s = 10⁵ skills at 81 times for three α, plus
    // the data and parameter laws and every prefactor (A_c's minimisation included).
    name: 'plot.fig2',
    run: async () => {
      const data = timeIt(() => FIGURES.fig2(), { warmup: 1, samples: 5, minMs: 1 });
      const { spec } = FIGURES.fig2();
      const svg = await toSvg(spec);
      const render = await timeAsync(() => toSvg(spec));
      const png = timeIt(() => toPng(svg), { warmup: 1, samples: 5, minMs: 1 });
      return {
        data_ms: data * 1e3,
        svg_ms: render * 1e3,
        png_ms: png * 1e3,
        total_ms: (data + render + png) * 1e3,
      };
    },
  },
  {
    name: 'plot.reproduce-all',
    run: async () => {
      const s = await timeAsync(async () => {
        for (const make of Object.values(FIGURES)) toPng(await toSvg(make().spec));
      }, 3);
      return { seconds: s };
    },
  },
];
