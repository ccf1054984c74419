import assert from 'node:assert/strict';

/** Asserts |got − want|/|want| ≤ tol, printing both values and the relative error on failure. */
export function assertRel(got: number, want: number, tol: number, what: string): void {
  const rel = Math.abs(got - want) / Math.abs(want);
  assert.ok(rel <= tol, `${what}: got ${got}, want ${want}, rel err ${rel.toExponential(2)} > ${tol}`);
}
