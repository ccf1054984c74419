// The network's layers over a chunk of samples. Activations are row-major [sample × width]; width is the
// padded hidden width (a multiple of 16) and [c0, c1) the columns (hidden units) this call owns, so two
// threads can split the units of a layer. Output weights are stored output-major [outputs × width].
import { activate, exp4, hsum, log1pUnit4, madd, maskPadding, RELU, TANH, throughActivation } from './simd';

const MSE: i32 = 0;
const MSE_HALF: i32 = 1;
/** Cross-entropy of two logits given only their difference d = z1 − z0 as the single output. */
const CE_DIFFERENCE: i32 = 3;

/**
 * First layer from the partial-sum tables: h[b] = Σ_r tables[rowIdx[b·rows + r]], A[b] = act(h[b]) (padded
 * units forced to 0). With outputs > 0 (a one-hidden-layer network) the output layer is fused in:
 * partial[b·outputs + o] = Σ_{c∈[c0,c1)} A[b][c]·wOut[o][c]. A = 0 skips storing activations (evaluation).
 */
export function firstLayer(
  rowIdx: usize,
  rows: i32,
  samples: i32,
  tables: usize,
  width: i32,
  c0: i32,
  c1: i32,
  realWidth: i32,
  act: i32,
  A: usize,
  wOut: usize,
  outputs: i32,
  partial: usize,
  block: i32,
): void {
  // Specialised copies (constant act, outputs and block fold away the branches in the inner loop).
  if (act == RELU && outputs == 1) {
    if (block == 32) firstLayerWith(rowIdx, rows, samples, tables, width, c0, c1, realWidth, RELU, A, wOut, 1, partial, 32);
    else firstLayerWith(rowIdx, rows, samples, tables, width, c0, c1, realWidth, RELU, A, wOut, 1, partial, 16);
  } else if (act == RELU && outputs == 0)
    firstLayerWith(rowIdx, rows, samples, tables, width, c0, c1, realWidth, RELU, A, wOut, 0, partial, 16);
  else firstLayerWith(rowIdx, rows, samples, tables, width, c0, c1, realWidth, act, A, wOut, outputs, partial, block);
}

/**
 * The activations of 16 first-layer units at column c from their pre-activations, stored at `aRow` (0: not
 * stored), and with output weights `w` (0: none) the dot product with them added to d, which is returned.
 */
// @ts-ignore: decorator
@inline
function activate16(
  h0: v128,
  h1: v128,
  h2: v128,
  h3: v128,
  c: i32,
  act: i32,
  realWidth: i32,
  aRow: usize,
  w: usize,
  d: v128,
): v128 {
  const col = (<usize>c) << 2;
  const a0 = hidden4(h0, act, c, realWidth);
  const a1 = hidden4(h1, act, c + 4, realWidth);
  const a2 = hidden4(h2, act, c + 8, realWidth);
  const a3 = hidden4(h3, act, c + 12, realWidth);
  if (aRow) {
    v128.store(aRow + col, a0);
    v128.store(aRow + col, a1, 16);
    v128.store(aRow + col, a2, 32);
    v128.store(aRow + col, a3, 48);
  }
  if (w) {
    d = madd(a0, v128.load(w + col), d);
    d = madd(a1, v128.load(w + col, 16), d);
    d = madd(a2, v128.load(w + col, 32), d);
    d = madd(a3, v128.load(w + col, 48), d);
  }
  return d;
}

/** The activation of a first-layer pre-activation block of 4 units at column c. */
// @ts-ignore: decorator
@inline
function hidden4(h: v128, act: i32, c: i32, realWidth: i32): v128 {
  // relu needs no mask: padded units have zero weights and bias, so h = 0 there and relu(0) = 0.
  if (act == RELU) return f32x4.pmax(h, f32x4.splat(0));
  return maskPadding(activate(h, act), c, realWidth);
}

