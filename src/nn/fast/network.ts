import type { Columns, KernelCalls } from '../../kernels/calls.ts';
import type { Kernels } from '../../kernels/instantiate.ts';
import type { CompactBatch } from '../../task/batch.ts';
import type { ModelSpec, OptimizerSpec } from '../config.ts';
import { type ParamLayout, paramLayout } from '../layout.ts';
import { DeepLayers } from './deep-layers.ts';
import { type ChunkSamples, KernelBatch } from './kernel-batch.ts';
import { type KernelChoice, resolveKernelChoice } from './kernel-choice.ts';
import { KernelLayout, roundUp } from './kernel-layout.ts';
import { allocateNetwork, type NetworkMemory } from './kernel-memory.ts';
import { kernelOptimizerStep, momentCount } from './kernel-optimizer.ts';
import { KernelTables } from './kernel-tables.ts';
import { type Head, OutputHead } from './output-head.ts';
import {
  type BatchPart,
  CONSUMED,
  lead,
  PRODUCED,
  type Share,
  type StepCommand,
  serveCommands,
  type ThreadRole,
  threadShare,
} from './protocol.ts';
import { type TablePlan, tablePlan } from './tables.ts';

/** Kernel variants to run (kernel-choice.ts); what is left out comes from the default choice for the shape. */
export type FastNetworkOptions = Partial<KernelChoice>;

/**
 * A network on the WASM kernels: parameters, gradients, optimiser state, partial-sum tables and the
 * per-chunk scratch all live in the kernels' memory (kernel-memory.ts), in the kernels' own parameter layout
 * (kernel-layout.ts); `setParams`/`getParams` convert from/to the reference layout (src/nn/layout.ts).
 * With a `thread` role it is one of the two threads of a ThreadedNetwork (protocol.ts): a one-hidden-layer
 * network whose hidden units, or samples, and update are split between them.
 */
export class FastNetwork {
  readonly model: ModelSpec;
  readonly optimizer: OptimizerSpec;
  readonly ref: ParamLayout;
  readonly plan: TablePlan;
  readonly layout: KernelLayout;
  /** The kernel variants this network runs. */
  readonly choice: KernelChoice;
  readonly chunk: number;
  /** Optimiser steps taken (Adam's bias correction uses it). */
  steps = 0;
  private readonly kernels: Kernels;
  private readonly calls: KernelCalls;
  private readonly memory: NetworkMemory;
  private readonly thread: ThreadRole | null;
  /** This thread's hidden units, samples and part of the flat parameter update (all of them on one thread). */
  private readonly share: Share;
  /** Two threads splitting units: the role that paces their chunks (null otherwise). */
  private readonly pacing: ThreadRole | null;
  private readonly tables: KernelTables;
  private readonly batch: KernelBatch;
  private readonly head: OutputHead;
  private readonly deep: DeepLayers;
  /** The summed loss of the current training step's samples. */
  private loss = 0;

  constructor(
    kernels: Kernels,
    skills: number,
    bits: number,
    model: ModelSpec,
    optimizer: OptimizerSpec,
    options: FastNetworkOptions = {},
    thread: ThreadRole | null = null,
  ) {
    if (thread && model.depth !== 2) throw new RangeError('two threads need a one-hidden-layer network');
    this.kernels = kernels;
    this.calls = kernels.calls;
    this.thread = thread;
    this.model = model;
    this.optimizer = optimizer;
    this.ref = paramLayout(skills + bits, model);
    const shape = { skills, bits, width: model.width, depth: model.depth, threads: thread ? 2 : 1 } as const;
    this.choice = resolveKernelChoice(shape, options);
    this.plan = tablePlan(skills, bits, this.choice.groupBits, this.choice.fold);
    const layout = new KernelLayout(this.ref, model.width);
    this.layout = layout;
    this.chunk = this.choice.chunk;
    const { split } = this.choice;
    this.share = threadShare(thread?.index ?? null, layout.width, layout.size, split);
    this.pacing = this.share.split === 'units' ? thread : null;
    this.memory = allocateNetwork(kernels.heap, {
      layout,
      plan: this.plan,
      moments: momentCount(optimizer),
      chunk: this.chunk,
      thread: thread?.index ?? null,
      split,
      gather: model.depth === 2 && this.choice.backward === 'gather',
    });
    const { tree, groups, tables, buckets } = this.memory;
    this.tables = new KernelTables(this.calls, layout, tree, tables, buckets);
    this.batch = new KernelBatch(
      kernels,
      groups,
      this.plan.rows,
      layout.width * 4,
      this.ref.outputs,
      this.chunk,
    );
    this.head = new OutputHead(layout, this.memory, model.loss, this.share, thread?.index !== 1);
    this.deep = new DeepLayers(this.calls, model, layout, this.memory, this.tables, this.plan.rows);
  }

