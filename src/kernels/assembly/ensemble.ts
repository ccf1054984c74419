// Packed ensembles (docs/trainer.md "Packed ensembles"): M one-hidden-layer networks on the same inputs as one
// network whose hidden units are the members' units side by side, each member's block padded to whole v128
// vectors. The first layer is the ordinary `firstLayer`; these kernels give every member its own output (a
// segmented dot product over its block), loss and backward pass, and update each parameter at its member's
// learning rate. Member-major per-member buffers: member m's value of sample b at m·stride + b.
import { columnsBackward, lossGrad } from './mlp';
import { adamSteps, sgdSteps } from './optim';
import { hsum, hsum4, madd, RELU } from './simd';

/**
 * partial[m·stride + b] = Σ_{c ∈ block m} A[b][c]·wOut[c]: member m's output before its bias, its block the
 * vectors [vecStart[m], vecStart[m + 1]) (4 units each). Accumulated vector by vector in column order, as
 * `firstLayer` does for one network, so a member's sum is the one it would get alone. Four samples at a time
 * share each weight vector's load and one horizontal sum (hsum4).
 */
export function memberOutputs(
  A: usize,
  samples: i32,
  width: i32,
  members: i32,
  vecStart: usize,
  wOut: usize,
  partial: usize,
  stride: i32,
): void {
  const rowBytes = (<usize>width) << 2;
  let b = 0;
  for (; b + 4 <= samples; b += 4) {
    const a0 = A + <usize>b * rowBytes;
    const a1 = a0 + rowBytes;
    const a2 = a1 + rowBytes;
    const a3 = a2 + rowBytes;
    let j = load<i32>(vecStart);
    for (let m = 0; m < members; m++) {
      const end = load<i32>(vecStart + ((<usize>(m + 1)) << 2));
      let d0 = f32x4.splat(0);
      let d1 = d0;
      let d2 = d0;
      let d3 = d0;
      for (; j < end; j++) {
        const col = (<usize>j) << 4;
        const w = v128.load(wOut + col);
        d0 = madd(v128.load(a0 + col), w, d0);
        d1 = madd(v128.load(a1 + col), w, d1);
        d2 = madd(v128.load(a2 + col), w, d2);
        d3 = madd(v128.load(a3 + col), w, d3);
      }
      v128.store(partial + ((<usize>(m * stride + b)) << 2), hsum4(d0, d1, d2, d3));
    }
  }
  for (; b < samples; b++) {
    const aRow = A + <usize>b * rowBytes;
    let j = load<i32>(vecStart);
    for (let m = 0; m < members; m++) {
      const end = load<i32>(vecStart + ((<usize>(m + 1)) << 2));
      let d = f32x4.splat(0);
      for (; j < end; j++) {
        const col = (<usize>j) << 4;
        d = madd(v128.load(aRow + col), v128.load(wOut + col), d);
      }
      store<f32>(partial + ((<usize>(m * stride + b)) << 2), hsum(d));
    }
  }
}

/**
 * Every member's outputs, loss and loss gradient for a chunk: `lossGrad` (one output) on member m's partial
 * sums, bias bOut[m], into out and dOut at m·stride (dOut = 0: evaluation) and dBOut[m]; losses[m] (f64)
 * accumulates member m's summed loss.
 */
export function membersLossGrad(
  partial: usize,
  stride: i32,
  members: i32,
  samples: i32,
  padded: i32,
  bOut: usize,
  targets: usize,
  loss: i32,
  scale: f32,
  out: usize,
  dOut: usize,
  dBOut: usize,
  losses: usize,
): void {
  for (let m = 0; m < members; m++) {
    const at = (<usize>(m * stride)) << 2;
    const bias = (<usize>m) << 2;
    const total = lossGrad(
      partial + at,
      1,
      0,
      samples,
      padded,
      1,
      bOut + bias,
      targets,
      loss,
      scale,
      out + at,
      dOut ? dOut + at : 0,
      dBOut + bias,
    );
    const l = losses + ((<usize>m) << 3);
    store<f64>(l, load<f64>(l) + total);
  }
}

/**
 * The packed backward pass over a chunk, `columnsBackward` (columns outermost in blocks of 16 units):
 * vector j's units take their member's output error dOut[vecMember[j]·stride + b], so dWOut += g·a and the
 * hidden gradient (g·wOut)·act'(a) scattered into the table rows are each unit's own member's.
 */
export function packedBackward(
  rowIdx: usize,
  rows: i32,
  samples: i32,
  width: i32,
  act: i32,
  A: usize,
  wOut: usize,
  vecMember: usize,
  dOut: usize,
  stride: i32,
  dWOut: usize,
  buckets: usize,
): void {
  if (act == RELU) columnsBackward(rowIdx, rows, samples, width, 0, width, RELU, A, wOut, dOut, dWOut, buckets, true, vecMember, stride);
  else columnsBackward(rowIdx, rows, samples, width, 0, width, act, A, wOut, dOut, dWOut, buckets, true, vecMember, stride);
}

/** `sgdStep` with parameter i's learning rate rates[i] (f32): p −= rates[i]·(momentum > 0 ? buf : g + wd·p). */
export function sgdStepRates(p: usize, g: usize, buf: usize, n: i32, rates: usize, momentum: f32, wd: f32): void {
  sgdSteps(p, g, buf, n, 0, rates, true, momentum, wd);
}

/** `adamStep` with parameter i's learning rate rates[i] (f32), each element moving as at its own rate. */
export function adamStepRates(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  rates: usize,
  beta1: f64,
  beta2: f64,
  eps: f32,
  wd: f32,
  decoupled: i32,
  bc1: f32,
  bc2: f32,
): void {
  adamSteps(p, g, m, v, n, 0, rates, true, beta1, beta2, eps, wd, decoupled, bc1, bc2);
}