// @ts-ignore: decorator
@inline
function firstLayerWith(
  rowIdx: usize,
  rows: i32,
  samples: i32,
  tables: usize,
  width: i32,
  c0: i32,
  c1: i32,
  realWidth: i32,
  act: i32,
  A: usize,
  wOut: usize,
  outputs: i32,
  partial: usize,
  block: i32,
): void {
  const rowBytes = (<usize>width) << 2;
  const zero = f32x4.splat(0);
  for (let b = 0; b < samples; b++) {
    const idx = rowIdx + ((<usize>(b * rows)) << 2);
    const aRow: usize = A ? A + <usize>b * rowBytes : 0;
    const w0: usize = outputs > 0 ? wOut : 0;
    let d0 = zero;
    let d1 = zero;
    let c = c0;
    // Blocks of 32 units (one output at most): each sample's row indices are read half as often.
    if (block == 32 && outputs < 2) {
      for (; c + 32 <= c1; c += 32) {
        const base = tables + ((<usize>c) << 2);
        let p = base + <usize>load<i32>(idx);
        let h0 = v128.load(p);
        let h1 = v128.load(p, 16);
        let h2 = v128.load(p, 32);
        let h3 = v128.load(p, 48);
        let h4 = v128.load(p, 64);
        let h5 = v128.load(p, 80);
        let h6 = v128.load(p, 96);
        let h7 = v128.load(p, 112);
        for (let r = 1; r < rows; r++) {
          p = base + <usize>load<i32>(idx + ((<usize>r) << 2));
          h0 = f32x4.add(h0, v128.load(p));
          h1 = f32x4.add(h1, v128.load(p, 16));
          h2 = f32x4.add(h2, v128.load(p, 32));
          h3 = f32x4.add(h3, v128.load(p, 48));
          h4 = f32x4.add(h4, v128.load(p, 64));
          h5 = f32x4.add(h5, v128.load(p, 80));
          h6 = f32x4.add(h6, v128.load(p, 96));
          h7 = f32x4.add(h7, v128.load(p, 112));
        }
        d0 = activate16(h0, h1, h2, h3, c, act, realWidth, aRow, w0, d0);
        d0 = activate16(h4, h5, h6, h7, c + 16, act, realWidth, aRow, w0, d0);
      }
    }
    for (; c < c1; c += 16) {
      const col = (<usize>c) << 2;
      const base = tables + col;
      let p = base + <usize>load<i32>(idx);
      let h0 = v128.load(p);
      let h1 = v128.load(p, 16);
      let h2 = v128.load(p, 32);
      let h3 = v128.load(p, 48);
      let r = 1;
      for (; r + 1 < rows; r += 2) {
        const q = idx + ((<usize>r) << 2);
        p = base + <usize>load<i32>(q);
        const p2 = base + <usize>load<i32>(q, 4);
        h0 = f32x4.add(h0, f32x4.add(v128.load(p), v128.load(p2)));
        h1 = f32x4.add(h1, f32x4.add(v128.load(p, 16), v128.load(p2, 16)));
        h2 = f32x4.add(h2, f32x4.add(v128.load(p, 32), v128.load(p2, 32)));
        h3 = f32x4.add(h3, f32x4.add(v128.load(p, 48), v128.load(p2, 48)));
      }
      if (r < rows) {
        p = base + <usize>load<i32>(idx + ((<usize>r) << 2));
        h0 = f32x4.add(h0, v128.load(p));
        h1 = f32x4.add(h1, v128.load(p, 16));
        h2 = f32x4.add(h2, v128.load(p, 32));
        h3 = f32x4.add(h3, v128.load(p, 48));
      }
      d0 = activate16(h0, h1, h2, h3, c, act, realWidth, aRow, w0, d0);
      // A second output (evaluating two logits) recomputes the activations rather than keep four more registers.
      if (outputs == 2) d1 = activate16(h0, h1, h2, h3, c, act, realWidth, 0, wOut + rowBytes, d1);
    }
    if (outputs > 0) {
      const out = partial + ((<usize>(b * outputs)) << 2);
      store<f32>(out, hsum(d0));
      if (outputs == 2) store<f32>(out, hsum(d1), 4);
    }
  }
}

/** partial[b·outputs + o] = Σ_{c∈[c0,c1)} A[b][c]·wOut[o][c]: the output layer of a deeper network. */
export function outputDot(
  A: usize,
  samples: i32,
  width: i32,
  c0: i32,
  c1: i32,
  wOut: usize,
  outputs: i32,
  partial: usize,
): void {
  const rowBytes = (<usize>width) << 2;
  for (let b = 0; b < samples; b++) {
    const aRow = A + <usize>b * rowBytes;
    for (let o = 0; o < outputs; o++) {
      const w = wOut + <usize>o * rowBytes;
      let d = f32x4.splat(0);
      for (let c = c0; c < c1; c += 4) d = madd(v128.load(aRow + ((<usize>c) << 2)), v128.load(w + ((<usize>c) << 2)), d);
      store<f32>(partial + ((<usize>(b * outputs + o)) << 2), hsum(d));
    }
  }
}

/**
 * Network outputs and the loss gradient for a chunk: f[b][o] = bOut[o] + Σ_t partial_t[b][o] over `parts`
 * partial sums (one per thread, `partStride` floats apart). Loss per sample: mse (f − y)² (PyTorch MSELoss,
 * no ½), mse-half ½(f − y)² (Eq. 5), or CE_DIFFERENCE, the cross-entropy with class targets[b] ∈ {0, 1} from
 * the single output d = z1 − z0; with two outputs, ce over the two logits (loss only: for evaluation, dOut is
 * not written). dOut = ∂(mean loss)/∂f with `scale` = 1/batch; samples in [samples, padded) get dOut = 0.
 * dOut = 0 skips the gradient (evaluation); otherwise dBOut accumulates Σ_b dOut[b]. Returns the chunk's
 * summed loss.
 */
