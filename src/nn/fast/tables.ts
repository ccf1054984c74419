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
}

/** Fold the control block into the first bit group while that table stays this small. */
const FOLD_LIMIT = 16;

export function tablePlan(skills: number, bits: number): TablePlan {
  const groups = Math.ceil(bits / 4);
  const folded = skills <= FOLD_LIMIT;
  const entries = folded ? skills * 16 + (groups - 1) * 16 : skills + groups * 16;
  const parent = new Int32Array(entries).fill(-1);
  const addRow = new Int32Array(entries).fill(-1);
  const fromBias = new Int32Array(entries);
  const groupBase = new Int32Array(groups);
  // Row of bit i of group g in W1 (inputs: n_s control bits, then the task bits), −1 past n_b.
  const bitRow = (g: number, i: number) => (4 * g + i < bits ? skills + 4 * g + i : -1);
  // One 16-entry subset-sum table from `base`: entry v = entry (v without its lowest bit) + that bit's row.
  const subsetTable = (base: number, g: number, root: (e: number) => void) => {
    root(base);
    for (let v = 1; v < 16; v++) {
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
      at += 16;
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
    at += 16;
  }
  return { entries, parent, addRow, fromBias, rows: folded ? groups : groups + 1, folded, groupBase };
}

/** The table rows each sample sums: rowIdx[b·rows + r], for samples [0, batch.size). */
export function tableRows(plan: TablePlan, batch: CompactBatch, rowIdx: Int32Array): void {
  const { rows, folded, groupBase } = plan;
  const groups = groupBase.length;
  const first = folded ? 1 : 0; // bit groups with a table of their own
  const shift = folded ? 0 : 1; // where they start in a sample's row list
  const { skill, bits, words } = batch;
  for (let b = 0; b < batch.size; b++) {
    const out = b * rows;
    const w = b * words;
    rowIdx[out] = folded ? skill[b] * 16 + (bits[w] & 15) : skill[b];
    for (let g = first; g < groups; g++) {
      rowIdx[out + shift + g] = groupBase[g] + ((bits[w + (g >>> 3)] >>> ((g & 7) << 2)) & 15);
    }
  }
}
