import type { Kernels } from '../../kernels/instantiate.ts';
import type { CompactBatch } from '../../task/batch.ts';
import type { ModelSpec, OptimizerSpec } from '../config.ts';
import { type ParamLayout, paramLayout } from '../layout.ts';
import { awaitAtLeast } from './barrier.ts';
import { type TablePlan, tablePlan } from './tables.ts';

const ACTIVATION = { relu: 0, tanh: 1, sigmoid: 2 } as const;
const LOSS = { mse: 0, 'mse-half': 1, ce: 2 } as const;
/** Cross-entropy on the logit difference d = z1 − z0 (one output): how two-logit training is run. */
const CE_DIFFERENCE = 3;

/** The output layer as the kernels see it in one pass: real, or the logit difference for ce training. */
interface Head {
  outputs: number;
  wOut: number;
  bOut: number;
  dWOut: number;
  dBOut: number;
  lossId: number;
}

/** Hidden widths are padded to a multiple of 16 (four v128 vectors); padded units stay exactly zero. */
export const PAD = 16;
const pad = (n: number, to: number) => Math.ceil(n / to) * to;

/**
 * How one of two threads shares a network (a one-hidden-layer network only): the hidden units are split
 * [0, split) | [split, wp), the flat parameter update by halves, and `barrier` holds both threads in step.
 * Both threads build the same FastNetwork over the same memory (same heap start, same allocations).
 */
export interface ThreadRole {
  readonly index: 0 | 1;
  readonly barrier: () => void;
  /** Command block in shared memory: [command, samples, rowIdx ptr, targets ptr, optimiser steps, lr (f32)]. */
  readonly command: Int32Array;
  /** This thread's and the other thread's chunk counters in a training step: [produced, consumed]. */
  readonly progress: Int32Array;
  readonly partner: Int32Array;
}

const PRODUCED = 0;
const CONSUMED = 1;

const TRAIN = 1;
const FORWARD = 2;
export const EXIT = 3;

/**
 * Tuning, measured in one process alternating configurations (docs/trainer.md): one thread is fastest with
 * 7-bit tables, two threads with 6-bit tables (each thread's half of smaller tables stays in cache).
 */
export interface FastNetworkOptions {
  /**
   * Samples per fused forward/backward pass. Default: about 2^17 activations per thread (128 samples at the
   * paper's width 1000 on one thread, 256 on two, 1024 at width 128), so they stay in cache while a narrow
   * network still makes few passes.
   */
  chunk?: number;
  /** Task bits per partial-sum table (2^groupBits rows each). */
  groupBits?: number;
}

/** About 2^17 activations per pass for `columns` hidden units (a power of two in [64, 1024]). */
function defaultChunk(columns: number): number {
  return 2 ** Math.min(10, Math.max(6, Math.round(Math.log2(2 ** 17 / columns))));
}

/** Offsets (in floats) of one layer's blocks in the kernel parameter array. */
interface KernelLayer {
  readonly w: number;
  readonly b: number;
}

/**
 * A network on the WASM kernels: parameters, gradients, optimiser state, partial-sum tables and the
 * per-chunk scratch all live in the kernels' memory. Its parameter layout is padded and has the output
 * layer output-major; `setParams`/`getParams` convert from/to the reference layout (src/nn/layout.ts).
 */