export function lossGrad(
  partial: usize,
  parts: i32,
  partStride: i32,
  samples: i32,
  padded: i32,
  outputs: i32,
  bOut: usize,
  targets: usize,
  loss: i32,
  scale: f32,
  out: usize,
  dOut: usize,
  dBOut: usize,
): f64 {
  if (outputs == 1) {
    if (loss == CE_DIFFERENCE)
      return lossGrad1(partial, parts, partStride, samples, padded, bOut, targets, CE_DIFFERENCE, scale, out, dOut, dBOut);
    if (loss == MSE) return lossGrad1(partial, parts, partStride, samples, padded, bOut, targets, MSE, scale, out, dOut, dBOut);
    return lossGrad1(partial, parts, partStride, samples, padded, bOut, targets, MSE_HALF, scale, out, dOut, dBOut);
  }
  // Two logits: evaluation only, the loss without a gradient (training runs ce as CE_DIFFERENCE, see
  // src/nn/fast/output-head.ts).
  let total: f64 = 0;
  for (let b = 0; b < padded; b++) {
    for (let o = 0; o < 2; o++) {
      let f = load<f32>(bOut + ((<usize>o) << 2));
      for (let t = 0; t < parts; t++) f += load<f32>(partial + ((<usize>(t * partStride + b * 2 + o)) << 2));
      store<f32>(out + ((<usize>(b * 2 + o)) << 2), f);
    }
    if (b >= samples) continue;
    const f = out + ((<usize>(b * 2)) << 2);
    const d = load<f32>(f, 4) - load<f32>(f);
    const c: f32 = load<f32>(targets + ((<usize>b) << 2)) > 0.5 ? 1 : 0;
    total += <f64>(max(c > 0 ? -d : d, <f32>0) + Mathf.log1p(Mathf.exp(-Mathf.abs(d))));
  }
  return total;
}

/**
 * lossGrad for one output, 4 samples at a time (padded % 4 == 0): the same losses and gradients, with
 * e^{−|d|} and ln(1 + e^{−|d|}) of the cross-entropy in SIMD (src/kernels/assembly/simd.ts).
 */
// @ts-ignore: decorator
@inline
function lossGrad1(
  partial: usize,
  parts: i32,
  partStride: i32,
  samples: i32,
  padded: i32,
  bOut: usize,
  targets: usize,
  loss: i32,
  scale: f32,
  out: usize,
  dOut: usize,
  dBOut: usize,
): f64 {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const step = f32x4.splat(scale);
  const bias = f32x4.splat(load<f32>(bOut));
  let total = f64x2.splat(0);
  let gradSum = zero;
  for (let b = 0; b < padded; b += 4) {
    const at = (<usize>b) << 2;
    let f = f32x4.add(bias, v128.load(partial + at));
    for (let t = 1; t < parts; t++) f = f32x4.add(f, v128.load(partial + ((<usize>(t * partStride)) << 2) + at));
    v128.store(out + at, f);
    const y = v128.load(targets + at);
    const live = i32x4.lt_s(i32x4.add(i32x4.splat(b), i32x4(0, 1, 2, 3)), i32x4.splat(samples));
    let l: v128;
    let g: v128;
    if (loss == CE_DIFFERENCE) {
      // d = f = z1 − z0, class c = [y > ½]: loss max(c ? −d : d, 0) + ln(1 + e^{−|d|}), gradient p1 − c.
      const odd = f32x4.gt(y, half);
      const e = exp4(f32x4.neg(f32x4.abs(f)));
      const inv = f32x4.div(one, f32x4.add(one, e));
      const p1 = v128.bitselect(inv, f32x4.mul(e, inv), f32x4.ge(f, zero));
      l = f32x4.add(f32x4.pmax(v128.bitselect(f32x4.neg(f), f, odd), zero), log1pUnit4(e));
      g = f32x4.mul(f32x4.sub(p1, v128.and(odd, one)), step);
    } else {
      const e = f32x4.sub(f, y);
      l = loss == MSE ? f32x4.mul(e, e) : f32x4.mul(half, f32x4.mul(e, e));
      g = f32x4.mul(loss == MSE ? f32x4.add(e, e) : e, step);
    }
    l = v128.and(l, live);
    if (dOut) {
      g = v128.and(g, live);
      v128.store(dOut + at, g);
      gradSum = f32x4.add(gradSum, g);
    }
    total = f64x2.add(total, f64x2.promote_low_f32x4(l));
    total = f64x2.add(total, f64x2.promote_low_f32x4(v128.shuffle<f32>(l, l, 2, 3, 0, 1)));
  }
  if (dOut) store<f32>(dBOut, load<f32>(dBOut) + hsum(gradSum));
  return f64x2.extract_lane(total, 0) + f64x2.extract_lane(total, 1);
}

/**
 * Back through the output layer for 4 units at column offset `col`: dWOut[o] += g_o·a and returns
 * dz = (Σ_o g_o·wOut[o])·act'(a), the gradient at the units' pre-activation.
 */
// @ts-ignore: decorator
@inline
function outputGrad4(
  a: v128,
  col: usize,
  wOut: usize,
  dWOut: usize,
  rowBytes: usize,
  outputs: i32,
  g0: v128,
  g1: v128,
  act: i32,
): v128 {
  v128.store(dWOut + col, madd(g0, a, v128.load(dWOut + col)));
  let s = f32x4.mul(g0, v128.load(wOut + col));
  if (outputs == 2) {
    v128.store(dWOut + rowBytes + col, madd(g1, a, v128.load(dWOut + rowBytes + col)));
    s = madd(g1, v128.load(wOut + rowBytes + col), s);
  }
  return throughActivation(s, a, act);
}

