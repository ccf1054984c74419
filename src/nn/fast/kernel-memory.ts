import type { TableGroups, TableTree } from '../../kernels/calls.ts';
import type { Heap } from '../../kernels/heap.ts';
import type { KernelLayout } from './kernel-layout.ts';
import type { Split } from './protocol.ts';
import type { TablePlan } from './tables.ts';

/** What one thread accumulates a training step into (written to grads after it): private to the thread. */
export interface StepSums {
  /** dL/d(table entry) accumulators, in the tables' layout; zero between steps. */
  readonly buckets: Float32Array;
  /** The output-layer weight gradient. */
  readonly dWOut: Float32Array;
  /** The output-bias gradient (the first float). */
  readonly dBOut: Float32Array;
  /** The summed loss of the thread's samples (the first float64). */
  readonly loss: Float64Array;
  /**
   * Two threads splitting samples: this thread's first-layer gradient (dW1 rows then db1, as in grads), its
   * buckets reduced over all columns; else empty.
   */
  readonly dFirst: Float32Array;
}

/** What a FastNetwork keeps in kernel memory; per-thread buffers are this thread's copy. */
export interface NetworkMemory extends StepSums {
  readonly params: Float32Array;
  readonly grads: Float32Array;
  /** SGD: the momentum buffer (if any); Adam: first and second moments. */
  readonly moments: Float32Array[];
  /** The partial-sum tables: plan.entries rows of the padded width. */
  readonly tables: Float32Array;
  /** Two threads: the other thread's step sums (a samples split adds them to this thread's). */
  readonly partner: StepSums | null;
  readonly tree: TableTree;
  readonly groups: TableGroups;
  /** Per thread: each hidden layer's activations of a chunk. */
  readonly acts: Float32Array[];
  /** Per thread, two threads splitting units: activations of odd chunks (each runs its first layer one ahead). */
  readonly ahead: Float32Array | null;
  /** Deeper networks: each hidden layer's pre-activation gradient of a chunk. */
  readonly dZ: Float32Array[];
  /** Partial output sums: [2 chunk parities][2 threads][chunk × outputs]. */
  readonly partial: Float32Array;
  /** Per thread: a chunk's outputs and their loss gradient. */
  readonly out: Float32Array;
  readonly dOut: Float32Array;
  /**
   * Per thread, a network whose backward pass gathers: its scratch (OneHiddenBackwardCall.scratch in
   * src/kernels/calls.ts); else null.
   */
  readonly rowOrder: Int32Array | null;
  /** Cross-entropy, per thread: [w1 − w0 (width floats), b1 − b0] (output-head.ts). */
  readonly difference: Float32Array | null;
}

export interface MemorySpec {
  readonly layout: KernelLayout;
  readonly plan: TablePlan;
  readonly moments: number;
  readonly chunk: number;
  /** Two threads: this thread's index; null on one thread. */
  readonly thread: 0 | 1 | null;
  readonly split: Split;
  /** Whether the backward pass gathers (KernelChoice.backward 'gather'): it needs a scratch buffer. */
  readonly gather: boolean;
}

/** A table plan's tree and groups copied into kernel memory, as buildTables, reduceTables and tableRows read them. */
export function planInMemory(heap: Heap, plan: TablePlan): { tree: TableTree; groups: TableGroups } {
  const i32 = (a: Int32Array) => heap.copy(a).byteOffset;
  const tree = {
    entries: plan.entries,
    parent: i32(plan.parent),
    addRow: i32(plan.addRow),
    fromBias: i32(plan.fromBias),
  };
  const groups = {
    groups: plan.groupBase.length,
    groupBits: plan.groupBits,
    groupBase: i32(plan.groupBase),
    groupWidth: i32(plan.groupWidth),
    foldGroup: plan.foldGroup,
    controlBase: plan.controlBase,
  };
  return { tree, groups };
}

/**
 * Allocates a network's buffers on `heap`. A two-thread network's worker builds its twin from the same heap
 * start and each thread computes every shared address (parameters, tables, partial sums) itself, so both must
 * allocate the same sizes in the same order: each allocates both threads' copies of a per-thread buffer and
 * keeps its own (and a view of the other's step sums). Nothing else depends on the order: results are the same bit for bit when every buffer moves
 * (checked by shifting them all and swapping two).
 */
export function allocateNetwork(
  heap: Heap,
  { layout, plan, moments, chunk, thread, split, gather }: MemorySpec,
): NetworkMemory {
  const { width, size } = layout;
  const { outputs, layers } = layout.ref;
  const f32 = (n: number) => heap.array(Float32Array, n);
  // Buffers the hot loops write are private to each thread: two threads writing the two halves of one row
  // made each slower than one thread doing both (the halves meet in a cache line the prefetcher pulls across).
  const copies = <T>(make: () => T): T[] => Array.from({ length: thread === null ? 1 : 2 }, make);
  const perThread = <T>(make: () => T): T => copies(make)[thread ?? 0];
  const params = f32(size);
  const grads = f32(size);
  const momentArrays = Array.from({ length: moments }, () => f32(size));
  const tables = f32(plan.entries * width);
  const sums = copies(
    (): StepSums => ({
      buckets: f32(plan.entries * width),
      dWOut: f32(outputs * width),
      dBOut: f32(4),
      loss: heap.array(Float64Array, 1),
      dFirst: f32(thread !== null && split === 'samples' ? layout.first.b + width : 0),
    }),
  );
  const { tree, groups } = planInMemory(heap, plan);
  const hidden = layers.length - 1;
  const acts = perThread(() => Array.from({ length: hidden }, () => f32(chunk * width)));
  const ahead = thread === null || split === 'samples' ? null : perThread(() => f32(chunk * width));
  const dZ = hidden > 1 ? Array.from({ length: hidden }, () => f32(chunk * width)) : [];
  const partial = f32(4 * chunk * outputs);
  const { out, dOut } = perThread(() => ({ out: f32(chunk * outputs), dOut: f32(chunk * outputs) }));
  const rowOrder = gather ? perThread(() => heap.array(Int32Array, gatherScratch(plan, chunk))) : null;
  // Two outputs: cross-entropy's two logits, trained on their difference.
  const difference = outputs === 2 ? perThread(() => f32(width + 4)) : null;
  return {
    params,
    grads,
    moments: momentArrays,
    tables,
    ...sums[thread ?? 0],
    partner: thread === null ? null : sums[1 - thread],
    tree,
    groups,
    acts,
    ahead,
    dZ,
    partial,
    out,
    dOut,
    rowOrder,
    difference,
  };
}

/** Int32 words of the gathering backward pass's scratch: row ends, the sorted pairs, 16 bytes of alignment, z. */
function gatherScratch(plan: TablePlan, chunk: number): number {
  return plan.entries + 1 + chunk * plan.rows + 4 + chunk * 32;
}
