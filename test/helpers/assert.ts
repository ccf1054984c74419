// Numeric assertions shared by the tests: each failure prints the values, the error and the tolerance.

import assert from 'node:assert/strict';

/** |got − want|/|want|. */
export function relativeError(got: number, want: number): number {
  return Math.abs(got - want) / Math.abs(want);
}

/** Asserts |got − want|/|want| ≤ tol, printing both values and the relative error on failure. */
export function assertRel(got: number, want: number, tol: number, what: string): void {
  const rel = relativeError(got, want);
  assert.ok(rel <= tol, `${what}: got ${got}, want ${want}, rel err ${rel.toExponential(2)} > ${tol}`);
}

/** Asserts |got − want| ≤ tol (absolute), printing both values on failure. */
export function assertClose(got: number, want: number, tol: number, what: string): void {
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}, |Δ| > ${tol}`);
}

/** assertClose entry by entry, after checking the lengths agree. */
export function assertAllClose(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  tol: number,
  what: string,
): void {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < got.length; i++) assertClose(got[i], want[i], tol, `${what}[${i}]`);
}