export class FastNetwork {
  readonly model: ModelSpec;
  readonly optimizer: OptimizerSpec;
  readonly ref: ParamLayout;
  readonly plan: TablePlan;
  /** Padded hidden width. */
  readonly wp: number;
  readonly chunk: number;
  private readonly k: Kernels;
  private readonly layers: KernelLayer[];
  private readonly size: number;
  private readonly params: Float32Array;
  private readonly grads: Float32Array;
  /** SGD: the momentum buffer; Adam: first and second moments. */
  private readonly moments: Float32Array[];
  private readonly tables: Float32Array;
  /** This thread's dL/d(table entry) accumulators (its columns only; see `perThread`). */
  private readonly buckets: Float32Array;
  /** This thread's output-layer weight gradient, accumulated over a step and then written to `grads`. */
  private readonly dWOut: Float32Array;
  private readonly planPtrs: {
    parent: number;
    addRow: number;
    fromBias: number;
    groupBase: number;
    groupWidth: number;
  };
  private readonly acts: Float32Array[];
  /** Two threads: activations of odd chunks, as each thread runs its first layer one chunk ahead. */
  private readonly ahead: Float32Array | null;
  private readonly dZ: Float32Array[];
  private readonly partial: Float32Array;
  private readonly out: Float32Array;
  private readonly dOut: Float32Array;
  private rowIdx = new Int32Array(0);
  /** Where the step's targets are: the caller's array when it lives in kernel memory, else `targets`, a copy. */
  private targetsAt = 0;
  private targets = new Float32Array(0);
  /** A batch's skills and packed bits, copied into kernel memory unless they already live there. */
  private staged = { skill: new Int32Array(0), bits: new Uint32Array(0) };
  private readonly thread: ThreadRole | null;
  /** This thread's hidden units [c0, c1) and share [e0, e1) of the flat parameter update. */
  private readonly c0: number;
  private readonly c1: number;
  private readonly e0: number;
  private readonly e1: number;
  /** Thread 1's own output and output-gradient buffers and a discarded dBOut (thread 0 owns the real one). */
  private readonly spare: { out: Float32Array; dOut: Float32Array; dBOut: Float32Array };
  private loss = 0;
  /**
   * Cross-entropy only, one per thread: [w1 − w0 (wp floats), b1 − b0, Σ dOut]. Softmax over two logits
   * depends on z1 − z0 alone, so training runs a one-output network on that difference (half the output-layer
   * work) and recovers both rows' gradients, which are equal and opposite.
   */
  private readonly difference: Float32Array[];
  /** Optimiser steps taken (Adam's bias correction uses it). */
  steps = 0;

  constructor(
    k: Kernels,
    skills: number,
    bits: number,
    model: ModelSpec,
    optimizer: OptimizerSpec,
    { chunk, groupBits = 7 }: FastNetworkOptions = {},
    thread: ThreadRole | null = null,
  ) {
    if (thread && model.depth !== 2) throw new RangeError('two threads need a one-hidden-layer network');
    this.k = k;
    this.thread = thread;
    this.model = model;
    this.optimizer = optimizer;
    const inputs = skills + bits;
    this.ref = paramLayout(inputs, model);
    this.plan = tablePlan(skills, bits, groupBits);
    const wp = pad(model.width, PAD);
    this.wp = wp;
    this.chunk = pad(chunk ?? defaultChunk(wp / (thread ? 2 : 1)), 4);
    const outputs = this.ref.outputs;
    // Kernel layout: W1 [inputs × wp], b1, then (depth − 2) × (W [wp × wp], b), then wOut [outputs × wp], bOut.
    const fanIns = [inputs, ...Array<number>(model.depth - 2).fill(wp)];
    this.layers = [];
    let at = 0;
    for (const fanIn of fanIns) {
      this.layers.push({ w: at, b: at + fanIn * wp });
      at += (fanIn + 1) * wp;
    }
    this.layers.push({ w: at, b: at + outputs * wp });
    this.size = at + outputs * wp + 4;
    const f32 = (n: number) => k.heap.array(Float32Array, n);
    this.params = f32(this.size);
    this.grads = f32(this.size);
    this.moments = (optimizer.name === 'sgd' ? (optimizer.momentum > 0 ? [0] : []) : [0, 0]).map(() =>
      f32(this.size),
    );
    this.tables = f32(this.plan.entries * wp);
    // Buffers the hot loops write are private to each thread: two threads writing the two halves of one row
    // made each slower than one thread doing both (the halves meet in a cache line the prefetcher pulls across).
    const perThread = <T>(make: () => T): T => {
      const copies = Array.from({ length: thread ? 2 : 1 }, make);
      return copies[thread?.index ?? 0];
    };
    this.buckets = perThread(() => f32(this.plan.entries * wp));
    this.dWOut = perThread(() => f32(outputs * wp));
    const i32 = (a: Int32Array) => k.heap.copy(a).byteOffset;
    this.planPtrs = {
      parent: i32(this.plan.parent),
      addRow: i32(this.plan.addRow),
      fromBias: i32(this.plan.fromBias),
      groupBase: i32(this.plan.groupBase),
      groupWidth: i32(this.plan.groupWidth),
    };
    this.acts = perThread(() => Array.from({ length: model.depth - 1 }, () => f32(this.chunk * wp)));
    this.ahead = thread ? perThread(() => f32(this.chunk * wp)) : null;
    this.dZ = model.depth > 2 ? Array.from({ length: model.depth - 1 }, () => f32(this.chunk * wp)) : [];
    // Partial output sums: [2 chunk parities][2 threads][chunk × outputs], so a thread may start the next
    // chunk while the other still reads this one's sums.
    this.partial = f32(4 * this.chunk * outputs);
    this.out = f32(this.chunk * outputs);
    this.dOut = f32(this.chunk * outputs);
    this.spare = { out: f32(this.chunk * outputs), dOut: f32(this.chunk * outputs), dBOut: f32(4) };
    this.difference = model.loss === 'ce' ? [f32(wp + 4), f32(wp + 4)] : [];
    const split = thread ? Math.round(wp / 2 / PAD) * PAD : wp;
    const half = thread ? Math.floor(this.size / 8) * 4 : this.size;
    const second = thread?.index === 1;
    [this.c0, this.c1] = second ? [split, wp] : [0, split];
    [this.e0, this.e1] = second ? [half, this.size] : [0, half];
  }