/**
 * Adds 16 units' hidden gradient z0..z3 into each of a sample's table-gradient rows: at base + the byte offset
 * of each row in idx[0..rows).
 */
// @ts-ignore: decorator
@inline
export function addToRows16(idx: usize, rows: i32, base: usize, z0: v128, z1: v128, z2: v128, z3: v128): void {
  for (let r = 0; r < rows; r++) {
    const p = base + <usize>load<i32>(idx + ((<usize>r) << 2));
    v128.store(p, f32x4.add(v128.load(p), z0));
    v128.store(p, f32x4.add(v128.load(p, 16), z1), 16);
    v128.store(p, f32x4.add(v128.load(p, 32), z2), 32);
    v128.store(p, f32x4.add(v128.load(p, 48), z3), 48);
  }
}

/** oneHiddenBackward's loop order 1 (0 is columns outermost): sample by sample, then row by row. */
const ROWS_OUTER: i32 = 1;
/** Loop order 2: a block of units at a time, each table row's samples summed in registers (gatherBackward). */
const GATHER: i32 = 2;
/** gatherBackward's hidden gradients of a block of 32 units: one sample's every 128 bytes. */
const BLOCK_BYTES: i32 = 128;

/**
 * Backward pass of a one-hidden-layer network over a chunk, fused: output-layer gradient, through the
 * activation, and the hidden gradient of each sample scattered into the table-gradient rows it came from.
 * `order` 0 (columns outermost) keeps a block of 16 units in registers over the samples; ROWS_OUTER takes a sample at
 * a time, writes its hidden gradient over its activations in A (consumed), then adds that row into each of its
 * table-gradient rows in turn, two rows per pass. GATHER (one output; two fall back to ROWS_OUTER) sorts the
 * chunk's samples by table row in `scratch` (entries + 1 + samples·rows i32, then samples·32 f32 on a 16-byte
 * boundary) and adds each row's sum once (gatherBackward).
 */
export function oneHiddenBackward(
  rowIdx: usize,
  rows: i32,
  samples: i32,
  width: i32,
  c0: i32,
  c1: i32,
  act: i32,
  A: usize,
  wOut: usize,
  outputs: i32,
  dOut: usize,
  dWOut: usize,
  buckets: usize,
  order: i32,
  entries: i32,
  scratch: usize,
): void {
  const relu1 = act == RELU && outputs == 1;
  if (order == GATHER && outputs == 1) {
    if (act == RELU) gatherBackward(rowIdx, rows, samples, width, c0, c1, RELU, A, wOut, dOut, dWOut, buckets, entries, scratch);
    else gatherBackward(rowIdx, rows, samples, width, c0, c1, act, A, wOut, dOut, dWOut, buckets, entries, scratch);
  } else if (order == ROWS_OUTER || order == GATHER) {
    if (relu1) oneHiddenBackwardBySample(rowIdx, rows, samples, width, c0, c1, RELU, A, wOut, 1, dOut, dWOut, buckets, true);
    else oneHiddenBackwardBySample(rowIdx, rows, samples, width, c0, c1, act, A, wOut, outputs, dOut, dWOut, buckets, true);
  } else if (relu1) columnsBackward(rowIdx, rows, samples, width, c0, c1, RELU, A, wOut, dOut, dWOut, buckets, false, 0, 0);
  else oneHiddenBackwardBySample(rowIdx, rows, samples, width, c0, c1, act, A, wOut, outputs, dOut, dWOut, buckets, false);
}

/**
 * oneHiddenBackward sample by sample (ROWS_OUTER, or columns outermost for other than relu with one output):
 * `rowsOuter` is a constant at each call, so each instance compiles to one of the two loop nests.
 */
// @ts-ignore: decorator
@inline
function oneHiddenBackwardBySample(
  rowIdx: usize,
  rows: i32,
  samples: i32,
  width: i32,
  c0: i32,
  c1: i32,
  act: i32,
  A: usize,
  wOut: usize,
  outputs: i32,
  dOut: usize,
  dWOut: usize,
  buckets: usize,
  rowsOuter: bool,
): void {
  const rowBytes = (<usize>width) << 2;
  for (let b = 0; b < samples; b++) {
    const idx = rowIdx + ((<usize>(b * rows)) << 2);
    const aRow = A + <usize>b * rowBytes;
    const g = dOut + ((<usize>(b * outputs)) << 2);
    const g0 = f32x4.splat(load<f32>(g));
    const g1 = outputs == 2 ? f32x4.splat(load<f32>(g, 4)) : f32x4.splat(0);
    if (rowsOuter) rowsOuterSample(idx, rows, c0, c1, act, aRow, wOut, outputs, dWOut, buckets, rowBytes, g0, g1);
    else {
      for (let c = c0; c < c1; c += 16) {
        const col = (<usize>c) << 2;
        const z0 = outputGrad4(v128.load(aRow + col), col, wOut, dWOut, rowBytes, outputs, g0, g1, act);
        const z1 = outputGrad4(v128.load(aRow + col, 16), col + 16, wOut, dWOut, rowBytes, outputs, g0, g1, act);
        const z2 = outputGrad4(v128.load(aRow + col, 32), col + 32, wOut, dWOut, rowBytes, outputs, g0, g1, act);
        const z3 = outputGrad4(v128.load(aRow + col, 48), col + 48, wOut, dWOut, rowBytes, outputs, g0, g1, act);
        addToRows16(idx, rows, buckets + col, z0, z1, z2, z3);
      }
    }
  }
}

