import type { TableGroups, TableTree } from '../../kernels/calls.ts';
import type { Heap } from '../../kernels/heap.ts';
import type { KernelLayout } from './kernel-layout.ts';
import type { TablePlan } from './tables.ts';

/** What a FastNetwork keeps in kernel memory; per-thread buffers are this thread's copy. */
export interface NetworkMemory {
  readonly params: Float32Array;
  readonly grads: Float32Array;
  /** SGD: the momentum buffer (if any); Adam: first and second moments. */
  readonly moments: Float32Array[];
  /** The partial-sum tables: plan.entries rows of the padded width. */
  readonly tables: Float32Array;
  /** Per thread: dL/d(table entry) accumulators, in the tables' layout. */
  readonly buckets: Float32Array;
  /** Per thread: the output-layer weight gradient, accumulated over a step (written to grads after it). */
  readonly dWOut: Float32Array;
  readonly tree: TableTree;
  readonly groups: TableGroups;
  /** Per thread: each hidden layer's activations of a chunk. */
  readonly acts: Float32Array[];
  /** Per thread, two threads only: activations of odd chunks (each thread runs its first layer one ahead). */
  readonly ahead: Float32Array | null;
  /** Deeper networks: each hidden layer's pre-activation gradient of a chunk. */
  readonly dZ: Float32Array[];
  /** Partial output sums: [2 chunk parities][2 threads][chunk × outputs]. */
  readonly partial: Float32Array;
  /** Per thread (thread 1: spares thread 0 never reads): a chunk's outputs and their loss gradient. */
  readonly out: Float32Array;
  readonly dOut: Float32Array;
  /** Thread 1: where its output-bias gradient goes and is discarded (thread 0 owns the real one). */
  readonly discardedDBOut: Float32Array | null;
  /** Cross-entropy, per thread: [w1 − w0 (width floats), b1 − b0, its gradient] (output-head.ts). */
  readonly difference: Float32Array | null;
}

export interface MemorySpec {
  readonly layout: KernelLayout;
  readonly plan: TablePlan;
  readonly moments: number;
  readonly chunk: number;
  /** Two threads: this thread's index; null on one thread. */
  readonly thread: 0 | 1 | null;
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
 * keeps its own. Nothing else depends on the order: results are the same bit for bit when every buffer moves
 * (checked by shifting them all and swapping two).
 */
export function allocateNetwork(
  heap: Heap,
  { layout, plan, moments, chunk, thread }: MemorySpec,
): NetworkMemory {
  const { width, size } = layout;
  const { outputs, layers } = layout.ref;
  const f32 = (n: number) => heap.array(Float32Array, n);
  // Buffers the hot loops write are private to each thread: two threads writing the two halves of one row
  // made each slower than one thread doing both (the halves meet in a cache line the prefetcher pulls across).
  const perThread = <T>(make: () => T): T => {
    const copies = Array.from({ length: thread === null ? 1 : 2 }, make);
    return copies[thread ?? 0];
  };
  const params = f32(size);
  const grads = f32(size);
  const momentArrays = Array.from({ length: moments }, () => f32(size));
  const tables = f32(plan.entries * width);
  const buckets = perThread(() => f32(plan.entries * width));
  const dWOut = perThread(() => f32(outputs * width));
  const { tree, groups } = planInMemory(heap, plan);
  const hidden = layers.length - 1;
  const acts = perThread(() => Array.from({ length: hidden }, () => f32(chunk * width)));
  const ahead = thread === null ? null : perThread(() => f32(chunk * width));
  const dZ = hidden > 1 ? Array.from({ length: hidden }, () => f32(chunk * width)) : [];
  const partial = f32(4 * chunk * outputs);
  const main = { out: f32(chunk * outputs), dOut: f32(chunk * outputs) };
  const spare = { out: f32(chunk * outputs), dOut: f32(chunk * outputs), dBOut: f32(4) };
  // Two outputs: cross-entropy's two logits, trained on their difference.
  const differences = outputs === 2 ? [f32(width + 4), f32(width + 4)] : null;
  const own = thread === 1 ? spare : main;
  return {
    params,
    grads,
    moments: momentArrays,
    tables,
    buckets,
    dWOut,
    tree,
    groups,
    acts,
    ahead,
    dZ,
    partial,
    out: own.out,
    dOut: own.dOut,
    discardedDBOut: thread === 1 ? spare.dBOut : null,
    difference: differences?.[thread ?? 0] ?? null,
  };
}
