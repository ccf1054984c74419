// Adaptive Gauss–Kronrod 7–15 quadrature on finite and semi-infinite intervals.
//
// ## Notes
// Global adaptive bisection as in QUADPACK's QAG: the interval with the largest error estimate is split
// until the summed estimate is below max(absTol, relTol·|I|). The per-interval estimate is QUADPACK's
// resasc·min(1, (200·|K15 − G7|/resasc)^{3/2}), floored at 50·ε·resabs. [a, ∞) is mapped onto (0, 1] by
// x = a + (1 − t)/t; the GK nodes never touch t = 0. Integrable algebraic endpoint singularities are
// removed by a substitution in `integratePowerWeighted`, so no extrapolation (QAGS ε-algorithm) is needed.

/** Accuracy controls for `integrate`. */
export interface QuadratureOptions {
  /** Absolute error target. Defaults to 0 (relative control only). */
  absTol?: number;
  /** Relative error target. Defaults to 1e-12. */
  relTol?: number;
  /** Most subintervals before giving up (the result then has `converged: false`). Defaults to 1000. */
  maxIntervals?: number;
}

export interface QuadratureResult {
  value: number;
  /** Estimated absolute error (QUADPACK heuristic, usually pessimistic). */
  error: number;
  /** Integrand evaluations. */
  evaluations: number;
  converged: boolean;
}

// Kronrod abscissae (x[1], x[3], x[5], x[7] are the Gauss–Legendre 7 nodes) and weights, from QUADPACK qk15
// (rounded to double).
const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911,
  0.4058451513773972, 0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679,
  0.19035057806478542, 0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];
const EPS = 2.220446049250313e-16;

interface Piece {
  a: number;
  b: number;
  value: number;
  error: number;
}

/** One 15-point Kronrod rule on [a, b] with its error estimate. */
function kronrod15(f: (x: number) => number, a: number, b: number): Piece {
  const centre = 0.5 * (a + b);
  const half = 0.5 * (b - a);
  const fc = f(centre);
  let kronrod = fc * WGK[7];
  let gauss = fc * WG[3];
  let resabs = Math.abs(kronrod);
  const f1 = new Float64Array(7);
  const f2 = new Float64Array(7);
  for (let j = 0; j < 7; j++) {
    const dx = half * XGK[j];
    const y1 = f(centre - dx);
    const y2 = f(centre + dx);
    f1[j] = y1;
    f2[j] = y2;
    kronrod += WGK[j] * (y1 + y2);
    resabs += WGK[j] * (Math.abs(y1) + Math.abs(y2));
    if (j % 2 === 1) gauss += WG[(j - 1) / 2] * (y1 + y2);
  }
  const mean = kronrod * 0.5;
  let resasc = WGK[7] * Math.abs(fc - mean);
  for (let j = 0; j < 7; j++) resasc += WGK[j] * (Math.abs(f1[j] - mean) + Math.abs(f2[j] - mean));
  const scale = Math.abs(half);
  resasc *= scale;
  resabs *= scale;
  let error = Math.abs((kronrod - gauss) * half);
  if (resasc !== 0 && error !== 0) error = resasc * Math.min(1, ((200 * error) / resasc) ** 1.5);
  if (resabs > Number.MIN_VALUE / (50 * EPS)) error = Math.max(50 * EPS * resabs, error);
  return { a, b, value: kronrod * half, error };
}

function adaptive(
  f: (x: number) => number,
  a: number,
  b: number,
  options: QuadratureOptions,
): QuadratureResult {
  const { absTol = 0, relTol = 1e-12, maxIntervals = 1000 } = options;
  const pieces = [kronrod15(f, a, b)];
  let value = pieces[0].value;
  let error = pieces[0].error;
  while (error > Math.max(absTol, relTol * Math.abs(value)) && pieces.length < maxIntervals) {
    let worst = 0;
    for (let i = 1; i < pieces.length; i++) if (pieces[i].error > pieces[worst].error) worst = i;
    const p = pieces[worst];
    const mid = 0.5 * (p.a + p.b);
    // Stop when the interval can no longer be split in floating point.
    if (mid === p.a || mid === p.b) break;
    const left = kronrod15(f, p.a, mid);
    const right = kronrod15(f, mid, p.b);
    pieces[worst] = left;
    pieces.push(right);
    value = 0;
    error = 0;
    for (const q of pieces) {
      value += q.value;
      error += q.error;
    }
  }
  const converged = error <= Math.max(absTol, relTol * Math.abs(value));
  return { value, error, evaluations: 15 * (2 * pieces.length - 1), converged };
}

/**
 * ∫_a^b f(x) dx by adaptive Gauss–Kronrod 7–15; `b` may be +Infinity (then `a` must be finite). Swapped
 * limits give the negated integral. The integrand must be finite on (a, b); it is never evaluated at the
 * ends.
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  options: QuadratureOptions = {},
): QuadratureResult {
  if (
    Number.isNaN(a) ||
    Number.isNaN(b) ||
    a === Number.POSITIVE_INFINITY ||
    b === Number.NEGATIVE_INFINITY
  ) {
    return { value: Number.NaN, error: Number.NaN, evaluations: 0, converged: false };
  }
  if (a === b) return { value: 0, error: 0, evaluations: 0, converged: true };
  if (b < a) {
    const r = integrate(f, b, a, options);
    return { ...r, value: -r.value };
  }
  if (b === Number.POSITIVE_INFINITY) {
    return adaptive((t) => f(a + (1 - t) / t) / (t * t), 0, 1, options);
  }
  return adaptive(f, a, b, options);
}

/**
 * ∫_a^b x^{−β}·g(x) dx for 0 ≤ β < 1, 0 ≤ a ≤ b ≤ ∞ and smooth g, e.g. the u^{−1/(α+1)} factor of Eq. 238.
 * The substitution x = w^p with p = 1/(1 − β) turns it into p·∫ g(w^p) dw, which is smooth at w = 0.
 */
export function integratePowerWeighted(
  g: (x: number) => number,
  beta: number,
  a: number,
  b: number,
  options: QuadratureOptions = {},
): QuadratureResult {
  if (!(beta >= 0 && beta < 1) || !(a >= 0 && b >= a)) {
    return { value: Number.NaN, error: Number.NaN, evaluations: 0, converged: false };
  }
  const p = 1 / (1 - beta);
  const r = integrate((w) => g(w ** p), a ** (1 - beta), b ** (1 - beta), options);
  return { ...r, value: p * r.value, error: p * r.error };
}