/**
 * One sample of ROWS_OUTER: its hidden gradient over its activations z (consumed), then z added into each of its
 * table-gradient rows idx[0..rows), two rows per pass.
 */
// @ts-ignore: decorator
@inline
function rowsOuterSample(
  idx: usize,
  rows: i32,
  c0: i32,
  c1: i32,
  act: i32,
  z: usize,
  wOut: usize,
  outputs: i32,
  dWOut: usize,
  buckets: usize,
  rowBytes: usize,
  g0: v128,
  g1: v128,
): void {
  const lo = (<usize>c0) << 2;
  const hi = (<usize>c1) << 2;
  for (let col = lo; col < hi; col += 16)
    v128.store(z + col, outputGrad4(v128.load(z + col), col, wOut, dWOut, rowBytes, outputs, g0, g1, act));
  let r = 0;
  for (; r + 1 < rows; r += 2) {
    const q = idx + ((<usize>r) << 2);
    const p = buckets + <usize>load<i32>(q);
    const p2 = buckets + <usize>load<i32>(q, 4);
    for (let col = lo; col < hi; col += 32) {
      const d0 = v128.load(z + col);
      const d1 = v128.load(z + col, 16);
      v128.store(p + col, f32x4.add(v128.load(p + col), d0));
      v128.store(p + col, f32x4.add(v128.load(p + col, 16), d1), 16);
      v128.store(p2 + col, f32x4.add(v128.load(p2 + col), d0));
      v128.store(p2 + col, f32x4.add(v128.load(p2 + col, 16), d1), 16);
    }
  }
  if (r < rows) {
    const p = buckets + <usize>load<i32>(idx + ((<usize>r) << 2));
    for (let col = lo; col < hi; col += 16) v128.store(p + col, f32x4.add(v128.load(p + col), v128.load(z + col)));
  }
}

/**
 * The backward pass columns outermost: a block of 16 units keeps its output weights and their gradient in
 * registers over the chunk's samples, and the buckets it updates (entries × 64 bytes) stay in the first-level
 * cache. One output, error dOut[b]; or (packed, a constant at each call) a packed ensemble's, where vector j's units
 * take their member's error dOut[vecMember[j]·stride + b].
 */
// @ts-ignore: decorator
@inline
export function columnsBackward(
  rowIdx: usize,
  rows: i32,
  samples: i32,
  width: i32,
  c0: i32,
  c1: i32,
  act: i32,
  A: usize,
  wOut: usize,
  dOut: usize,
  dWOut: usize,
  buckets: usize,
  packed: bool,
  vecMember: usize,
  stride: i32,
): void {
  const rowBytes = (<usize>width) << 2;
  for (let c = c0; c < c1; c += 16) {
    const col = (<usize>c) << 2;
    const members = vecMember + ((<usize>(c >> 2)) << 2);
    // Member m's error of sample b is at dOut + (m·stride + b)·4: the row start of each vector's member.
    const g0At = packed ? dOut + ((<usize>(load<i32>(members) * stride)) << 2) : dOut;
    const g1At = packed ? dOut + ((<usize>(load<i32>(members, 4) * stride)) << 2) : dOut;
    const g2At = packed ? dOut + ((<usize>(load<i32>(members, 8) * stride)) << 2) : dOut;
    const g3At = packed ? dOut + ((<usize>(load<i32>(members, 12) * stride)) << 2) : dOut;
    block16Backward(samples, rowBytes, col, act, A, wOut, dWOut, g0At, g1At, g2At, g3At, packed, rowIdx, rows, buckets + col, false, 0);
  }
}

/**
 * The backward pass by gathering (one output): the chunk's (sample, row) pairs are sorted by the table-gradient
 * row they add to, once (sortByRow); then, 32 units at a time, the samples' hidden gradients go into one
 * contiguous block z (the output-weight gradient kept in registers), and each table row adds up its samples'
 * gradients from z in registers and is updated once. Where rows-outer updates a row once per sample using it (a load,
 * an add and a store each time), this loads each sample's gradient once per row and stores a row once a chunk.
 */