  get outputs(): number {
    return this.ref.outputs;
  }

  /** Bytes of the kernels' memory in use (this network and anything allocated before it). */
  get memoryBytes(): number {
    return this.kernels.heap.used;
  }

  /** Loads parameters given in the reference layout (src/nn/layout.ts) and rebuilds the tables. */
  setParams(ref: ArrayLike<number>): void {
    this.layout.fromReference(ref, this.memory.params);
    this.tables.rebuild(this.memory.params, { start: 0, end: this.layout.width });
  }

  /** The parameters in the reference layout. */
  getParams(): Float32Array {
    return this.layout.toReference(this.memory.params);
  }

  /** The gradient of the last trainStep's batch loss, at the parameters before its update (reference layout). */
  getGrads(): Float32Array {
    return this.layout.toReference(this.memory.grads);
  }

  /** Optimiser moments (SGD momentum buffer, or Adam's m and v) in the reference layout, for checkpoints. */
  getMoments(): Float32Array[] {
    return this.memory.moments.map((m) => this.layout.toReference(m));
  }

  setMoments(moments: ArrayLike<number>[]): void {
    if (moments.length !== this.memory.moments.length) throw new RangeError('optimiser state does not match');
    moments.forEach((m, i) => this.layout.fromReference(m, this.memory.moments[i]));
  }

  /**
   * One optimiser step on `batch` with per-sample `targets` (±S labels for mse, parity classes for ce) at
   * learning rate `lr`; returns the batch's mean loss before the step.
   */
  trainStep(batch: CompactBatch, targets: Float32Array, lr: number): number {
    this.prepare(batch, targets);
    this.memory.grads.fill(0);
    lead(
      this.thread,
      () => this.command('train', batch.size, lr),
      () => this.train(batch.size, lr),
    );
    return this.loss / batch.size;
  }

  /** Network outputs for every sample of `batch` (n × outputs, row-major), without touching gradients. */
  forward(batch: CompactBatch, outputs = new Float32Array(batch.size * this.outputs)): Float32Array {
    this.prepare(batch, null);
    lead(
      this.thread,
      () => this.command('forward', batch.size, 0),
      () => this.evaluate(batch.size),
    );
    outputs.set(this.batch.evaluated(batch.size));
    return outputs;
  }

  /** Thread 1's loop: runs each command thread 0 sends until 'exit'. */
  serve(): void {
    serveCommands(this.thread, (command) => {
      this.batch.locate(command);
      this.steps = command.steps;
      if (command.kind === 'train') this.train(command.samples, command.lr);
      else this.evaluate(command.samples);
    });
  }

  /**
   * Thread 0 puts `batch` in kernel memory. Each thread computes the table rows of the samples it runs: with a
   * units split both run every sample, so thread 0 computes them all before it sends the command.
   */
  private prepare(batch: CompactBatch, targets: Float32Array | null): void {
    this.batch.prepare(batch, targets);
    if (this.pacing) this.batch.tableRows({ size: batch.size, start: 0, end: batch.size });
  }

  /** What thread 0 tells thread 1 to run. */
  private command(kind: 'train' | 'forward', samples: number, lr: number): StepCommand {
    return { kind, samples, ...this.batch.addresses, steps: this.steps, lr };
  }

