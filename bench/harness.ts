/** One benchmark: `run` returns the measured figures (rates, times) as a flat JSON object. */
export interface Benchmark {
  name: string;
  run(): Promise<Record<string, number | string>> | Record<string, number | string>;
}

/** The median (the upper one of an even count). */
export const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/**
 * Times `fn` after `warmup` calls: repeats it in samples of at least `minMs` milliseconds and returns the
 * median seconds per call over `samples` samples (inputs must be prepared outside `fn`).
 */
export function timeIt(fn: () => void, { warmup = 3, samples = 7, minMs = 200 } = {}): number {
  for (let i = 0; i < warmup; i++) fn();
  const perCall: number[] = [];
  for (let s = 0; s < samples; s++) {
    let calls = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < minMs) {
      fn();
      calls++;
      t = performance.now();
    }
    perCall.push((t - t0) / 1000 / calls);
  }
  perCall.sort((a, b) => a - b);
  return perCall[Math.floor(perCall.length / 2)];
}