// @ts-ignore: decorator
@inline
function gatherBackward(
  rowIdx: usize,
  rows: i32,
  samples: i32,
  width: i32,
  c0: i32,
  c1: i32,
  act: i32,
  A: usize,
  wOut: usize,
  dOut: usize,
  dWOut: usize,
  buckets: usize,
  entries: i32,
  scratch: usize,
): void {
  const rowBytes = (<usize>width) << 2;
  const ends = scratch;
  const order = scratch + ((<usize>(entries + 1)) << 2);
  const z = (order + ((<usize>(samples * rows)) << 2) + 15) & ~15;
  sortByRow(rowIdx, samples, rows, rowBytes, entries, ends, order);
  let c = c0;
  for (; c + 32 <= c1; c += 32) {
    const col = (<usize>c) << 2;
    block16Backward(samples, rowBytes, col, act, A, wOut, dWOut, dOut, dOut, dOut, dOut, false, 0, 0, 0, true, z);
    block16Backward(samples, rowBytes, col + 64, act, A, wOut, dWOut, dOut, dOut, dOut, dOut, false, 0, 0, 0, true, z + 64);
    gatherRows(entries, ends, order, z, buckets + col, rowBytes, true);
  }
  if (c < c1) {
    const col = (<usize>c) << 2;
    block16Backward(samples, rowBytes, col, act, A, wOut, dWOut, dOut, dOut, dOut, dOut, false, 0, 0, 0, true, z);
    gatherRows(entries, ends, order, z, buckets + col, rowBytes, false);
  }
}

/**
 * Counting sort of the chunk's (sample, row) pairs by table row: ends[g] (g < entries) is one past the last of
 * row g's pairs in `order`, which holds each pair's sample as the byte offset of its gradient in z (b·BLOCK_BYTES).
 */
// @ts-ignore: decorator
@inline
function sortByRow(rowIdx: usize, samples: i32, rows: i32, rowBytes: usize, entries: i32, ends: usize, order: usize): void {
  const n = samples * rows;
  memory.fill(ends, 0, (<usize>(entries + 1)) << 2);
  // Row indices are byte offsets g·rowBytes into the tables: g by a multiplication (exact, g < 2^20).
  const inverse = 1 / <f64>rowBytes;
  for (let i = 0; i < n; i++) {
    const g = <i32>(<f64>load<i32>(rowIdx + ((<usize>i) << 2)) * inverse + 0.5);
    const at = ends + ((<usize>(g + 1)) << 2);
    store<i32>(at, load<i32>(at) + 1);
  }
  // ends[g] = where row g's pairs start, then placing each pair moves it to where they end.
  for (let g = 1; g <= entries; g++) {
    const at = ends + ((<usize>g) << 2);
    store<i32>(at, load<i32>(at) + load<i32>(at - 4));
  }
  let idx = rowIdx;
  let a: i32 = 0;
  for (let b = 0; b < samples; b++, a += BLOCK_BYTES) {
    for (let r = 0; r < rows; r++, idx += 4) {
      const g = <i32>(<f64>load<i32>(idx) * inverse + 0.5);
      const at = ends + ((<usize>g) << 2);
      const slot = load<i32>(at);
      store<i32>(at, slot + 1);
      store<i32>(order + ((<usize>slot) << 2), a);
    }
  }
}

/**
 * The backward pass of 16 units at column offset `col` over the chunk's samples, with dWOut += g·a accumulated
 * in registers: each sample's hidden gradient z = (g·w)·act'(a) is added into its table-gradient rows
 * (columnsBackward), or with `gathering` stored at z (one sample every BLOCK_BYTES; gatherBackward). The error
 * of vector j's units is at gjAt + 4b; they differ only when `packed` (a packed ensemble's members).
 */
// @ts-ignore: decorator
@inline
function block16Backward(
  samples: i32,
  rowBytes: usize,
  col: usize,
  act: i32,
  A: usize,
  wOut: usize,
  dWOut: usize,
  g0At: usize,
  g1At: usize,
  g2At: usize,
  g3At: usize,
  packed: bool,
  rowIdx: usize,
  rows: i32,
  base: usize,
  gathering: bool,
  z: usize,
): void {
  const w0 = v128.load(wOut + col);
  const w1 = v128.load(wOut + col, 16);
  const w2 = v128.load(wOut + col, 32);
  const w3 = v128.load(wOut + col, 48);
  let dw0 = v128.load(dWOut + col);
  let dw1 = v128.load(dWOut + col, 16);
  let dw2 = v128.load(dWOut + col, 32);
  let dw3 = v128.load(dWOut + col, 48);
  for (let b = 0; b < samples; b++) {
    const at = (<usize>b) << 2;
    const g0 = v128.load32_splat(g0At + at);
    const g1 = packed ? v128.load32_splat(g1At + at) : g0;
    const g2 = packed ? v128.load32_splat(g2At + at) : g0;
    const g3 = packed ? v128.load32_splat(g3At + at) : g0;
    const a = A + <usize>b * rowBytes + col;
    const a0 = v128.load(a);
    const a1 = v128.load(a, 16);
    const a2 = v128.load(a, 32);
    const a3 = v128.load(a, 48);
    dw0 = madd(g0, a0, dw0);
    dw1 = madd(g1, a1, dw1);
    dw2 = madd(g2, a2, dw2);
    dw3 = madd(g3, a3, dw3);
    const z0 = throughActivation(f32x4.mul(g0, w0), a0, act);
    const z1 = throughActivation(f32x4.mul(g1, w1), a1, act);
    const z2 = throughActivation(f32x4.mul(g2, w2), a2, act);
    const z3 = throughActivation(f32x4.mul(g3, w3), a3, act);
    if (gathering) {
      const zb = z + <usize>b * BLOCK_BYTES;
      v128.store(zb, z0);
      v128.store(zb, z1, 16);
      v128.store(zb, z2, 32);
      v128.store(zb, z3, 48);
    } else addToRows16(rowIdx + ((<usize>(b * rows)) << 2), rows, base, z0, z1, z2, z3);
  }
  v128.store(dWOut + col, dw0);
  v128.store(dWOut + col, dw1, 16);
  v128.store(dWOut + col, dw2, 32);
  v128.store(dWOut + col, dw3, 48);
}