  /**
   * The training step on this thread's part of n samples: the chunks' fused forward and backward passes, the
   * gradient of the output layer and (through the tables) of the first layer, the optimiser, and the tables
   * rebuilt. With a samples split each thread sums its part into its own step sums, then both add up the two
   * threads' sums, each on its columns.
   */
  private train(n: number, lr: number): void {
    const part = this.share.part(n);
    if (!this.pacing) this.batch.tableRows(part);
    const { memory } = this;
    this.loss = 0; // the buckets are zero: reduceTables leaves them so
    memory.dWOut.fill(0);
    memory.dBOut.fill(0);
    const head = this.head.training();
    if (this.model.depth === 2) this.trainOneHidden(part, head);
    else for (let c = 0; c < this.batch.chunks(part); c++) this.loss += this.deepPass(c, part, head, true);
    const partner = this.share.split === 'samples' ? memory.partner : null;
    if (partner) {
      // Each thread reduces its own buckets (they stay in its cache), then each adds both on its columns.
      memory.dFirst.fill(0);
      this.tables.reduce(memory.dFirst, { start: 0, end: this.layout.width });
      memory.loss[0] = this.loss;
      this.thread?.barrier(); // both threads' step sums are complete
      if (this.thread?.index === 0) this.loss += partner.loss[0];
      addColumns(memory.grads, memory.dFirst, partner.dFirst, this.layout.width, this.share.columns);
    } else this.tables.reduce(memory.grads, this.share.columns);
    this.head.collectGrads(head);
    this.thread?.barrier(); // both are past the chunks and sums: each may reset its counters
    this.thread?.resetProgress();
    this.steps++;
    kernelOptimizerStep(this.calls, this.optimizer, memory, this.share, this.steps, lr);
    this.thread?.barrier();
    this.tables.rebuild(memory.params, this.share.columns);
    this.thread?.barrier();
  }

  /**
   * A one-hidden-layer network's training chunks. Two threads splitting units run their first layer one
   * chunk ahead: each publishes its partial output sums of chunk c, computes chunk c + 1's, and only then
   * waits for the other's sums of chunk c, so their timing jitter overlaps instead of adding up at a barrier
   * per chunk. Threads splitting samples need nothing from each other until the end.
   */
  private trainOneHidden(part: BatchPart, head: Head): void {
    const chunks = this.batch.chunks(part);
    const ahead = this.pacing ? 1 : 0;
    for (let c = 0; c < Math.min(ahead, chunks); c++) this.publishFirstLayer(c, part, head);
    for (let c = 0; c < chunks; c++) {
      if (c + ahead < chunks) this.publishFirstLayer(c + ahead, part, head);
      this.pacing?.awaitPartner(PRODUCED, c + 1);
      const chunk = this.batch.chunkAt(c, part);
      this.loss += this.chunkLoss(chunk, part.size, head, this.outputSums(c, head.outputs), true);
      this.pacing?.publish(CONSUMED, c + 1);
      this.oneHiddenBackward(chunk, head, this.trainingActivations(c));
    }
  }

  /** Chunk c's first layer on this thread's units; then publishes its partial output sums. */
  private publishFirstLayer(c: number, part: BatchPart, head: Head): void {
    // Chunk c reuses the partial-sum buffer of chunk c − 2: the other thread must be done reading it.
    this.pacing?.awaitPartner(CONSUMED, c - 1);
    this.firstLayer(c, this.batch.chunkAt(c, part), head, this.trainingActivations(c));
    this.pacing?.publish(PRODUCED, c + 1);
  }

  /** Training activations of chunk c (two threads splitting units alternate two buffers). */
  private trainingActivations(c: number): number {
    const { acts, ahead } = this.memory;
    return (c & 1 && ahead ? ahead : acts[0]).byteOffset;
  }

  /** Partial output sums of chunk c: [2 chunk parities][2 threads][chunk × outputs]; `mine` is this thread's. */
  private partialSums(c: number, outputs: number): { sums: number; mine: number } {
    const stride = this.chunk * outputs * 4;
    const sums = this.memory.partial.byteOffset + (c & 1) * 2 * stride;
    return { sums, mine: sums + (this.thread?.index === 1 ? stride : 0) };
  }

  /** What chunk c's outputs add up: both threads' partial sums when they split units, else this thread's. */
  private outputSums(c: number, outputs: number): { partial: number; parts: number } {
    const { sums, mine } = this.partialSums(c, outputs);
    return this.pacing ? { partial: sums, parts: 2 } : { partial: mine, parts: 1 };
  }

