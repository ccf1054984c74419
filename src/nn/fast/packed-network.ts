import type { KernelCalls } from '../../kernels/calls.ts';
import type { Kernels } from '../../kernels/instantiate.ts';
import type { CompactBatch } from '../../task/batch.ts';
import type { ModelSpec, OptimizerSpec } from '../config.ts';
import { KernelBatch } from './kernel-batch.ts';
import { chunkForColumns } from './kernel-choice.ts';
import { addressOf, roundUp } from './kernel-layout.ts';
import { planInMemory } from './kernel-memory.ts';
import { adamSettings, momentCount } from './kernel-optimizer.ts';
import { KernelTables } from './kernel-tables.ts';
import { PackedLayout, VECTOR } from './packed-layout.ts';
import { wholeBatch } from './protocol.ts';
import { type TablePlan, tablePlan } from './tables.ts';

/** What the members of a pack share: everything but their width, init and learning rate. */
export interface PackSpec {
  readonly skills: number;
  readonly bits: number;
  /** Depth 2 and an mse loss; `width` and `initStd` are the members' own and ignored here. */
  readonly model: Pick<ModelSpec, 'activation' | 'loss'>;
  /** Shared optimiser settings; `lr` and `schedule` are the members' own (trainStep takes their rates). */
  readonly optimizer: OptimizerSpec;
  readonly widths: readonly number[];
}

export interface PackedNetworkOptions {
  /** Samples per fused pass (default: about 2^17 activations, as FastNetwork). */
  chunk?: number;
  /** Task bits per partial-sum table. */
  groupBits?: number;
  /** Each member's units padded to a multiple of this (4: one vector, 16: a whole kernel block). */
  pad?: number;
  /** Batches of up to this many samples get their kernel memory at construction (else at their first step). */
  batch?: number;
}

/**
 * M one-hidden-layer networks trained in one pass over the same batches (docs/trainer.md "Packed ensembles"):
 * one first layer of all their hidden units (the ordinary partial-sum tables and `firstLayer`), then each
 * member's own output, loss and backward pass over its block, and each parameter updated at its member's
 * learning rate. Element-wise optimisers make every member's update exactly the one it would get alone.
 */
export class PackedNetwork {
  readonly layout: PackedLayout;
  readonly plan: TablePlan;
  readonly chunk: number;
  /** Optimiser steps taken, shared by all members (Adam's bias correction). */
  steps = 0;
  private readonly spec: PackSpec;
  private readonly calls: KernelCalls;
  private readonly tables: KernelTables;
  private readonly batch: KernelBatch;
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  private readonly moments: Float32Array[];
  private readonly rates: Float32Array;
  /** The learning rates `rates` holds, to rebuild it only when one changes. */
  private ratesFor: readonly number[] = [];
  private readonly acts: Float32Array;
  /** Per member × chunk: partial sums, outputs, their loss gradient (one more zero row: padding's member). */
  private readonly partial: Float32Array;
  private readonly out: Float32Array;
  private readonly dOut: Float32Array;
  private readonly losses: Float64Array;
  private readonly vecStart: number;
  private readonly vecMember: number;

  constructor(
    kernels: Kernels,
    spec: PackSpec,
    { chunk, groupBits = 7, pad, batch }: PackedNetworkOptions = {},
  ) {
    if (spec.widths.length === 0) throw new RangeError('a pack needs at least one member');
    if (spec.model.loss === 'ce') throw new RangeError('packed ensembles train the mse losses only');
    this.spec = spec;
    this.calls = kernels.calls;
    const { heap } = kernels;
    const layout = new PackedLayout(spec.skills + spec.bits, spec.widths, pad);
    this.layout = layout;
    this.plan = tablePlan(spec.skills, spec.bits, groupBits);
    const width = layout.width;
    this.chunk = roundUp(chunk ?? chunkForColumns(width), 4);
    const f32 = (n: number) => heap.array(Float32Array, n);
    this.params = f32(layout.size);
    this.grads = f32(layout.size);
    this.moments = Array.from({ length: momentCount(spec.optimizer) }, () => f32(layout.size));
    this.rates = f32(layout.size);
    const plan = this.plan;
    const { tree, groups } = planInMemory(heap, plan);
    this.tables = new KernelTables(
      this.calls,
      layout,
      tree,
      f32(plan.entries * width),
      f32(plan.entries * width),
    );
    // Outputs: the pack keeps its members' outputs itself (`out`), so the batch holds room for one.
    this.batch = new KernelBatch(kernels, groups, plan.rows, width * 4, 1, this.chunk);
    if (batch) this.batch.reserve(batch);
    this.acts = f32(this.chunk * width);
    const rows = (layout.members + 1) * this.chunk;
    this.partial = f32(rows);
    this.out = f32(rows);
    this.dOut = f32(rows);
    this.losses = heap.array(Float64Array, layout.members);
    this.vecStart = heap.copy(layout.vecStart()).byteOffset;
    this.vecMember = heap.copy(layout.vecMember()).byteOffset;
  }

  get members(): number {
    return this.layout.members;
  }

  /** Member m's parameters in its reference layout (src/nn/layout.ts). */
  getParams(m: number): Float32Array {
    return this.layout.toMember(m, this.params);
  }

  /** Loads member m's parameters (reference layout); `rebuildTables` must follow before a step. */
  setParams(m: number, ref: ArrayLike<number>): void {
    this.layout.fromMember(m, ref, this.params);
  }

  /** Rebuilds the partial-sum tables from W1 and b1 (after setParams). */
  rebuildTables(): void {
    this.tables.rebuild(this.params, { start: 0, end: this.layout.width });
  }

