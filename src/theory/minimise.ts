// One-dimensional minimisers: Brent's method on an interval (after a grid bracket) and golden-section search
// over integers. Both assume a unimodal function on the bracket; the grid step is what makes that true.

export interface Minimum {
  x: number;
  value: number;
}

const GOLDEN = (3 - Math.sqrt(5)) / 2;

/**
 * Brent's minimiser (golden section with parabolic steps, as in Brent 1973 / netlib `fmin`) of f on [a, b],
 * to |Δx| ≲ tol + √ε·|x|.
 */
export function brentMinimise(f: (x: number) => number, a: number, b: number, tol = 1e-10): Minimum {
  const sqrtEps = 1.4901161193847656e-8;
  let lo = a;
  let hi = b;
  let x = lo + GOLDEN * (hi - lo);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 0; iter < 200; iter++) {
    const mid = 0.5 * (lo + hi);
    const tol1 = sqrtEps * Math.abs(x) + tol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - mid) <= tol2 - 0.5 * (hi - lo)) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (lo - x) && p < q * (hi - x)) {
        d = p / q;
        const u = x + d;
        if (u - lo < tol2 || hi - u < tol2) d = x < mid ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = (x < mid ? hi : lo) - x;
      d = GOLDEN * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u < x) hi = x;
      else lo = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) lo = u;
      else hi = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, value: fx };
}

/**
 * Minimum of f over [lo, hi]: the best of `points` evenly spaced samples brackets it, then Brent refines
 * within the two neighbouring cells. A minimum at an end of the grid is returned as is.
 */
export function gridBrentMinimise(
  f: (x: number) => number,
  lo: number,
  hi: number,
  { points = 33, tol = 1e-10 } = {},
): Minimum {
  const step = (hi - lo) / (points - 1);
  let best = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let i = 0; i < points; i++) {
    const value = f(lo + i * step);
    if (value < bestValue) {
      bestValue = value;
      best = i;
    }
  }
  if (best === 0 || best === points - 1) return { x: lo + best * step, value: bestValue };
  const m = brentMinimise(f, lo + (best - 1) * step, lo + (best + 1) * step, tol);
  return m.value <= bestValue ? m : { x: lo + best * step, value: bestValue };
}

/** Golden-section search for the minimum of a unimodal f over the integers lo..hi (ties go to the lower n). */
export function integerMinimise(f: (n: number) => number, lo: number, hi: number): Minimum {
  const cache = new Map<number, number>();
  const g = (n: number): number => {
    let value = cache.get(n);
    if (value === undefined) {
      value = f(n);
      cache.set(n, value);
    }
    return value;
  };
  let a = lo;
  let b = hi;
  while (b - a > 4) {
    const c = a + Math.round(GOLDEN * (b - a));
    const d = b - Math.round(GOLDEN * (b - a));
    if (g(c) <= g(d)) b = d;
    else a = c;
  }
  let x = a;
  for (let n = a + 1; n <= b; n++) if (g(n) < g(x)) x = n;
  return { x, value: g(x) };
}
