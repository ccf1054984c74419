// Parameter updates over flat arrays, exactly as PyTorch's optimisers define them (n % 4 == 0).

/** SGD: g' = g + wd·p; buf = momentum·buf + g' (dampening 0); p −= lr·(momentum > 0 ? buf : g'). */
export function sgdStep(p: usize, g: usize, buf: usize, n: i32, lr: f32, momentum: f32, wd: f32): void {
  sgdSteps(p, g, buf, n, lr, 0, false, momentum, wd);
}

/**
 * `sgdStep`'s loop at one rate lr, or (perParameter, a constant at each call) at parameter i's rate rates[i].
 */
// @ts-ignore: decorator
@inline
export function sgdSteps(
  p: usize,
  g: usize,
  buf: usize,
  n: i32,
  lr: f32,
  rates: usize,
  perParameter: bool,
  momentum: f32,
  wd: f32,
): void {
  const vlr = f32x4.splat(lr);
  const vmu = f32x4.splat(momentum);
  const vwd = f32x4.splat(wd);
  for (let i = 0; i < n; i += 4) {
    const o = (<usize>i) << 2;
    const w = v128.load(p + o);
    let d = f32x4.add(v128.load(g + o), f32x4.mul(vwd, w));
    if (momentum != 0) {
      d = f32x4.add(f32x4.mul(vmu, v128.load(buf + o)), d);
      v128.store(buf + o, d);
    }
    v128.store(p + o, f32x4.sub(w, f32x4.mul(perParameter ? v128.load(rates + o) : vlr, d)));
  }
}

/**
 * Adam (decoupled = 0: L2, g' = g + wd·p) or AdamW (decoupled = 1: p ← p·(1 − lr·wd) first):
 * m = β1·m + (1−β1)·g', v = β2·v + (1−β2)·g'², p −= (lr/bc1)·m / (√v/√bc2 + eps), bc_i = 1 − β_i^t.
 * β1, β2 arrive in f64 so that 1 − β is exact before rounding: 1 − f32(0.999) is 1.3e-5 off 0.001.
 */
export function adamStep(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  lr: f32,
  beta1: f64,
  beta2: f64,
  eps: f32,
  wd: f32,
  decoupled: i32,
  bc1: f32,
  bc2: f32,
): void {
  adamSteps(p, g, m, v, n, lr, 0, false, beta1, beta2, eps, wd, decoupled, bc1, bc2);
}

/**
 * `adamStep`'s loop at one rate lr, or (perParameter, a constant at each call) at parameter i's rate rates[i]
 * with the same f32 operations per element (lr/bc1, 1 − lr·wd), so each element moves exactly as in a network
 * trained at its own rate.
 */
// @ts-ignore: decorator
@inline
export function adamSteps(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  lr: f32,
  rates: usize,
  perParameter: bool,
  beta1: f64,
  beta2: f64,
  eps: f32,
  wd: f32,
  decoupled: i32,
  bc1: f32,
  bc2: f32,
): void {
  const b1 = f32x4.splat(<f32>beta1);
  const b2 = f32x4.splat(<f32>beta2);
  const c1 = f32x4.splat(<f32>(1 - beta1));
  const c2 = f32x4.splat(<f32>(1 - beta2));
  const step = f32x4.splat(lr / bc1);
  const invRoot = f32x4.splat(<f32>(1 / Math.sqrt(bc2))); // √v/√bc2 as a multiply: one division per element
  const veps = f32x4.splat(eps);
  const l2 = f32x4.splat(decoupled ? 0 : wd);
  const shrink = f32x4.splat(decoupled ? 1 - lr * wd : 1);
  const vbc1 = f32x4.splat(bc1);
  const vwd = f32x4.splat(decoupled ? wd : 0);
  const one = f32x4.splat(1);
  for (let i = 0; i < n; i += 4) {
    const o = (<usize>i) << 2;
    const rate = perParameter ? v128.load(rates + o) : one;
    let w = v128.load(p + o);
    const grad = f32x4.add(v128.load(g + o), f32x4.mul(l2, w));
    w = f32x4.mul(w, perParameter ? f32x4.sub(one, f32x4.mul(rate, vwd)) : shrink);
    const mm = f32x4.add(f32x4.mul(b1, v128.load(m + o)), f32x4.mul(c1, grad));
    const vv = f32x4.add(f32x4.mul(b2, v128.load(v + o)), f32x4.mul(c2, f32x4.mul(grad, grad)));
    v128.store(m + o, mm);
    v128.store(v + o, vv);
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(vv), invRoot), veps);
    const rateStep = perParameter ? f32x4.div(rate, vbc1) : step;
    v128.store(p + o, f32x4.sub(w, f32x4.div(f32x4.mul(rateStep, mm), denom)));
  }
}
