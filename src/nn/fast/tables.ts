import type { CompactBatch } from '../../task/batch.ts';

/**
 * The partial-sum table plan for a binary first layer. The input is n_s one-hot control bits and n_b bits in
 * {0, 1} (the paper's §2), so a hidden pre-activation is b1 plus a sum of W1 rows (docs/trainer.md). The n_b
 * task bits are cut into groups of `groupBits` bits (the last group may be shorter), each group gets a table
 * of its rows' subset sums, and a sample's pre-activation is the sum of one entry per table instead of ~n_b/2
 * weight rows. The control row and the bias are folded into the smallest table (the last group's) while that
 * stays small, else they form an n_s-entry table of their own.
 * Entry e = base + W1[addRow[e]], base = entry parent[e] ≥ 0, else b1 if fromBias[e], else 0; every parent
 * comes before its children.
 */
export interface TablePlan {
  readonly entries: number;
  readonly parent: Int32Array;
  readonly addRow: Int32Array;
  readonly fromBias: Int32Array;
  /** Table rows summed per sample: one per group, plus the control table's when not folded. */
  readonly rows: number;
  /** Whether the control row (and bias) is folded into the last group's table: entry (c << lastBits) + v. */
  readonly folded: boolean;
  /** First entry of group g's table, and its bit width. */
  readonly groupBase: Int32Array;
  readonly groupWidth: Int32Array;
  readonly groupBits: number;
  /** First entry of the control table when not folded. */
  readonly controlBase: number;
}

/** Fold the control block into the last group's table while it stays this small (entries). */
const FOLD_LIMIT = 1024;

/**
 * The plan for `skills` control bits and `bits` task bits in groups of `groupBits` bits. Wider groups mean
 * fewer rows per sample but larger tables to rebuild (docs/trainer.md has the measurements).
 */
export function tablePlan(skills: number, bits: number, groupBits = 8): TablePlan {
  const groups = Math.ceil(bits / groupBits);
  const groupWidth = Int32Array.from({ length: groups }, (_, g) => Math.min(groupBits, bits - g * groupBits));
  const lastSize = 1 << groupWidth[groups - 1];
  const folded = skills * lastSize <= FOLD_LIMIT;
  let entries = folded ? 0 : skills;
  for (let g = 0; g < groups; g++)
    entries += (1 << groupWidth[g]) * (folded && g === groups - 1 ? skills : 1);
  const parent = new Int32Array(entries).fill(-1);
  const addRow = new Int32Array(entries).fill(-1);
  const fromBias = new Int32Array(entries);
  const groupBase = new Int32Array(groups);
  // One subset-sum table of group g from entry `base`: entry v = entry (v without its lowest bit) + that bit's
  // row (W1's rows: n_s control bits, then the task bits); entry 0 is the root.
  const subsetTable = (base: number, g: number) => {
    for (let v = 1; v < 1 << groupWidth[g]; v++) {
      parent[base + v] = base + (v & (v - 1));
      addRow[base + v] = skills + g * groupBits + (31 - Math.clz32(v & -v));
    }
  };
  let at = 0;
  for (let g = 0; g < groups; g++) {
    groupBase[g] = at;
    const copies = folded && g === groups - 1 ? skills : 1;
    for (let c = 0; c < copies; c++) {
      if (folded && g === groups - 1) {
        fromBias[at] = 1; // root of skill c's copy: b1 + W1[c]
        addRow[at] = c;
      }
      subsetTable(at, g);
      at += 1 << groupWidth[g];
    }
  }
  const controlBase = at;
  if (!folded) {
    for (let c = 0; c < skills; c++) {
      fromBias[at] = 1;
      addRow[at] = c;
      at++;
    }
  }
  const rows = folded ? groups : groups + 1;
  return { entries, parent, addRow, fromBias, rows, folded, groupBase, groupWidth, groupBits, controlBase };
}

/**
 * The table rows each sample sums, as byte offsets `rowBytes`·entry into the tables (the table-gradient
 * buckets share the layout): rowIdx[b·rows + r], for samples [0, batch.size).
 */
export function tableRows(plan: TablePlan, batch: CompactBatch, rowIdx: Int32Array, rowBytes: number): void {
  const { rows, folded, groupBase, groupWidth, groupBits, controlBase } = plan;
  const groups = groupBase.length;
  const last = groups - 1;
  const { skill, bits, words } = batch;
  // Group g's bits start at bit g·groupBits: word `word[g]`, shift `at[g]`, and may run into the next word.
  const word = Int32Array.from(groupBase, (_, g) => (g * groupBits) >>> 5);
  const at = Int32Array.from(groupBase, (_, g) => (g * groupBits) & 31);
  const mask = Int32Array.from(groupWidth, (w) => (1 << w) - 1);
  const straddles = Uint8Array.from(groupWidth, (w, g) => (at[g] + w > 32 ? 1 : 0));
  for (let b = 0; b < batch.size; b++) {
    const out = b * rows;
    const w = b * words;
    for (let g = 0; g < groups; g++) {
      let v = bits[w + word[g]] >>> at[g];
      if (straddles[g]) v |= bits[w + word[g] + 1] << (32 - at[g]);
      v &= mask[g];
      if (folded && g === last) v += skill[b] << groupWidth[g];
      rowIdx[out + g] = (groupBase[g] + v) * rowBytes;
    }
    if (!folded) rowIdx[out + groups] = (controlBase + skill[b]) * rowBytes;
  }
}