/**
 * For each table row g, the sum of its samples' hidden gradients (16 units, or 32 when `wide`, in the block z,
 * one sample every BLOCK_BYTES) added once into the row's bucket at buckets + g·rowBytes.
 */
// @ts-ignore: decorator
@inline
function gatherRows(entries: i32, ends: usize, order: usize, z: usize, buckets: usize, rowBytes: usize, wide: bool): void {
  let begin = 0;
  let q = buckets;
  for (let g = 0; g < entries; g++, q += rowBytes) {
    const end = load<i32>(ends + ((<usize>g) << 2));
    if (end == begin) continue;
    let p = z + <usize>load<i32>(order + ((<usize>begin) << 2));
    let s0 = v128.load(p);
    let s1 = v128.load(p, 16);
    let s2 = v128.load(p, 32);
    let s3 = v128.load(p, 48);
    let s4 = wide ? v128.load(p, 64) : s0;
    let s5 = wide ? v128.load(p, 80) : s0;
    let s6 = wide ? v128.load(p, 96) : s0;
    let s7 = wide ? v128.load(p, 112) : s0;
    for (let i = begin + 1; i < end; i++) {
      p = z + <usize>load<i32>(order + ((<usize>i) << 2));
      s0 = f32x4.add(s0, v128.load(p));
      s1 = f32x4.add(s1, v128.load(p, 16));
      s2 = f32x4.add(s2, v128.load(p, 32));
      s3 = f32x4.add(s3, v128.load(p, 48));
      if (wide) {
        s4 = f32x4.add(s4, v128.load(p, 64));
        s5 = f32x4.add(s5, v128.load(p, 80));
        s6 = f32x4.add(s6, v128.load(p, 96));
        s7 = f32x4.add(s7, v128.load(p, 112));
      }
    }
    v128.store(q, f32x4.add(v128.load(q), s0));
    v128.store(q, f32x4.add(v128.load(q, 16), s1), 16);
    v128.store(q, f32x4.add(v128.load(q, 32), s2), 32);
    v128.store(q, f32x4.add(v128.load(q, 48), s3), 48);
    if (wide) {
      v128.store(q, f32x4.add(v128.load(q, 64), s4), 64);
      v128.store(q, f32x4.add(v128.load(q, 80), s5), 80);
      v128.store(q, f32x4.add(v128.load(q, 96), s6), 96);
      v128.store(q, f32x4.add(v128.load(q, 112), s7), 112);
    }
    begin = end;
  }
}

/** The output layer's backward pass for a deeper network: dWOut += g ⊗ A, dZ = (g·wOut) ⊙ act'(A). */
export function outputBackward(
  A: usize,
  samples: i32,
  width: i32,
  act: i32,
  wOut: usize,
  outputs: i32,
  dOut: usize,
  dWOut: usize,
  dZ: usize,
): void {
  const rowBytes = (<usize>width) << 2;
  for (let b = 0; b < samples; b++) {
    const g = dOut + ((<usize>(b * outputs)) << 2);
    const g0 = f32x4.splat(load<f32>(g));
    const g1 = outputs == 2 ? f32x4.splat(load<f32>(g, 4)) : f32x4.splat(0);
    const off = <usize>b * rowBytes;
    for (let c = 0; c < width; c += 4) {
      const col = (<usize>c) << 2;
      v128.store(dZ + off + col, outputGrad4(v128.load(A + off + col), col, wOut, dWOut, rowBytes, outputs, g0, g1, act));
    }
  }
}

/** Scatters each sample's first-layer gradient dZ[b] into the table-gradient rows the sample used. */
export function scatterRows(dZ: usize, rowIdx: usize, rows: i32, samples: i32, width: i32, buckets: usize): void {
  const rowBytes = (<usize>width) << 2;
  for (let b = 0; b < samples; b++) {
    const idx = rowIdx + ((<usize>(b * rows)) << 2);
    const z = dZ + <usize>b * rowBytes;
    for (let r = 0; r < rows; r++) {
      const p = buckets + <usize>load<i32>(idx + ((<usize>r) << 2));
      for (let c = 0; c < width; c += 4) {
        const col = (<usize>c) << 2;
        v128.store(p + col, f32x4.add(v128.load(p + col), v128.load(z + col)));
      }
    }
  }
}

/**
 * A dense hidden layer: Aout[b] = act(bias + Σ_j Ain[b][j]·W[j]) for W input-major [widthIn × widthOut].
 * Register-blocked 4 samples × 8 units so each weight load serves four samples; samples % 4 == 0.
 */
