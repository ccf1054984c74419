import assert from 'node:assert/strict';
import { test } from 'node:test';
import gamma from '@stdlib/math-base-special-gamma';
import { skillLoss } from '../../src/theory/multilinear.ts';
import type { QuadratureResult } from '../../src/theory/quadrature.ts';
import { integrate, integratePowerWeighted } from '../../src/theory/quadrature.ts';
import { relativeError } from '../helpers/assert.ts';

function assertIntegral(r: QuadratureResult, want: number, tol: number, what: string): void {
  const rel = relativeError(r.value, want);
  assert.ok(r.converged, `${what}: converged`);
  assert.ok(rel <= tol, `${what}: got ${r.value}, want ${want}, rel err ${rel.toExponential(2)} > ${tol}`);
  assert.ok(
    Math.abs(r.value - want) <= Math.max(r.error, 1e-15 * Math.abs(want)),
    `${what}: error estimate covers`,
  );
}

test('integrate(f, a, b) on smooth finite intervals (1e-13 relative)', () => {
  assertIntegral(integrate(Math.sin, 0, Math.PI), 2, 1e-13, '∫_0^π sin');
  assertIntegral(
    integrate((x) => Math.exp(3 * x), -1, 2),
    (Math.exp(6) - Math.exp(-3)) / 3,
    1e-13,
    '∫ e^{3x}',
  );
  assertIntegral(
    integrate((x) => 1 / (1 + 25 * x * x), -1, 1),
    (2 * Math.atan(5)) / 5,
    1e-13,
    'Runge',
  );
  const r = integrate(Math.sin, Math.PI, 0);
  assert.ok(Math.abs(r.value + 2) < 1e-13, 'swapped limits negate the integral (1e-13)');
  assert.equal(integrate(Math.sin, 1, 1).value, 0, 'empty interval');
});

test('integrate(f, a, Infinity) on semi-infinite intervals (1e-12 relative)', () => {
  assertIntegral(
    integrate((x) => Math.exp(-x), 0, Number.POSITIVE_INFINITY),
    1,
    1e-12,
    '∫_0^∞ e^{-x}',
  );
  assertIntegral(
    integrate((x) => 1 / (1 + x * x), 0, Number.POSITIVE_INFINITY),
    Math.PI / 2,
    1e-12,
    '∫ 1/(1+x²)',
  );
  assertIntegral(
    integrate((x) => x * Math.exp(-x * x), 2, Number.POSITIVE_INFINITY),
    Math.exp(-4) / 2,
    1e-12,
    '∫_2^∞ x·e^{-x²} = e^{-4}/2',
  );
});

test('integrate survives integrable log and algebraic end singularities (1e-11 relative)', () => {
  assertIntegral(integrate(Math.log, 0, 1), -1, 1e-11, '∫_0^1 ln x');
  assertIntegral(
    integrate((x) => x ** -0.5, 0, 1),
    2,
    1e-11,
    '∫_0^1 x^{-1/2}',
  );
});

test('integratePowerWeighted(g, β, a, b) = ∫ x^{-β} g(x): Γ(1 − β) and x^{-β} on [a, b] (1e-12 relative)', () => {
  for (const beta of [0, 0.3, 0.5, 1 / 1.1, 0.95]) {
    const r = integratePowerWeighted((x) => Math.exp(-x), beta, 0, Number.POSITIVE_INFINITY);
    assertIntegral(r, gamma(1 - beta), 1e-12, `∫_0^∞ x^{-${beta}} e^{-x}`);
  }
  const r = integratePowerWeighted(() => 1, 0.75, 0.5, 3);
  assertIntegral(r, 4 * (3 ** 0.25 - 0.5 ** 0.25), 1e-13, '∫_{0.5}^3 x^{-3/4}');
  assert.ok(Number.isNaN(integratePowerWeighted(() => 1, 1, 0, 1).value), 'β = 1 is not integrable: NaN');
});

test('∫_0^∞ Φ_{S,r}(u) du = (S²/4)[ln((1+c)/c) − 1/(1+c)], c = r/(S−r), with e^{2u} overflowing (1e-12)', () => {
  for (const [S, r0] of [
    [1, 0.01],
    [5, 0.01],
    [1, 1e-12],
  ]) {
    const c = r0 / (S - r0);
    const want = ((S * S) / 4) * (Math.log((1 + c) / c) - 1 / (1 + c));
    const r = integrate((u) => skillLoss(u, S, r0), 0, Number.POSITIVE_INFINITY);
    assertIntegral(r, want, 1e-12, `S = ${S}, r = ${r0}`);
  }
});
