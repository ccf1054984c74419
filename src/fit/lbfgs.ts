// Limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4–7.5) with a line search
// satisfying the strong Wolfe conditions (ibid. Alg. 3.5–3.6, cubic interpolation in the zoom).

/** f(x) and its gradient, written into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when ‖∇f‖∞ ≤ gradTol (absolute: scale the objective, e.g. sum rather than average). Default 1e-10. */
  gradTol?: number;
  /** Stop when a step lowers f by ≤ valueTol·|f| (relative, so a small f is not "converged" early). 1e-15. */
  valueTol?: number;
  /** Iteration limit. Default 1000. */
  maxIterations?: number;
  /** Number of (s, y) pairs kept. Default 10. */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  gradNorm: number;
  iterations: number;
  /** A stopping test was met (not the iteration limit, nor a failed line search). */
  converged: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;
/** A relative decrease of f this small is lost in rounding. */
const ROUNDING = 1e-12;

/** Minimises f from x0 (not modified). */
export function lbfgs(f: Objective, x0: ArrayLike<number>, options: LbfgsOptions = {}): LbfgsResult {
  const { gradTol = 1e-10, valueTol = 1e-15, maxIterations = 1000, memory = 10 } = options;
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let value = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const d = new Float64Array(n);
  let iterations = 0;
  let converged = normInf(g) <= gradTol;
  while (!converged && iterations < maxIterations && Number.isFinite(value)) {
    // Two-loop recursion: d = −H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    for (let k = S.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(S[k], d);
      axpy(-alpha[k], Y[k], d);
    }
    const m = S.length;
    const gamma = m > 0 ? dot(S[m - 1], Y[m - 1]) / dot(Y[m - 1], Y[m - 1]) : 1 / Math.max(1, normInf(g));
    for (let i = 0; i < n; i++) d[i] *= gamma;
    for (let k = 0; k < m; k++) axpy(alpha[k] - rho[k] * dot(Y[k], d), S[k], d);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information gone stale): restart from steepest descent.
      S.length = Y.length = rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i] / Math.max(1, normInf(g));
      slope = dot(g, d);
    }
    const step = wolfeLineSearch(f, x, value, g, d, slope);
    iterations++;
    if (step === undefined) {
      // No step lowers f: a minimum when the decrease the model predicts is at rounding level.
      converged = -slope <= ROUNDING * Math.abs(value);
      break;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = step.x[i] - x[i];
      y[i] = step.grad[i] - g[i];
    }
    const decrease = value - step.value;
    x = step.x;
    g = step.grad;
    value = step.value;
    const sy = dot(s, y);
    if (sy > 1e-16 * dot(y, y)) {
      if (S.length === memory) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
    }
    converged = normInf(g) <= gradTol || decrease <= valueTol * Math.abs(value);
  }
  return { x, value, gradNorm: normInf(g), iterations, converged };
}

interface Trial {
  t: number;
  x: Float64Array;
  value: number;
  grad: Float64Array;
  slope: number;
}

/** A step t along d satisfying the strong Wolfe conditions, or undefined when none is found. */
function wolfeLineSearch(
  f: Objective,
  x: Float64Array,
  value0: number,
  g0: Float64Array,
  d: Float64Array,
  slope0: number,
): Trial | undefined {
  const evaluate = (t: number): Trial => {
    const xt = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) xt[i] = x[i] + t * d[i];
    const grad = new Float64Array(x.length);
    const value = f(xt, grad);
    return { t, x: xt, value, grad, slope: dot(grad, d) };
  };
  let prev: Trial = { t: 0, x, value: value0, grad: g0, slope: slope0 };
  let t = 1;
  for (let i = 0; i < 30; i++) {
    const cur = evaluate(t);
    if (
      !Number.isFinite(cur.value) ||
      cur.value > value0 + C1 * t * slope0 ||
      (i > 0 && cur.value >= prev.value)
    ) {
      return zoom(evaluate, prev, cur, value0, slope0);
    }
    if (Math.abs(cur.slope) <= -C2 * slope0) return cur;
    if (cur.slope >= 0) return zoom(evaluate, cur, prev, value0, slope0);
    prev = cur;
    t *= 4;
  }
  return undefined;
}

/** Zoom between lo (sufficient decrease holds) and hi (ibid. Alg. 3.6). */
function zoom(
  evaluate: (t: number) => Trial,
  lo: Trial,
  hi: Trial,
  value0: number,
  slope0: number,
): Trial | undefined {
  for (let i = 0; i < 40; i++) {
    const t = interpolate(lo, hi);
    const cur = evaluate(t);
    if (!Number.isFinite(cur.value) || cur.value > value0 + C1 * t * slope0 || cur.value >= lo.value) {
      hi = cur;
    } else {
      if (Math.abs(cur.slope) <= -C2 * slope0) return cur;
      if (cur.slope * (hi.t - lo.t) >= 0) hi = lo;
      lo = cur;
    }
    if (Math.abs(hi.t - lo.t) <= 1e-16 * Math.max(1, Math.abs(lo.t))) break;
  }
  // No Wolfe point within precision: take the best point found if it lowered f at all.
  return lo.t > 0 && lo.value < value0 ? lo : undefined;
}

/** The minimiser of the cubic through (t, f, f′) at both ends, kept well inside the interval. */
function interpolate(a: Trial, b: Trial): number {
  const lo = Math.min(a.t, b.t);
  const hi = Math.max(a.t, b.t);
  const margin = 0.1 * (hi - lo);
  if (Number.isFinite(b.value)) {
    const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.t - b.t);
    const disc = d1 * d1 - a.slope * b.slope;
    if (disc >= 0) {
      const d2 = Math.sign(b.t - a.t) * Math.sqrt(disc);
      const t = b.t - (b.t - a.t) * ((b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2));
      if (t >= lo + margin && t <= hi - margin) return t;
    }
  }
  return 0.5 * (lo + hi);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