  get outputs(): number {
    return this.ref.outputs;
  }

  /** Bytes of the kernels' memory in use (this network and anything allocated before it). */
  get memoryBytes(): number {
    return this.k.heap.used;
  }

  /** Loads parameters given in the reference layout (src/nn/layout.ts) and rebuilds the tables. */
  setParams(ref: ArrayLike<number>): void {
    this.fromReference(ref, this.params);
    this.rebuildTables();
  }

  /** The parameters in the reference layout. */
  getParams(): Float32Array {
    return this.toReference(this.params);
  }

  /** The gradient of the last trainStep's batch loss, at the parameters before its update (reference layout). */
  getGrads(): Float32Array {
    return this.toReference(this.grads);
  }

  /** Optimiser moments (SGD momentum buffer, or Adam's m and v) in the reference layout, for checkpoints. */
  getMoments(): Float32Array[] {
    return this.moments.map((m) => this.toReference(m));
  }

  setMoments(moments: ArrayLike<number>[]): void {
    if (moments.length !== this.moments.length) throw new RangeError('optimiser state does not match');
    moments.forEach((m, i) => this.fromReference(m, this.moments[i]));
  }

  /**
   * One optimiser step on `batch` with per-sample `targets` (±S labels for mse, parity classes for ce) at
   * learning rate `lr`; returns the batch's mean loss before the step.
   */
  trainStep(batch: CompactBatch, targets: Float32Array, lr: number): number {
    this.prepare(batch, targets);
    this.grads.fill(0);
    this.command(TRAIN, batch.size, lr);
    this.runTrain(batch.size, lr);
    return this.loss / batch.size;
  }

  /** Network outputs for every sample of `batch` (n × outputs, row-major), without touching gradients. */
  forward(batch: CompactBatch, outputs = new Float32Array(batch.size * this.outputs)): Float32Array {
    this.prepare(batch, null);
    this.command(FORWARD, batch.size, 0);
    this.runForward(batch.size, outputs);
    return outputs;
  }

  /** Thread 1's loop: runs each command thread 0 issues until EXIT. */
  serve(): void {
    const t = this.thread;
    if (t?.index !== 1) throw new Error('serve() is for thread 1');
    for (;;) {
      t.barrier();
      const [cmd, n, rowIdx, targets, steps] = t.command;
      if (cmd === EXIT) return;
      this.rowIdx = new Int32Array(this.k.memory.buffer, rowIdx, pad(n, this.chunk) * this.plan.rows);
      this.targetsAt = targets;
      this.steps = steps;
      if (cmd === TRAIN)
        this.runTrain(n, new Float32Array(t.command.buffer, t.command.byteOffset + 20, 1)[0]);
      else this.runForward(n, null);
    }
  }

