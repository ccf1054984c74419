import type { CompactBatch } from '../../task/batch.ts';

/**
 * The partial-sum table plan for a binary first layer. The input is n_s one-hot control bits and n_b bits in
 * {0, 1} (the paper's §2), so a hidden pre-activation is b1 plus a sum of W1 rows (docs/trainer.md). The n_b
 * task bits are cut into groups of `groupBits` bits (the last group may be shorter), each group gets a table
 * of its rows' subset sums, and a sample's pre-activation is the sum of one entry per table instead of ~n_b/2
 * weight rows. The control row and the bias are folded into one group's table (`fold`: the first or the last
 * group's; that table then has one copy per skill), or form an n_s-entry table of their own ('none').
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
  /** The group whose table holds the control row (and bias), entry (c << width) + v; −1: none does. */
  readonly foldGroup: number;
  /** First entry of group g's table, and its bit width. */
  readonly groupBase: Int32Array;
  readonly groupWidth: Int32Array;
  readonly groupBits: number;
  /** First entry of the control table when not folded. */
  readonly controlBase: number;
}

/** Where the control row and the bias go: into the first or the last group's table, or a table of their own. */
export type ControlFold = 'first' | 'last' | 'none';

/** Fold the control block into the last group's table while it stays this small (entries). */
const FOLD_LIMIT = 1024;

/** The default fold: into the last (smallest) group's table while that stays small, else a table of its own. */
export function defaultFold(skills: number, bits: number, groupBits: number): ControlFold {
  const lastWidth = bits - (Math.ceil(bits / groupBits) - 1) * groupBits;
  return skills << lastWidth <= FOLD_LIMIT ? 'last' : 'none';
}

/**
 * The plan for `skills` control bits and `bits` task bits in groups of `groupBits` bits, the control folded as
 * `fold` says. Wider groups mean fewer rows per sample but larger tables to rebuild (docs/trainer.md has the
 * measurements).
 */
export function tablePlan(
  skills: number,
  bits: number,
  groupBits = 8,
  fold: ControlFold = defaultFold(skills, bits, groupBits),
): TablePlan {
  const groups = Math.ceil(bits / groupBits);
  const groupWidth = Int32Array.from({ length: groups }, (_, g) => Math.min(groupBits, bits - g * groupBits));
  const foldGroup = fold === 'none' ? -1 : fold === 'first' ? 0 : groups - 1;
  const folded = foldGroup >= 0;
  let entries = folded ? 0 : skills;
  for (let g = 0; g < groups; g++) entries += (1 << groupWidth[g]) * (g === foldGroup ? skills : 1);
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
    const copies = g === foldGroup ? skills : 1;
    for (let c = 0; c < copies; c++) {
      if (g === foldGroup) {
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
  return {
    entries,
    parent,
    addRow,
    fromBias,
    rows,
    foldGroup,
    groupBase,
    groupWidth,
    groupBits,
    controlBase,
  };
}

/**
 * The table rows each sample sums, as byte offsets `rowBytes`·entry into the tables (the table-gradient
 * buckets share the layout): rowIdx[b·rows + r], for samples [0, batch.size).
 */
export function tableRows(plan: TablePlan, batch: CompactBatch, rowIdx: Int32Array, rowBytes: number): void {
  const { rows, foldGroup, groupBase, groupWidth, groupBits, controlBase } = plan;
  const groups = groupBase.length;
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
      if (g === foldGroup) v += skill[b] << groupWidth[g];
      rowIdx[out + g] = (groupBase[g] + v) * rowBytes;
    }
    if (foldGroup < 0) rowIdx[out + groups] = (controlBase + skill[b]) * rowBytes;
  }
}
