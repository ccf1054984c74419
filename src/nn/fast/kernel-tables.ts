import type { Columns, KernelCalls, TableTree } from '../../kernels/calls.ts';
import { addressOf, type KernelLayout } from './kernel-layout.ts';

/** What the tables need of a parameter layout: where W1 and b1 are, and the padded width. */
export type FirstLayerLayout = Pick<KernelLayout, 'first' | 'width'>;

/**
 * The partial-sum tables of the first layer (src/nn/fast/tables.ts has the plan) and their gradient: rebuilt
 * from W1 and b1 after every update, and their accumulated gradient reduced into dW1 and db1.
 */
export class KernelTables {
  private readonly calls: KernelCalls;
  private readonly layout: FirstLayerLayout;
  private readonly tree: TableTree;
  /** Entries × padded width. */
  private readonly tables: Float32Array;
  /** This thread's dL/d(entry) accumulators, same layout; zero between steps. */
  private readonly buckets: Float32Array;

  constructor(
    calls: KernelCalls,
    layout: FirstLayerLayout,
    tree: TableTree,
    tables: Float32Array,
    buckets: Float32Array,
  ) {
    this.calls = calls;
    this.layout = layout;
    this.tree = tree;
    this.tables = tables;
    this.buckets = buckets;
  }

  /** Where the tables are in kernel memory. */
  get address(): number {
    return this.tables.byteOffset;
  }

  /** Where this thread's buckets are. */
  get bucketsAddress(): number {
    return this.buckets.byteOffset;
  }

  /** The tables' `columns` from the first layer of `params`. */
  rebuild(params: Float32Array, columns: Columns): void {
    const { first, width } = this.layout;
    this.calls.buildTables({
      tables: this.tables.byteOffset,
      tree: this.tree,
      weights: addressOf(params, first.w),
      bias: addressOf(params, first.b),
      width,
      columns,
    });
  }

  /**
   * This thread's buckets' `columns` into the first layer of `grads` (dW1, db1; added to what is there), which
   * holds the layout's first layer at least; leaves those columns of the buckets zero.
   */
  reduce(grads: Float32Array, columns: Columns): void {
    const { first, width } = this.layout;
    this.calls.reduceTables({
      buckets: this.buckets.byteOffset,
      tree: this.tree,
      dWeights: addressOf(grads, first.w),
      dBias: addressOf(grads, first.b),
      width,
      columns,
    });
  }
}
