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
  /** Two threads splitting samples: the other thread's, whose columns this one's reduce also consumes. */
  private readonly partnerBuckets: Float32Array | null;

  constructor(
    calls: KernelCalls,
    layout: FirstLayerLayout,
    tree: TableTree,
    tables: Float32Array,
    buckets: Float32Array,
    partnerBuckets: Float32Array | null,
  ) {
    this.calls = calls;
    this.layout = layout;
    this.tree = tree;
    this.tables = tables;
    this.buckets = buckets;
    this.partnerBuckets = partnerBuckets;
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
   * The buckets' `columns` (this thread's, then any partner's: the reduction is linear) into the first layer
   * of `grads` (dW1, db1); leaves those columns zero.
   */
  reduce(grads: Float32Array, columns: Columns): void {
    const { first, width } = this.layout;
    for (const buckets of this.partnerBuckets ? [this.buckets, this.partnerBuckets] : [this.buckets]) {
      this.calls.reduceTables({
        buckets: buckets.byteOffset,
        tree: this.tree,
        dWeights: addressOf(grads, first.w),
        dBias: addressOf(grads, first.b),
        width,
        columns,
      });
    }
  }
}