  /**
   * The one-hidden-layer first layer of chunk c on this thread's units: activations into A (0: not kept) and
   * this thread's partial output sums.
   */
  private firstLayer(c: number, { samples, rowIdx }: ChunkSamples, head: Head, A: number): void {
    this.calls.firstLayer({
      rowIdx,
      rows: this.plan.rows,
      samples,
      tables: this.tables.address,
      width: this.layout.width,
      columns: this.share.units,
      realWidth: this.model.width,
      activation: this.model.activation,
      A,
      wOut: head.wOut,
      outputs: head.outputs,
      partial: this.partialSums(c, head.outputs).mine,
      block: this.choice.forwardBlock,
    });
  }

  /**
   * A chunk's outputs (bias plus `parts` partial sums at `partial`, one per thread splitting units); training,
   * into this thread's `out` with the gradient of the mean loss over the step's n samples, else into the
   * batch's outputs. Returns the summed loss.
   */
  private chunkLoss(
    { samples, targets, outputs }: ChunkSamples,
    n: number,
    head: Head,
    { partial, parts }: { partial: number; parts: number },
    train: boolean,
  ): number {
    const { out, dOut } = this.memory;
    return this.calls.lossGrad({
      partial,
      parts,
      partStride: this.chunk * head.outputs,
      samples,
      padded: roundUp(samples, 4),
      outputs: head.outputs,
      bOut: head.bOut,
      targets,
      loss: head.loss,
      scale: train ? 1 / n : 0,
      out: train ? out.byteOffset : outputs,
      dOut: train ? dOut.byteOffset : 0,
      dBOut: head.dBOut,
    });
  }

  /** A chunk's backward pass on this thread's units, into its buckets and output-weight gradient. */
  private oneHiddenBackward({ samples, rowIdx }: ChunkSamples, head: Head, A: number): void {
    this.calls.oneHiddenBackward({
      rowIdx,
      rows: this.plan.rows,
      samples,
      width: this.layout.width,
      columns: this.share.units,
      activation: this.model.activation,
      A,
      wOut: head.wOut,
      outputs: head.outputs,
      dOut: this.memory.dOut.byteOffset,
      dWOut: head.dWOut,
      buckets: this.tables.bucketsAddress,
      order: this.choice.backward,
      entries: this.plan.entries,
      scratch: this.memory.rowOrder?.byteOffset ?? 0,
    });
  }

  /** The outputs of this thread's part of n samples into the batch's outputs, chunk by chunk. */
  private evaluate(n: number): void {
    const part = this.share.part(n);
    if (!this.pacing) this.batch.tableRows(part);
    const head = this.head.real();
    for (let c = 0; c < this.batch.chunks(part); c++) {
      const chunk = this.batch.chunkAt(c, part);
      if (this.model.depth > 2) this.deepPass(c, part, head, false);
      else {
        // Threads splitting units: each does its units, then thread 0 forms the outputs from both sums.
        this.firstLayer(c, chunk, head, 0);
        this.pacing?.barrier();
        if (this.pacing?.index !== 1) this.chunkLoss(chunk, n, head, this.outputSums(c, head.outputs), false);
      }
    }
    this.thread?.barrier();
  }

  /**
   * Chunk c of a batch through a deeper network (one thread): the forward pass and its summed loss, and with
   * `train` the backward pass into the gradients and the table buckets.
   */
  private deepPass(c: number, part: BatchPart, head: Head, train: boolean): number {
    const chunk = this.batch.chunkAt(c, part);
    this.deep.forward(chunk, head);
    const loss = this.chunkLoss(
      chunk,
      part.size,
      head,
      { partial: this.memory.partial.byteOffset, parts: 1 },
      train,
    );
    if (train) this.deep.backward(chunk, head);
    return loss;
  }
}

/** into[i] = a[i] + b[i] on `columns` of every row (rows of `width` floats) of a and b. */
function addColumns(
  into: Float32Array,
  a: Float32Array,
  b: Float32Array,
  width: number,
  columns: Columns,
): void {
  for (let row = 0; row < a.length; row += width) {
    for (let i = row + columns.start; i < row + columns.end; i++) into[i] = a[i] + b[i];
  }
}
