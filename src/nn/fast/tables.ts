import type { CompactBatch } from '../../task/batch.ts';

/**
 * The partial-sum table plan for a binary first layer (baselines.md §c.5, §e): the n_b task bits in groups
 * of 4, each group a 16-entry table of its rows' subset sums, so a sample's pre-activation is a sum of
 * ⌈n_b/4⌉ table rows instead of ~n_b/2 weight rows. The control row and the bias are folded into the first
 * group's table when n_s is small (n_s·16 entries), else kept as an n_s-entry table of their own.
 * Entry e = base + W1[addRow[e]], base = entry parent[e] ≥ 0, else b1 if fromBias[e], else 0.
 */
export interface TablePlan {
  readonly entries: number;
  readonly parent: Int32Array;
  readonly addRow: Int32Array;
  readonly fromBias: Int32Array;
  /** Table rows summed per sample. */
  readonly rows: number;
  /** Whether the control row shares group 0's table (entry c·16 + nibble) or has its own (entry c). */
  readonly folded: boolean;
  /** First entry of bit group g's table (for g ≥ 1 when folded). */
  readonly groupBase: Int32Array;
  /** Task bits per group. */
  readonly groupBits: number;
}

/** Fold the control block into the first bit group while that table stays this small (entries). */
const FOLD_LIMIT = 1024;

/**
 * The plan for `skills` control bits and `bits` task bits in groups of `groupBits` bits: each group a
 * 2^groupBits-entry table. Wider groups mean fewer rows per sample but larger tables to rebuild.
 */
export function tablePlan(skills: number, bits: number, groupBits = 8): TablePlan {
  const size = 1 << groupBits;
  const groups = Math.ceil(bits / groupBits);
  const folded = skills * size <= FOLD_LIMIT;
  const entries = folded ? skills * size + (groups - 1) * size : skills + groups * size;
  const parent = new Int32Array(entries).fill(-1);
  const addRow = new Int32Array(entries).fill(-1);
  const fromBias = new Int32Array(entries);
  const groupBase = new Int32Array(groups);
  // Row of bit i of group g in W1 (inputs: n_s control bits, then the task bits), −1 past n_b.
  const bitRow = (g: number, i: number) => (groupBits * g + i < bits ? skills + groupBits * g + i : -1);
  // One subset-sum table from `base`: entry v = entry (v without its lowest bit) + that bit's row.
  const subsetTable = (base: number, g: number, root: (e: number) => void) => {
    root(base);
    for (let v = 1; v < size; v++) {
      parent[base + v] = base + (v & (v - 1));
      addRow[base + v] = bitRow(g, 31 - Math.clz32(v & -v));
    }
  };
  let at = 0;
  if (folded) {
    for (let c = 0; c < skills; c++) {
      subsetTable(at, 0, (e) => {
        fromBias[e] = 1;
        addRow[e] = c;
      });
      at += size;
    }
  } else {
    for (let c = 0; c < skills; c++) {
      fromBias[at] = 1;
      addRow[at] = c;
      at++;
    }
  }
  for (let g = folded ? 1 : 0; g < groups; g++) {
    groupBase[g] = at;
    subsetTable(at, g, () => {});
    at += size;
  }
  return {
    entries,
    parent,
    addRow,
    fromBias,
    rows: folded ? groups : groups + 1,
    folded,
    groupBase,
    groupBits,
  };
}

/**
 * The table rows each sample sums, as byte offsets `rowBytes`·entry into the tables (the table-gradient
 * buckets share the layout): rowIdx[b·rows + r], for samples [0, batch.size).
 */
export function tableRows(plan: TablePlan, batch: CompactBatch, rowIdx: Int32Array, rowBytes: number): void {
  const { rows, folded, groupBase, groupBits } = plan;
  const groups = groupBase.length;
  const shift = folded ? 0 : 1; // where they start in a sample's row list
  const mask = (1 << groupBits) - 1;
  const { skill, bits, words } = batch;
  // Group g's bits start at bit g·groupBits: word `word[g]`, shift `at[g]`, and may run into the next word.
  const word = Int32Array.from(groupBase, (_, g) => (g * groupBits) >>> 5);
  const at = Int32Array.from(groupBase, (_, g) => (g * groupBits) & 31);
  const straddles = Uint8Array.from(at, (a) => (a + groupBits > 32 ? 1 : 0));
  for (let b = 0; b < batch.size; b++) {
    const out = b * rows;
    const w = b * words;
    for (let g = 0; g < groups; g++) {
      let v = bits[w + word[g]] >>> at[g];
      if (straddles[g]) v |= bits[w + word[g] + 1] << (32 - at[g]);
      v &= mask;
      if (g === 0 && folded) rowIdx[out] = ((skill[b] << groupBits) + v) * rowBytes;
      else rowIdx[out + shift + g] = (groupBase[g] + v) * rowBytes;
    }
    if (!folded) rowIdx[out] = skill[b] * rowBytes;
  }
}
