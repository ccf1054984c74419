import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKernels } from '../../src/kernels/node.ts';
import { defaultGroupBits, defaultKernelChoice, type NetworkShape } from '../../src/nn/fast/kernel-choice.ts';
import { type ControlFold, defaultFold, tablePlan, tableRows } from '../../src/nn/fast/tables.ts';
import { allocBatch, createTask, sampleBatch, seededStream } from '../../src/task/index.ts';

// Each table entry is a sum of first-layer rows; the rows a sample's entries add up to must be exactly its
// active inputs (its control bit and its set task bits), whatever the group width and word boundaries.
function entryRows(plan: ReturnType<typeof tablePlan>, e: number): { rows: number[]; bias: boolean } {
  const rows: number[] = [];
  let bias = false;
  for (let at = e; at >= 0; at = plan.parent[at]) {
    if (plan.addRow[at] >= 0) rows.push(plan.addRow[at]);
    if (plan.parent[at] < 0) bias = plan.fromBias[at] === 1;
  }
  return { rows, bias };
}

const PLANS = [
  [5, 32, 4],
  [5, 32, 8],
  [3, 40, 6], // groups straddle the 32-bit word boundary
  [100, 50, 8], // Michaud's: 100 skills folded into a 2-bit last group
  [100, 48, 8], // the control block too large to fold: a table of its own
  [2, 7, 5],
  [4, 70, 8], // three words: the kernel's general path (up to two words it shifts one 64-bit word)
  [3, 96, 7],
];

const FOLDS: ControlFold[] = ['first', 'last', 'none'];

/** A plan, a sampled batch of n for it, and the batch's table rows from the TypeScript reference. */
function planned([skills, bits, groupBits]: number[], fold: ControlFold, n: number, rowBytes: number) {
  const task = createTask({ skills, bits, m: 2, masks: 'overlapping' }, 1);
  const plan = tablePlan(skills, bits, groupBits, fold);
  const batch = allocBatch(task, n);
  sampleBatch(task, seededStream(3, 'data'), batch);
  const rowIdx = new Int32Array(n * plan.rows);
  tableRows(plan, batch, rowIdx, rowBytes);
  return { plan, batch, rowIdx };
}

test('the default fold: into the last group while its table stays within 1024 entries, else a table of its own', () => {
  assert.equal(defaultFold(100, 50, 8), 'last'); // 100 × 2^2
  assert.equal(defaultFold(100, 48, 8), 'none'); // 100 × 2^8
  assert.equal(defaultFold(5, 32, 7), 'last'); // 5 × 2^4
  assert.equal(tablePlan(100, 48, 8).foldGroup, -1);
  assert.equal(tablePlan(5, 32, 7).foldGroup, 4);
});

for (const [skills, bits, groupBits] of PLANS)
  for (const fold of FOLDS) {
    test(`tablePlan(${skills}, ${bits}, ${groupBits}, ${fold}): each sample's rows sum exactly its active inputs and the bias`, () => {
      const { plan, batch, rowIdx } = planned([skills, bits, groupBits], fold, 500, 4);
      assert.equal(plan.rows, Math.ceil(bits / groupBits) + (fold === 'none' ? 1 : 0));
      for (let b = 0; b < 500; b++) {
        const active = [batch.skill[b]];
        for (let j = 0; j < bits; j++) {
          if ((batch.bits[b * batch.words + (j >>> 5)] >>> (j & 31)) & 1) active.push(skills + j);
        }
        const got: number[] = [];
        let biases = 0;
        for (let r = 0; r < plan.rows; r++) {
          const e = rowIdx[b * plan.rows + r] / 4;
          assert.ok(e >= 0 && e < plan.entries);
          const { rows, bias } = entryRows(plan, e);
          got.push(...rows);
          if (bias) biases++;
        }
        assert.equal(biases, 1, 'the bias is added exactly once');
        assert.deepEqual(
          got.sort((x, y) => x - y),
          active.sort((x, y) => x - y),
        );
      }
    });
  }

test('the tableRows kernel equals the TypeScript reference (both kernel builds, every plan above)', async () => {
  for (const flavour of ['simd', 'relaxed'] as const) {
    const k = await loadKernels(flavour);
    for (const spec of PLANS)
      for (const fold of FOLDS) {
        const { plan, batch, rowIdx: expected } = planned(spec, fold, 300, 96);
        const at = (a: Int32Array | Uint32Array) => k.heap.copy(a).byteOffset;
        const got = k.heap.array(Int32Array, expected.length);
        k.calls.tableRows({
          skill: at(batch.skill),
          bits: at(batch.bits),
          words: batch.words,
          samples: batch.size,
          table: {
            groups: plan.groupBase.length,
            groupBits: plan.groupBits,
            groupBase: at(plan.groupBase),
            groupWidth: at(plan.groupWidth),
            foldGroup: plan.foldGroup,
            controlBase: plan.controlBase,
          },
          rowBytes: 96,
          rowIdx: got.byteOffset,
        });
        assert.deepEqual(Array.from(got), Array.from(expected), `${flavour} (${spec.join(', ')}, ${fold})`);
      }
  }
});

test('the default table width: the widest whose share per thread stays within 768 KiB', () => {
  const paper = { skills: 5, bits: 32, width: 1000, depth: 2, threads: 1 } as const;
  assert.equal(defaultGroupBits(paper), 4); // 5-bit tables: 212 entries × 4032 bytes > 768 KiB
  // Two threads splitting units: each thread's half of 6-bit tables, 340 × 2016 bytes; splitting samples, each
  // runs every column, as one thread does.
  assert.equal(defaultGroupBits({ ...paper, threads: 2 }, 'units'), 6);
  assert.equal(defaultGroupBits({ ...paper, threads: 2 }, 'samples'), 4);
  assert.equal(defaultGroupBits({ skills: 100, bits: 50, width: 128, depth: 2, threads: 1 }), 7);
});

test('the default backward pass: gathering with twice the chunk from 512 hidden units per thread, else rows-outer', () => {
  const paper: NetworkShape = { skills: 5, bits: 32, width: 1000, depth: 2, threads: 1 };
  const pick = (shape: NetworkShape, split?: 'units' | 'samples') => {
    const { backward, chunk } = defaultKernelChoice(shape, split);
    return { backward, chunk };
  };
  assert.deepEqual(pick(paper), { backward: 'gather', chunk: 256 });
  assert.deepEqual(pick({ ...paper, threads: 2 }, 'samples'), { backward: 'gather', chunk: 256 });
  // Splitting units, each thread runs 504 of the 1008 padded units: below the threshold.
  assert.deepEqual(pick({ ...paper, threads: 2 }, 'units'), { backward: 'rows', chunk: 256 });
  assert.deepEqual(pick({ ...paper, width: 128 }), { backward: 'rows', chunk: 1024 });
  assert.deepEqual(pick({ ...paper, depth: 3 }), { backward: 'rows', chunk: 128 });
});
