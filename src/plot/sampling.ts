// Where to evaluate a curve for plotting, and the axis range that shows it.

/** n points from lo to hi, evenly spaced (n ≥ 2). */
export function linearGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo + ((hi - lo) * i) / (n - 1)));
}

/** n points from lo to hi (0 < lo < hi), evenly spaced in log; the ends are exact. */
export function logGrid(lo: number, hi: number, n: number): number[] {
  const ratio = Math.log(hi / lo);
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? lo : i === n - 1 ? hi : lo * Math.exp((ratio * i) / (n - 1)),
  );
}

/** The distinct integers nearest to a log grid of n points over [lo, hi] (integers ≥ 1): every small one. */
export function integerLogGrid(lo: number, hi: number, n: number): number[] {
  return [...new Set(logGrid(lo, hi, n).map(Math.round))];
}

const STEPS = [1, 2, 5, 10];

/**
 * The tightest [m·10^a, m'·10^b] with m, m' ∈ {1, 2, 5} around the positive finite values: a log axis
 * range that starts and ends on a labelled tick.
 */
export function logExtent(values: Iterable<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = 0;
  for (const v of values) {
    if (!(v > 0 && Number.isFinite(v))) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === 0) return [0.1, 1];
  const down = (v: number) => {
    const e = Math.floor(Math.log10(v) + 1e-12);
    const m = STEPS.filter((s) => Number(`${s}e${e}`) <= v * (1 + 1e-12)).at(-1)!;
    return Number(`${m}e${e}`);
  };
  const up = (v: number) => {
    const e = Math.floor(Math.log10(v) - 1e-12);
    const m = STEPS.find((s) => Number(`${s}e${e}`) >= v * (1 - 1e-12))!;
    return Number(`${m}e${e}`);
  };
  return [down(lo), up(hi)];
}