  /** Thread 0 tells thread 1 what to run (no-op on one thread). */
  private command(cmd: number, n: number, lr: number): void {
    const t = this.thread;
    if (!t) return;
    t.command.set([cmd, n, this.rowIdx.byteOffset, this.targetsAt, this.steps]);
    new Float32Array(t.command.buffer, t.command.byteOffset + 20, 1)[0] = lr;
    t.barrier(); // thread 1 reads the command after this; it stays put until the run's last barrier
  }

  private runTrain(n: number, lr: number): void {
    this.loss = 0; // the buckets are zero: reduceTables leaves them so
    this.dWOut.fill(0);
    const head = this.trainingHead();
    if (this.model.depth === 2) this.trainChunks2(n, head);
    else for (let c = 0; c * this.chunk < n; c++) this.loss += this.chunkPass(c, n, head);
    this.collectOutputGrads(head);
    const e = this.k.exports;
    const { parent, addRow, fromBias } = this.planPtrs;
    const [first] = this.layers;
    e.reduceTables(
      this.buckets.byteOffset,
      this.plan.entries,
      parent,
      addRow,
      fromBias,
      this.ptr(this.grads, first.w),
      this.ptr(this.grads, first.b),
      this.wp,
      this.c0,
      this.c1,
    );
    this.thread?.barrier(); // both are past the chunks: each may reset its counters
    this.thread?.progress.fill(0);
    this.update(lr);
    this.thread?.barrier();
    this.rebuildTables(this.c0, this.c1);
    this.thread?.barrier();
  }

  /**
   * A one-hidden-layer network's training chunks. Two threads run their first layer one chunk ahead: each
   * publishes its partial output sums of chunk c, computes chunk c + 1's, and only then waits for the other's
   * sums of chunk c, so their timing jitter overlaps instead of adding up at a barrier per chunk.
   */
  private trainChunks2(n: number, head: Head): void {
    const chunks = Math.ceil(n / this.chunk);
    const ahead = this.thread ? 1 : 0;
    for (let c = 0; c < Math.min(ahead, chunks); c++) this.firstLayer2(c, n, head);
    for (let c = 0; c < chunks; c++) {
      if (c + ahead < chunks) this.firstLayer2(c + ahead, n, head);
      this.awaitPartner(PRODUCED, c + 1);
      this.loss += this.lossGrad2(c, n, head);
      this.backward2(c, n, head);
    }
  }

  /** Samples [start, start + m) of chunk c, its table rows and targets in kernel memory. */
  private chunkAt(c: number, n: number): { m: number; rowPtr: number; targets: number } {
    const start = c * this.chunk;
    return {
      m: Math.min(this.chunk, n - start),
      rowPtr: this.rowIdx.byteOffset + start * this.plan.rows * 4,
      targets: this.targetsAt + start * 4,
    };
  }

  /** Training activations of chunk c (two threads alternate two buffers). */
  private activations2(c: number): number {
    return (c & 1 && this.ahead ? this.ahead : this.acts[0]).byteOffset;
  }

  /** Partial output sums of chunk c: [2 chunk parities][2 threads][chunk × outputs]; `mine` is this thread's. */
  private partialSums(c: number, outputs: number): { sums: number; mine: number } {
    const stride = this.chunk * outputs * 4;
    const sums = this.partial.byteOffset + (c & 1) * 2 * stride;
    return { sums, mine: sums + (this.thread?.index === 1 ? stride : 0) };
  }

  /** Chunk c's first layer on this thread's units; then publishes its partial output sums. */
  private firstLayer2(c: number, n: number, head: Head): void {
    // Chunk c reuses the partial-sum buffer of chunk c − 2: the other thread must be done reading it.
    this.awaitPartner(CONSUMED, c - 1);
    this.firstLayerChunk(c, n, head, this.activations2(c));
    this.publish(PRODUCED, c + 1);
  }

  /**
   * The one-hidden-layer first layer of chunk c on this thread's units: activations into A (0: not kept) and
   * this thread's partial output sums.
   */
  private firstLayerChunk(c: number, n: number, head: Head, A: number): void {
    const { m, rowPtr } = this.chunkAt(c, n);
    this.k.exports.firstLayer(
      rowPtr,
      this.plan.rows,
      m,
      this.tables.byteOffset,
      this.wp,
      this.c0,
      this.c1,
      this.model.width,
      ACTIVATION[this.model.activation],
      A,
      head.wOut,
      head.outputs,
      this.partialSums(c, head.outputs).mine,
    );
  }

