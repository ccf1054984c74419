import type { Kernels } from '../../kernels/instantiate.ts';
import type { CompactBatch } from '../../task/batch.ts';
import type { ParamLayout } from '../layout.ts';
import { PackedNetwork, type PackedNetworkOptions, type PackSpec } from './packed-network.ts';

export interface PackedEnsembleOptions extends PackedNetworkOptions {
  /**
   * Hidden units per pass (default 128): members are trained in slabs of at most this many units (a wider
   * member alone in its slab), each a PackedNetwork over the whole batch, so a slab's partial-sum tables stay
   * in cache (one pass over 2400 units was twice as slow as ten of 240: docs/trainer.md).
   */
  slab?: number;
}

/** Consecutive members, in order, cut into runs of at most `slab` units (a wider member alone). */
export function slabs(widths: readonly number[], slab: number): number[][] {
  const out: number[][] = [];
  let units = 0;
  widths.forEach((w, m) => {
    if (out.length === 0 || units + w > slab) {
      out.push([]);
      units = 0;
    }
    out[out.length - 1].push(m);
    units += w;
  });
  return out;
}

/**
 * Many one-hidden-layer networks trained in one pass over the same batches: PackedNetworks over slabs of the
 * members (member m in slab `where[m].slab` at `where[m].index`), each trained on every batch in turn.
 */
export class PackedEnsemble {
  readonly packs: readonly PackedNetwork[];
  private readonly where: readonly { pack: PackedNetwork; index: number }[];
  private readonly groups: readonly number[][];

  constructor(kernels: Kernels, spec: PackSpec, { slab = 128, ...options }: PackedEnsembleOptions = {}) {
    if (spec.widths.length === 0) throw new RangeError('a pack needs at least one member');
    this.groups = slabs(spec.widths, slab);
    this.packs = this.groups.map(
      (members) =>
        new PackedNetwork(kernels, { ...spec, widths: members.map((m) => spec.widths[m]) }, options),
    );
    const where: { pack: PackedNetwork; index: number }[] = [];
    this.groups.forEach((members, s) => {
      members.forEach((m, index) => {
        where[m] = { pack: this.packs[s], index };
      });
    });
    this.where = where;
  }

  get members(): number {
    return this.where.length;
  }

  get steps(): number {
    return this.packs[0].steps;
  }

  set steps(n: number) {
    for (const p of this.packs) p.steps = n;
  }

  /** Member m's reference layout (src/nn/layout.ts). */
  ref(m: number): ParamLayout {
    const { pack, index } = this.where[m];
    return pack.layout.refs[index];
  }

  getParams(m: number): Float32Array {
    const { pack, index } = this.where[m];
    return pack.getParams(index);
  }

  /** Loads member m's parameters (reference layout); `rebuildTables` must follow before a step. */
  setParams(m: number, ref: ArrayLike<number>): void {
    const { pack, index } = this.where[m];
    pack.setParams(index, ref);
  }

  rebuildTables(): void {
    for (const p of this.packs) p.rebuildTables();
  }

  getMoments(m: number): Float32Array[] {
    const { pack, index } = this.where[m];
    return pack.getMoments(index);
  }

  setMoments(m: number, moments: ArrayLike<number>[]): void {
    const { pack, index } = this.where[m];
    pack.setMoments(index, moments);
  }

  /** One step of every member (member m at lrs[m]); each member's mean batch loss before it. */
  trainStep(batch: CompactBatch, targets: Float32Array, lrs: readonly number[]): Float64Array {
    const losses = new Float64Array(this.members);
    this.packs.forEach((pack, s) => {
      const members = this.groups[s];
      const got = pack.trainStep(
        batch,
        targets,
        members.map((m) => lrs[m]),
      );
      members.forEach((m, i) => {
        losses[m] = got[i];
      });
    });
    return losses;
  }

  /** Every member's outputs on `batch`, member-major (member m's n outputs at m·n). */
  forward(batch: CompactBatch): Float32Array {
    const n = batch.size;
    const outputs = new Float32Array(n * this.members);
    this.packs.forEach((pack, s) => {
      const got = pack.forward(batch);
      this.groups[s].forEach((m, i) => {
        outputs.set(got.subarray(i * n, (i + 1) * n), m * n);
      });
    });
    return outputs;
  }
}
