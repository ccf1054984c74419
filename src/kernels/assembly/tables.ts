// Partial-sum tables for a binary-input first layer (docs/trainer.md). Table entry e is the sum of
// a set of first-layer rows, built incrementally: entry(e) = base(e) + W1[addRow[e]], where base(e) is
// entry(parent[e]), or the bias b1 (fromBias[e] = 1), or zero. A sample's pre-activation is then the sum of
// a few entries (one per group of 4 input bits), and the gradient flows back through the same tree.
// Entries are ordered so every parent precedes its children. Columns [c0, c1) only: threads split them.

export function buildTables(
  tables: usize,
  entries: i32,
  parent: usize,
  addRow: usize,
  fromBias: usize,
  weights: usize,
  bias: usize,
  width: i32,
  c0: i32,
  c1: i32,
): void {
  const rowBytes = (<usize>width) << 2;
  for (let e = 0; e < entries; e++) {
    const dst = tables + <usize>e * rowBytes;
    const p = load<i32>(parent + ((<usize>e) << 2));
    const a = load<i32>(addRow + ((<usize>e) << 2));
    const base: usize = p >= 0 ? tables + <usize>p * rowBytes : load<i32>(fromBias + ((<usize>e) << 2)) ? bias : 0;
    const add: usize = a >= 0 ? weights + <usize>a * rowBytes : 0;
    for (let c = c0; c < c1; c += 4) {
      const col = (<usize>c) << 2;
      let v = base ? v128.load(base + col) : f32x4.splat(0);
      if (add) v = f32x4.add(v, v128.load(add + col));
      v128.store(dst + col, v);
    }
  }
}

/**
 * The backward pass of buildTables: `grads` holds dL/d(entry) per entry (the scattered hidden gradients);
 * adds each entry's subtree sum into dW1[addRow[e]] and, at the roots, into db1. Consumes `grads`, leaving
 * its columns [c0, c1) zero for the next step's scatter.
 */
export function reduceTables(
  grads: usize,
  entries: i32,
  parent: usize,
  addRow: usize,
  fromBias: usize,
  dWeights: usize,
  dBias: usize,
  width: i32,
  c0: i32,
  c1: i32,
): void {
  const rowBytes = (<usize>width) << 2;
  for (let e = entries - 1; e >= 0; e--) {
    const src = grads + <usize>e * rowBytes;
    const p = load<i32>(parent + ((<usize>e) << 2));
    const a = load<i32>(addRow + ((<usize>e) << 2));
    const into: usize = p >= 0 ? grads + <usize>p * rowBytes : load<i32>(fromBias + ((<usize>e) << 2)) ? dBias : 0;
    const dw: usize = a >= 0 ? dWeights + <usize>a * rowBytes : 0;
    for (let c = c0; c < c1; c += 4) {
      const col = (<usize>c) << 2;
      const g = v128.load(src + col);
      v128.store(src + col, f32x4.splat(0));
      if (dw) v128.store(dw + col, f32x4.add(v128.load(dw + col), g));
      if (into) v128.store(into + col, f32x4.add(v128.load(into + col), g));
    }
  }
}

/**
 * The table rows each sample sums (src/nn/fast/tables.ts `tableRows` is the reference): for sample b with
 * skill skill[b] and packed task bits bits[b·words ..], rowIdx[b·rows + g] = rowBytes·(groupBase[g] + v_g),
 * v_g the value of group g's bits (plus skill·2^width for group `foldGroup`, which holds the control row),
 * and with foldGroup < 0 (a control table of its own) rowIdx[b·rows + groups] = rowBytes·(controlBase + skill[b]).
 */
export function tableRows(
  skill: usize,
  bits: usize,
  words: i32,
  samples: i32,
  groups: i32,
  groupBits: i32,
  groupBase: usize,
  groupWidth: usize,
  foldGroup: i32,
  controlBase: i32,
  rowBytes: i32,
  rowIdx: usize,
): void {
  const folded = foldGroup >= 0;
  const rows = folded ? groups : groups + 1;
  if (words <= 2) {
    // Up to 64 task bits: one 64-bit word per sample, shifted group by group (every group but the last is
    // groupBits wide).
    const last = groups - 1;
    const lastWidth = load<i32>(groupWidth + ((<usize>last) << 2));
    const mask = <u64>((1 << groupBits) - 1);
    for (let b = 0; b < samples; b++) {
      let x: u64 = words == 2 ? load<u64>(bits + ((<usize>b) << 3)) : <u64>load<u32>(bits + ((<usize>b) << 2));
      const out = rowIdx + ((<usize>(b * rows)) << 2);
      const k = load<i32>(skill + ((<usize>b) << 2));
      for (let g = 0; g < groups; g++) {
        const width = g == last ? lastWidth : groupBits;
        let v = <i32>(x & mask) & ((1 << width) - 1);
        if (g == foldGroup) v += k << width;
        store<i32>(out + ((<usize>g) << 2), (load<i32>(groupBase + ((<usize>g) << 2)) + v) * rowBytes);
        x >>= <u64>groupBits;
      }
      if (!folded) store<i32>(out + ((<usize>groups) << 2), (controlBase + k) * rowBytes);
    }
    return;
  }
  for (let b = 0; b < samples; b++) {
    const x = bits + ((<usize>(b * words)) << 2);
    const k = load<i32>(skill + ((<usize>b) << 2));
    const out = rowIdx + ((<usize>(b * rows)) << 2);
    for (let g = 0; g < groups; g++) {
      const at = g * groupBits;
      const width = load<i32>(groupWidth + ((<usize>g) << 2));
      const shift = at & 31;
      const word = x + ((<usize>(at >>> 5)) << 2);
      let v = load<u32>(word) >>> shift;
      if (shift + width > 32) v |= load<u32>(word, 4) << (32 - shift);
      v &= (1 << width) - 1;
      if (g == foldGroup) v += k << width;
      store<i32>(out + ((<usize>g) << 2), (load<i32>(groupBase + ((<usize>g) << 2)) + v) * rowBytes);
    }
    if (!folded) store<i32>(out + ((<usize>groups) << 2), (controlBase + k) * rowBytes);
  }
}