  /** Member m's optimiser moments (reference layout). */
  getMoments(m: number): Float32Array[] {
    return this.moments.map((a) => this.layout.toMember(m, a));
  }

  setMoments(m: number, moments: ArrayLike<number>[]): void {
    if (moments.length !== this.moments.length) throw new RangeError('optimiser state does not match');
    moments.forEach((a, i) => this.layout.fromMember(m, a, this.moments[i]));
  }

  /** Member m's gradient of the last trainStep (reference layout). */
  getGrads(m: number): Float32Array {
    return this.layout.toMember(m, this.grads);
  }

  /**
   * One optimiser step of every member on `batch` with per-sample `targets`, member m at learning rate lrs[m];
   * returns each member's mean batch loss before the step.
   */
  trainStep(batch: CompactBatch, targets: Float32Array, lrs: readonly number[]): Float64Array {
    if (lrs.length !== this.members) throw new RangeError(`expected ${this.members} learning rates`);
    const n = batch.size;
    this.prepare(batch, targets);
    this.grads.fill(0);
    this.losses.fill(0);
    const { wOut, bOut } = this.addresses(this.grads);
    for (let c = 0; c * this.chunk < n; c++) {
      this.forwardChunk(c, n, { dOut: this.dOut.byteOffset, dBOut: bOut, scale: 1 / n });
      const { samples, rowIdx } = this.batch.chunkAt(c, wholeBatch(n));
      this.calls.packedBackward({
        rowIdx,
        rows: this.plan.rows,
        samples,
        width: this.layout.width,
        activation: this.spec.model.activation,
        A: this.acts.byteOffset,
        wOut: this.addresses(this.params).wOut,
        vecMember: this.vecMember,
        dOut: this.dOut.byteOffset,
        stride: this.chunk,
        dWOut: wOut,
        buckets: this.tables.bucketsAddress,
      });
    }
    this.tables.reduce(this.grads, { start: 0, end: this.layout.width });
    this.steps++;
    this.optimizerStep(lrs);
    this.rebuildTables();
    return this.meanLosses(n);
  }

  /** Each member's mean loss over the last training step's batch of n samples (whichever thread ran it). */
  meanLosses(n: number): Float64Array {
    return this.losses.map((l) => l / n);
  }

  /** Every member's outputs on `batch`: member m's n outputs at m·n (member-major). */
  forward(batch: CompactBatch, outputs = new Float32Array(batch.size * this.members)): Float32Array {
    const n = batch.size;
    this.prepare(batch, null);
    for (let c = 0; c * this.chunk < n; c++) {
      this.forwardChunk(c, n, { dOut: 0, dBOut: this.addresses(this.grads).bOut, scale: 0 });
      const { samples } = this.batch.chunkAt(c, wholeBatch(n));
      for (let m = 0; m < this.members; m++) {
        const row = this.out.subarray(m * this.chunk, m * this.chunk + samples);
        outputs.set(row, m * n + c * this.chunk);
      }
    }
    return outputs;
  }

  /** `batch` (and its targets) into kernel memory, with its table rows. */
  private prepare(batch: CompactBatch, targets: Float32Array | null): void {
    this.batch.prepare(batch, targets);
    this.batch.tableRows(wholeBatch(batch.size));
  }

  /** Chunk c's first layer, every member's output and (with dOut) loss gradient and summed loss. */
  private forwardChunk(c: number, n: number, grad: { dOut: number; dBOut: number; scale: number }): void {
    const { samples, rowIdx, targets } = this.batch.chunkAt(c, wholeBatch(n));
    const { width, members } = this.layout;
    const A = this.acts.byteOffset;
    const { wOut, bOut } = this.addresses(this.params);
    this.calls.firstLayer({
      rowIdx,
      rows: this.plan.rows,
      samples,
      tables: this.tables.address,
      width,
      columns: { start: 0, end: width },
      realWidth: width,
      activation: this.spec.model.activation,
      A,
      wOut: 0,
      outputs: 0,
      partial: 0,
    });
    const stride = this.chunk;
    const partial = this.partial.byteOffset;
    this.calls.memberOutputs({ A, samples, width, members, vecStart: this.vecStart, wOut, partial, stride });
    this.calls.membersLossGrad({
      partial,
      stride,
      members,
      samples,
      padded: roundUp(samples, VECTOR),
      bOut,
      targets,
      loss: this.spec.model.loss,
      scale: grad.scale,
      out: this.out.byteOffset,
      dOut: grad.dOut,
      dBOut: grad.dBOut,
      losses: this.losses.byteOffset,
    });
  }

  /** Where the output weights and biases of `flat` (params or grads) are. */
  private addresses(flat: Float32Array): { wOut: number; bOut: number } {
    return { wOut: addressOf(flat, this.layout.wOut), bOut: addressOf(flat, this.layout.bOut) };
  }

  /** The optimiser on the flat parameters, each at its member's rate (step `steps`, counted from 1). */
  private optimizerStep(lrs: readonly number[]): void {
    if (lrs.some((lr, m) => lr !== this.ratesFor[m])) {
      this.layout.fillRates(lrs, this.rates);
      this.ratesFor = [...lrs];
    }
    const o = this.spec.optimizer;
    const [m, v] = this.moments;
    const at = (a: Float32Array | undefined) => (a ? a.byteOffset : 0);
    const flat = {
      params: at(this.params),
      grads: at(this.grads),
      count: this.layout.size,
      rates: at(this.rates),
    };
    if (o.name === 'sgd') {
      this.calls.sgdStepRates({ ...flat, buffer: at(m), momentum: o.momentum, weightDecay: o.weightDecay });
      return;
    }
    this.calls.adamStepRates({ ...flat, m: at(m), v: at(v), ...adamSettings(o, this.steps) });
  }
}
