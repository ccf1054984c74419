import type { Heap } from '../../kernels/heap.ts';
import type { Kernels } from '../../kernels/instantiate.ts';
import type { CompactBatch } from '../../task/batch.ts';
import type { ParamLayout } from '../layout.ts';
import { roundUp } from './kernel-layout.ts';
import { VECTOR } from './packed-layout.ts';
import { PackedNetwork, type PackedNetworkOptions, type PackSpec } from './packed-network.ts';
import { lead, type StepCommand, serveCommands, type ThreadRole } from './protocol.ts';

export interface PackedEnsembleOptions extends PackedNetworkOptions {
  /**
   * Hidden units per pass, counted padded (default 192): members are trained in slabs of at most this many
   * units (a wider member alone in its slab), each a PackedNetwork over the whole batch, so a slab's
   * partial-sum tables stay in cache (docs/trainer.md measures the choice).
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
 * Which of two threads trains each slab of `units` hidden units: the widest first, each to the thread with
 * fewer units so far (thread 0 on a tie, and so slab 0's).
 */
export function slabOwners(units: readonly number[]): (0 | 1)[] {
  const owner: (0 | 1)[] = units.map(() => 0);
  const load = [0, 0];
  const order = units.map((_, s) => s).sort((a, b) => units[b] - units[a] || a - b);
  for (const s of order) {
    owner[s] = load[1] < load[0] ? 1 : 0;
    load[owner[s]] += units[s];
  }
  return owner;
}

/**
 * Many one-hidden-layer networks trained in one pass over the same batches: PackedNetworks over slabs of the
 * members (member m in slab `where[m].slab` at `where[m].index`), each trained on every batch in turn. With a
 * `thread` role it is one of the two threads of a threaded ensemble (threads.ts): both build the same slabs
 * over the same memory, and each trains its own (`slabOwners`) on every batch; thread 0 runs the caller's
 * steps and evaluations, thread 1 serves its steps. The slabs share nothing but the batch, so a member's
 * numbers are the same on one thread or two.
 */
export class PackedEnsemble {
  readonly packs: readonly PackedNetwork[];
  private readonly where: readonly { pack: PackedNetwork; index: number }[];
  private readonly groups: readonly number[][];
  private readonly heap: Heap;
  private readonly thread: ThreadRole | null;
  /** The thread that trains each slab. */
  private readonly owner: readonly (0 | 1)[];
  /** Two threads: the members' learning rates of a step, in kernel memory (both read them). */
  private readonly rates: Float64Array;

  constructor(
    kernels: Kernels,
    spec: PackSpec,
    { slab = 192, ...options }: PackedEnsembleOptions = {},
    thread: ThreadRole | null = null,
  ) {
    if (spec.widths.length === 0) throw new RangeError('a pack needs at least one member');
    const pad = options.pad ?? VECTOR;
    this.groups = slabs(
      spec.widths.map((w) => roundUp(w, pad)),
      slab,
    );
    this.packs = this.groups.map(
      (members) =>
        new PackedNetwork(kernels, { ...spec, widths: members.map((m) => spec.widths[m]) }, options),
    );
    this.heap = kernels.heap;
    this.thread = thread;
    this.owner = thread ? slabOwners(this.packs.map((p) => p.layout.width)) : this.packs.map(() => 0);
    this.rates = thread ? kernels.heap.array(Float64Array, spec.widths.length) : new Float64Array(0);
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

  /**
   * One step of every member (member m at lrs[m]); each member's mean batch loss before it. On two threads
   * the batch and targets must live in kernel memory (src/experiment/kernel-data.ts allocates them there).
   */
  trainStep(batch: CompactBatch, targets: Float32Array, lrs: readonly number[]): Float64Array {
    const t = this.thread;
    if (t) {
      if (![batch.skill, batch.bits, targets].every((a) => this.heap.holds(a)))
        throw new Error('a threaded ensemble trains on batches and targets in kernel memory');
      this.rates.set(lrs);
    }
    lead(
      t,
      () => this.command(batch, targets),
      () => {
        this.trainOwn(0, batch, targets, lrs);
        t?.barrier();
      },
    );
    const losses = new Float64Array(this.members);
    this.packs.forEach((pack, s) => {
      if (this.owner[s] !== 0) pack.steps++; // thread 1 stepped it: its count here follows
      const got = pack.meanLosses(batch.size);
      this.groups[s].forEach((m, i) => {
        losses[m] = got[i];
      });
    });
    return losses;
  }

  /** The training step thread 0 sends thread 1: where the batch and targets are in kernel memory. */
  private command({ size: samples, words, skill, bits }: CompactBatch, targets: Float32Array): StepCommand {
    const at = { skill: skill.byteOffset, bits: bits.byteOffset, targets: targets.byteOffset };
    return { kind: 'train', samples, words, ...at, rowIdx: 0, outputs: 0, steps: this.steps, lr: 0 };
  }

  /** Thread 1: trains its slabs on thread 0's steps until told to exit. */
  serve(): void {
    serveCommands(this.thread, (command, thread) => {
      if (command.kind !== 'train')
        throw new Error(`a threaded ensemble's thread 1 does not ${command.kind}`);
      this.steps = command.steps;
      const batch = this.batchAt(command);
      this.trainOwn(1, batch, this.heap.view(Float32Array, command.targets, batch.size), this.rates);
      thread.barrier();
    });
  }

  /** Trains the slabs thread `index` owns on a batch. */
  private trainOwn(index: 0 | 1, batch: CompactBatch, targets: Float32Array, lrs: ArrayLike<number>): void {
    this.packs.forEach((pack, s) => {
      if (this.owner[s] === index)
        pack.trainStep(
          batch,
          targets,
          this.groups[s].map((m) => lrs[m]),
        );
    });
  }

  /** The batch thread 0 drew, as views of kernel memory. */
  private batchAt({ samples, words, skill, bits }: StepCommand): CompactBatch {
    return {
      size: samples,
      words,
      skill: this.heap.view(Int32Array, skill, samples),
      bits: this.heap.view(Uint32Array, bits, samples * words),
      scratch: new Uint32Array(0),
    };
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