export function denseForward(
  Ain: usize,
  samples: i32,
  widthIn: i32,
  realIn: i32,
  W: usize,
  bias: usize,
  widthOut: i32,
  realOut: i32,
  act: i32,
  Aout: usize,
): void {
  const inBytes = (<usize>widthIn) << 2;
  const outBytes = (<usize>widthOut) << 2;
  for (let c = 0; c < widthOut; c += 8) {
    const col = (<usize>c) << 2;
    const bl = v128.load(bias + col);
    const bh = v128.load(bias + col, 16);
    for (let b = 0; b < samples; b += 4) {
      const a = Ain + <usize>b * inBytes;
      let s0l = bl, s0h = bh, s1l = bl, s1h = bh, s2l = bl, s2h = bh, s3l = bl, s3h = bh;
      for (let j = 0; j < realIn; j++) {
        const w = W + <usize>j * outBytes + col;
        const wl = v128.load(w);
        const wh = v128.load(w, 16);
        const x = a + ((<usize>j) << 2);
        const x0 = v128.load32_splat(x);
        const x1 = v128.load32_splat(x + inBytes);
        const x2 = v128.load32_splat(x + 2 * inBytes);
        const x3 = v128.load32_splat(x + 3 * inBytes);
        s0l = madd(x0, wl, s0l);
        s0h = madd(x0, wh, s0h);
        s1l = madd(x1, wl, s1l);
        s1h = madd(x1, wh, s1h);
        s2l = madd(x2, wl, s2l);
        s2h = madd(x2, wh, s2h);
        s3l = madd(x3, wl, s3l);
        s3h = madd(x3, wh, s3h);
      }
      const o = Aout + <usize>b * outBytes + col;
      v128.store(o, maskPadding(activate(s0l, act), c, realOut));
      v128.store(o, maskPadding(activate(s0h, act), c + 4, realOut), 16);
      v128.store(o + outBytes, maskPadding(activate(s1l, act), c, realOut));
      v128.store(o + outBytes, maskPadding(activate(s1h, act), c + 4, realOut), 16);
      v128.store(o + 2 * outBytes, maskPadding(activate(s2l, act), c, realOut));
      v128.store(o + 2 * outBytes, maskPadding(activate(s2h, act), c + 4, realOut), 16);
      v128.store(o + 3 * outBytes, maskPadding(activate(s3l, act), c, realOut));
      v128.store(o + 3 * outBytes, maskPadding(activate(s3h, act), c + 4, realOut), 16);
    }
  }
}

/**
 * A dense hidden layer's backward pass given dZ (its pre-activation gradient): dW[j] += Σ_b Ain[b][j]·dZ[b],
 * dBias += Σ_b dZ[b], and dZin[b][j] = (Σ_c dZ[b][c]·W[j][c])·act'(Ain[b][j]) for the layer below.
 */
export function denseBackward(
  Ain: usize,
  samples: i32,
  widthIn: i32,
  realIn: i32,
  actIn: i32,
  W: usize,
  widthOut: i32,
  dZ: usize,
  dW: usize,
  dBias: usize,
  dZin: usize,
): void {
  const inBytes = (<usize>widthIn) << 2;
  const outBytes = (<usize>widthOut) << 2;
  for (let c = 0; c < widthOut; c += 4) {
    const col = (<usize>c) << 2;
    let s = v128.load(dBias + col);
    for (let b = 0; b < samples; b++) s = f32x4.add(s, v128.load(dZ + <usize>b * outBytes + col));
    v128.store(dBias + col, s);
  }
  for (let j = 0; j < realIn; j++) {
    const dw = dW + <usize>j * outBytes;
    for (let b = 0; b < samples; b++) {
      const x = f32x4.splat(load<f32>(Ain + <usize>b * inBytes + ((<usize>j) << 2)));
      const z = dZ + <usize>b * outBytes;
      for (let c = 0; c < widthOut; c += 4) {
        const col = (<usize>c) << 2;
        v128.store(dw + col, madd(x, v128.load(z + col), v128.load(dw + col)));
      }
    }
  }
  for (let b = 0; b < samples; b++) {
    const z = dZ + <usize>b * outBytes;
    const a = Ain + <usize>b * inBytes;
    const out = dZin + <usize>b * inBytes;
    for (let j = 0; j < widthIn; j++) {
      const w = W + <usize>j * outBytes;
      let d = f32x4.splat(0);
      if (j < realIn) for (let c = 0; c < widthOut; c += 4) d = madd(v128.load(z + ((<usize>c) << 2)), v128.load(w + ((<usize>c) << 2)), d);
      store<f32>(out + ((<usize>j) << 2), hsum(d) * slope1(load<f32>(a + ((<usize>j) << 2)), actIn));
    }
  }
}

// @ts-ignore: decorator
@inline
function slope1(a: f32, act: i32): f32 {
  if (act == RELU) return a > 0 ? 1 : 0;
  if (act == TANH) return 1 - a * a;
  return a * (1 - a);
}