  /** Chunk c's outputs from both threads' partial sums, its loss gradient, and its summed loss. */
  private lossGrad2(c: number, n: number, head: Head): number {
    const loss = this.chunkLoss(c, n, head, this.partialSums(c, head.outputs).sums, true);
    this.publish(CONSUMED, c + 1);
    return loss;
  }

  /**
   * Chunk c's outputs (bias plus the partial sums at `partial`, one per thread), into this thread's `out`;
   * with `train` also the gradient of the mean loss over the step's n samples. Returns the summed loss.
   */
  private chunkLoss(c: number, n: number, head: Head, partial: number, train: boolean): number {
    const { m, targets } = this.chunkAt(c, n);
    const own = this.thread?.index === 1 ? this.spare : { out: this.out, dOut: this.dOut };
    return this.k.exports.lossGrad(
      partial,
      this.thread ? 2 : 1,
      this.chunk * head.outputs,
      m,
      pad(m, 4),
      head.outputs,
      head.bOut,
      targets,
      head.lossId,
      train ? 1 / n : 0,
      own.out.byteOffset,
      train ? own.dOut.byteOffset : 0,
      head.dBOut,
    );
  }

  /** Chunk c's backward pass on this thread's units, into its buckets and output-weight gradient. */
  private backward2(c: number, n: number, head: Head): void {
    const { m, rowPtr } = this.chunkAt(c, n);
    const own = this.thread?.index === 1 ? this.spare : { dOut: this.dOut };
    this.k.exports.backward2(
      rowPtr,
      this.plan.rows,
      m,
      this.wp,
      this.c0,
      this.c1,
      ACTIVATION[this.model.activation],
      this.activations2(c),
      head.wOut,
      head.outputs,
      own.dOut.byteOffset,
      head.dWOut,
      this.buckets.byteOffset,
    );
  }

  /** Two threads: sets this thread's counter and wakes the other if it sleeps on it. */
  private publish(counter: number, value: number): void {
    const t = this.thread;
    if (!t) return;
    Atomics.store(t.progress, counter, value);
    Atomics.notify(t.progress, counter);
  }

  /** Two threads: waits until the other thread's counter reaches `value`. */
  private awaitPartner(counter: number, value: number): void {
    if (this.thread) awaitAtLeast(this.thread.partner, counter, value);
  }

  private runForward(n: number, outputs: Float32Array | null): void {
    const o = this.outputs;
    for (let c = 0; c * this.chunk < n; c++) {
      this.chunkPass(c, n, null);
      outputs?.set(this.out.subarray(0, this.chunkAt(c, n).m * o), c * this.chunk * o);
    }
    this.thread?.barrier();
  }

  /**
   * Chunk c of n samples: the forward pass and its summed loss (evaluation, `head` null), or for a deeper
   * network a whole training pass. On two threads (one hidden layer) each does its hidden units and thread 0
   * forms the outputs from both partial sums after a barrier.
   */
  private chunkPass(c: number, n: number, trainHead: Head | null): number {
    const e = this.k.exports;
    const { wp, model } = this;
    const train = trainHead !== null;
    const head = trainHead ?? this.outputHead();
    const { outputs: o, wOut, dWOut } = head;
    const act = ACTIVATION[model.activation];
    const rows = this.plan.rows;
    const { m, rowPtr } = this.chunkAt(c, n);
    const padded = pad(m, 4);
    if (model.depth === 2) {
      // Evaluation (training runs trainChunks2).
      this.firstLayerChunk(c, n, head, 0);
      this.thread?.barrier();
      return this.thread?.index === 1 ? 0 : this.chunkLoss(c, n, head, this.partialSums(c, o).sums, false);
    }
    const tables = this.tables.byteOffset;
    const A = this.acts.map((a) => a.byteOffset);
    e.firstLayer(rowPtr, rows, padded, tables, wp, 0, wp, model.width, act, A[0], 0, 0, 0);
    for (let l = 1; l < A.length; l++) {
      const layer = this.layers[l];
      e.denseForward(
        A[l - 1],
        padded,
        wp,
        model.width,
        this.ptr(this.params, layer.w),
        this.ptr(this.params, layer.b),
        wp,
        model.width,
        act,
        A[l],
      );
    }
    const last = A.length - 1;
    e.outputDot(A[last], padded, wp, 0, wp, wOut, o, this.partial.byteOffset);
    const loss = this.chunkLoss(c, n, head, this.partial.byteOffset, train);
    if (!train) return loss;
    const dZ = this.dZ.map((z) => z.byteOffset);
    e.outputBackward(A[last], padded, wp, act, wOut, o, this.dOut.byteOffset, dWOut, dZ[last]);
    for (let l = last; l >= 1; l--) {
      const layer = this.layers[l];
      e.denseBackward(
        A[l - 1],
        padded,
        wp,
        model.width,
        act,
        this.ptr(this.params, layer.w),
        wp,
        dZ[l],
        this.ptr(this.grads, layer.w),
        this.ptr(this.grads, layer.b),
        dZ[l - 1],
      );
    }
    e.scatterRows(dZ[0], rowPtr, rows, padded, wp, this.buckets.byteOffset);
    return loss;
  }

