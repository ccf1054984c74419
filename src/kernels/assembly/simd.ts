// SIMD helpers shared by the kernels: fused multiply-add (relaxed build), activations and their derivatives.

export const RELU: i32 = 0;
export const TANH: i32 = 1;
export const SIGMOID: i32 = 2;

/** a·b + c: one fused instruction in the relaxed-SIMD build, mul + add in the plain (deterministic) build. */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

// @ts-ignore: decorator
@inline
export function hsum(v: v128): f32 {
  return (
    f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
  );
}

/** [hsum(a), hsum(b), hsum(c), hsum(d)], each lane summed in hsum's order: (x0 + x1) + (x2 + x3). */
// @ts-ignore: decorator
@inline
export function hsum4(a: v128, b: v128, c: v128, d: v128): v128 {
  const ab = f32x4.add(v128.shuffle<f32>(a, b, 0, 2, 4, 6), v128.shuffle<f32>(a, b, 1, 3, 5, 7));
  const cd = f32x4.add(v128.shuffle<f32>(c, d, 0, 2, 4, 6), v128.shuffle<f32>(c, d, 1, 3, 5, 7));
  return f32x4.add(v128.shuffle<f32>(ab, cd, 0, 2, 4, 6), v128.shuffle<f32>(ab, cd, 1, 3, 5, 7));
}

/**
 * e^x for 4 lanes (Cephes expf: range reduction by ln 2 split in two parts, degree-6 polynomial,
 * 2^n by exponent bits), relative error ~2e-7; x is clamped to [−87.3, 88.7] so no lane overflows.
 */
// @ts-ignore: decorator
@inline
export function exp4(x: v128): v128 {
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87.3)), f32x4.splat(88.7));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504089)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const e = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(e, scale);
}

/**
 * ln(1 + e) for 4 lanes with e ∈ [0, 1]: 2·atanh(s), s = e/(2 + e) ≤ 1/3, by its odd series to s^15 (truncation
 * below 2e-9 relative), which also keeps full relative accuracy for tiny e.
 */
// @ts-ignore: decorator
@inline
export function log1pUnit4(e: v128): v128 {
  const s = f32x4.div(e, f32x4.add(f32x4.splat(2), e));
  const s2 = f32x4.mul(s, s);
  let p = f32x4.splat(1.0 / 15);
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1.0 / 13));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1.0 / 11));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1.0 / 9));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1.0 / 7));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1.0 / 5));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1.0 / 3));
  p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1));
  return f32x4.mul(f32x4.add(s, s), p);
}

/** The activation of 4 pre-activations. */
// @ts-ignore: decorator
@inline
export function activate(h: v128, act: i32): v128 {
  // pmax is one maxps; f32x4.max's NaN and ±0 rules cost V8 several instructions per vector.
  if (act == RELU) return f32x4.pmax(h, f32x4.splat(0));
  const one = f32x4.splat(1);
  if (act == TANH) {
    // tanh h = 1 − 2/(e^{2h} + 1): exact limits ±1 once e^{2h} saturates.
    return f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(exp4(f32x4.add(h, h)), one)));
  }
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(h))));
}

/** The activation's derivative, written in terms of its output a (relu: a > 0; tanh: 1 − a²; sigmoid: a(1 − a)). */
// @ts-ignore: decorator
@inline
export function activationSlope(a: v128, act: i32): v128 {
  const one = f32x4.splat(1);
  if (act == RELU) return v128.and(f32x4.gt(a, f32x4.splat(0)), one);
  if (act == TANH) return f32x4.sub(one, f32x4.mul(a, a));
  return f32x4.mul(a, f32x4.sub(one, a));
}

/** dz = s·act'(a) for the units' output error s (relu: s where a > 0, one and with the comparison mask). */
// @ts-ignore: decorator
@inline
export function throughActivation(s: v128, a: v128, act: i32): v128 {
  if (act == RELU) return v128.and(s, f32x4.gt(a, f32x4.splat(0)));
  return f32x4.mul(s, activationSlope(a, act));
}

/** Lanes w..w+3 kept where w + lane < realWidth, zero beyond: padded hidden units must stay exactly 0. */
// @ts-ignore: decorator
@inline
export function maskPadding(v: v128, w: i32, realWidth: i32): v128 {
  if (w + 4 <= realWidth) return v;
  const lanes = i32x4.add(i32x4.splat(w), i32x4(0, 1, 2, 3));
  return v128.and(v, i32x4.lt_s(lanes, i32x4.splat(realWidth)));
}
