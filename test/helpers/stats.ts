import gammainc from '@stdlib/math-base-special-gammainc';

/** x with P(χ²_df > x) = tail, by bisection on the regularized upper incomplete gamma Q(df/2, x/2). */
export function chiSquareQuantile(df: number, tail: number): number {
  let lo = 0;
  let hi = df + 100 * Math.sqrt(2 * df) + 100;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (gammainc(mid / 2, df / 2, true, true) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Pearson's χ² statistic of observed counts against expected counts. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): number {
  let chi2 = 0;
  for (let i = 0; i < observed.length; i++) chi2 += (observed[i] - expected[i]) ** 2 / expected[i];
  return chi2;
}