  /** The real output layer; thread 1 accumulates the bias gradient into a spare it discards. */
  private outputHead(): Head {
    const out = this.layers[this.layers.length - 1];
    return {
      outputs: this.outputs,
      wOut: this.ptr(this.params, out.w),
      bOut: this.ptr(this.params, out.b),
      dWOut: this.dWOut.byteOffset,
      dBOut: this.thread?.index === 1 ? this.spare.dBOut.byteOffset : this.ptr(this.grads, out.b),
      lossId: LOSS[this.model.loss],
    };
  }

  /** The head training uses: the real one, or for ce the logit difference over this thread's columns. */
  private trainingHead(): Head {
    if (this.model.loss !== 'ce') return this.outputHead();
    const { wp, c0, c1 } = this;
    const out = this.layers[this.layers.length - 1];
    const d = this.difference[this.thread?.index ?? 0];
    const w = this.params.subarray(out.w, out.w + 2 * wp);
    for (let c = c0; c < c1; c++) d[c] = w[wp + c] - w[c];
    d[wp] = this.params[out.b + 1] - this.params[out.b];
    d[wp + 1] = 0;
    return {
      outputs: 1,
      wOut: d.byteOffset,
      bOut: d.byteOffset + wp * 4,
      dWOut: this.dWOut.byteOffset,
      dBOut: d.byteOffset + (wp + 1) * 4,
      lossId: CE_DIFFERENCE,
    };
  }

  /**
   * This thread's columns of the output-layer weight gradient into `grads`; after a difference pass
   * ∂L/∂w1 = −∂L/∂w0 = ∂L/∂(w1 − w0), and (thread 0) likewise for the two biases.
   */
  private collectOutputGrads(head: Head): void {
    const { wp, c0, c1 } = this;
    const out = this.layers[this.layers.length - 1];
    const g = this.grads.subarray(out.w, out.w + this.outputs * wp);
    if (head.lossId !== CE_DIFFERENCE) {
      for (let o = 0; o < this.outputs; o++)
        g.set(this.dWOut.subarray(o * wp + c0, o * wp + c1), o * wp + c0);
      return;
    }
    for (let c = c0; c < c1; c++) {
      g[c] = -this.dWOut[c];
      g[wp + c] = this.dWOut[c];
    }
    if (this.thread?.index === 1) return;
    const db = this.difference[0][wp + 1];
    this.grads[out.b] = -db;
    this.grads[out.b + 1] = db;
  }

  /** Table rows and targets of `batch` into kernel memory (rows of padding samples point at entry 0). */
  private prepare(batch: CompactBatch, targets: Float32Array | null): void {
    const need = pad(batch.size, this.chunk);
    if (this.rowIdx.length < need * this.plan.rows) {
      this.rowIdx = this.k.heap.array(Int32Array, need * this.plan.rows);
      this.targets = this.k.heap.array(Float32Array, need);
    }
    this.rowIdx.fill(0, batch.size * this.plan.rows);
    const { skill, bits } = this.stage(batch);
    const { groupBase, groupWidth } = this.planPtrs;
    const p = this.plan;
    this.k.exports.tableRows(
      skill,
      bits,
      batch.words,
      batch.size,
      p.groupBase.length,
      p.groupBits,
      groupBase,
      groupWidth,
      p.folded ? 1 : 0,
      p.controlBase,
      this.wp * 4,
      this.rowIdx.byteOffset,
    );
    if (targets && this.k.heap.holds(targets)) this.targetsAt = targets.byteOffset;
    else {
      if (targets) this.targets.set(targets.subarray(0, batch.size));
      this.targetsAt = this.targets.byteOffset;
    }
  }

  /** Kernel-memory addresses of the batch's skills and bits (copied in unless they are views of it already). */
  private stage(batch: CompactBatch): { skill: number; bits: number } {
    const bits = batch.bits.subarray(0, batch.size * batch.words);
    const skill = batch.skill.subarray(0, batch.size);
    if (this.k.heap.holds(skill) && this.k.heap.holds(bits))
      return { skill: skill.byteOffset, bits: bits.byteOffset };
    if (this.staged.skill.length < skill.length || this.staged.bits.length < bits.length) {
      this.staged = {
        skill: this.k.heap.array(Int32Array, skill.length),
        bits: this.k.heap.array(Uint32Array, bits.length),
      };
    }
    this.staged.skill.set(skill);
    this.staged.bits.set(bits);
    return { skill: this.staged.skill.byteOffset, bits: this.staged.bits.byteOffset };
  }

  /** The optimiser on this thread's share [e0, e1) of the flat parameters (elementwise, so any split works). */
  private update(lr: number): void {
    const e = this.k.exports;
    const o = this.optimizer;
    this.steps++;
    const at = (a: Float32Array | undefined) => (a ? a.byteOffset + this.e0 * 4 : 0);
    const n = this.e1 - this.e0;
    const [m, v] = this.moments;
    if (o.name === 'sgd') {
      e.sgdStep(at(this.params), at(this.grads), at(m), n, lr, o.momentum, o.weightDecay);
    } else {
      const bc1 = 1 - o.beta1 ** this.steps;
      const bc2 = 1 - o.beta2 ** this.steps;
      const decoupled = o.name === 'adamw' ? 1 : 0;
      e.adamStep(
        at(this.params),
        at(this.grads),
        at(m),
        at(v),
        n,
        lr,
        o.beta1,
        o.beta2,
        o.eps,
        o.weightDecay,
        decoupled,
        bc1,
        bc2,
      );
    }
  }

  private rebuildTables(c0 = 0, c1 = this.wp): void {
    const { parent, addRow, fromBias } = this.planPtrs;
    const [first] = this.layers;
    const w1 = this.ptr(this.params, first.w);
    const b1 = this.ptr(this.params, first.b);
    this.k.exports.buildTables(
      this.tables.byteOffset,
      this.plan.entries,
      parent,
      addRow,
      fromBias,
      w1,
      b1,
      this.wp,
      c0,
      c1,
    );
  }

  private ptr(a: Float32Array, offset: number): number {
    return a.byteOffset + offset * 4;
  }

  /** Maps every parameter of the reference layout to its kernel position: k[map(i)] = ref[i]. */
  private forEachParam(fn: (refIndex: number, kernelIndex: number) => void): void {
    const { wp } = this;
    this.ref.layers.forEach((layer, l) => {
      const kl = this.layers[l];
      const isOutput = l === this.ref.layers.length - 1;
      for (let i = 0; i < layer.fanIn; i++) {
        for (let o = 0; o < layer.fanOut; o++) {
          fn(layer.w + i * layer.fanOut + o, kl.w + (isOutput ? o * wp + i : i * wp + o));
        }
      }
      for (let o = 0; o < layer.fanOut; o++) fn(layer.b + o, kl.b + o);
    });
  }

  private fromReference(ref: ArrayLike<number>, into: Float32Array): void {
    if (ref.length !== this.ref.size)
      throw new RangeError(`expected ${this.ref.size} parameters, got ${ref.length}`);
    into.fill(0);
    this.forEachParam((r, k) => {
      into[k] = ref[r];
    });
  }

  private toReference(from: Float32Array): Float32Array {
    const ref = new Float32Array(this.ref.size);
    this.forEachParam((r, k) => {
      ref[r] = from[k];
    });
    return ref;
  }
}
