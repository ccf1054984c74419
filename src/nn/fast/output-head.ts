import type { Columns, KernelLoss } from '../../kernels/calls.ts';
import type { LossName } from '../config.ts';
import { addressOf, type KernelLayout } from './kernel-layout.ts';
import type { NetworkMemory } from './kernel-memory.ts';

/** The output layer as the kernels see it in one pass: real, or the logit difference for ce training. */
export interface Head {
  readonly outputs: number;
  readonly wOut: number;
  readonly bOut: number;
  readonly dWOut: number;
  readonly dBOut: number;
  readonly loss: KernelLoss;
}

/**
 * The output layer of one thread: its weights and gradients as the kernels address them. Softmax over
 * cross-entropy's two logits depends on z1 − z0 alone, so training runs a one-output network on that
 * difference (half the output-layer work) and recovers both rows' gradients, which are equal and opposite.
 */
export class OutputHead {
  private readonly layout: KernelLayout;
  private readonly memory: NetworkMemory;
  private readonly loss: LossName;
  /** This thread's hidden units. */
  private readonly columns: Columns;

  constructor(layout: KernelLayout, memory: NetworkMemory, loss: LossName, columns: Columns) {
    this.layout = layout;
    this.memory = memory;
    this.loss = loss;
    this.columns = columns;
  }

  /** The real output layer; thread 1 accumulates the bias gradient into a spare it discards. */
  real(): Head {
    const { params, grads, dWOut, discardedDBOut } = this.memory;
    const out = this.layout.output;
    return {
      outputs: this.layout.ref.outputs,
      wOut: addressOf(params, out.w),
      bOut: addressOf(params, out.b),
      dWOut: dWOut.byteOffset,
      dBOut: discardedDBOut ? discardedDBOut.byteOffset : addressOf(grads, out.b),
      loss: this.loss,
    };
  }

  /** The head training uses: the real one, or for ce the logit difference over this thread's columns. */
  training(): Head {
    const d = this.memory.difference;
    if (this.loss !== 'ce' || !d) return this.real();
    const { width } = this.layout;
    const { params } = this.memory;
    const out = this.layout.output;
    const w = params.subarray(out.w, out.w + 2 * width);
    for (let c = this.columns.start; c < this.columns.end; c++) d[c] = w[width + c] - w[c];
    d[width] = params[out.b + 1] - params[out.b];
    d[width + 1] = 0;
    return {
      outputs: 1,
      wOut: d.byteOffset,
      bOut: addressOf(d, width),
      dWOut: this.memory.dWOut.byteOffset,
      dBOut: addressOf(d, width + 1),
      loss: 'ce-difference',
    };
  }

  /**
   * This thread's columns of the output-layer weight gradient into `grads` after a training pass with
   * `head`; after a difference pass ∂L/∂w1 = −∂L/∂w0 = ∂L/∂(w1 − w0), and (thread 0) likewise for the biases.
   */
  collectGrads(head: Head): void {
    const { width } = this.layout;
    const { start, end } = this.columns;
    const { grads, dWOut, difference, discardedDBOut } = this.memory;
    const outputs = this.layout.ref.outputs;
    const out = this.layout.output;
    const g = grads.subarray(out.w, out.w + outputs * width);
    if (head.loss !== 'ce-difference' || !difference) {
      for (let o = 0; o < outputs; o++)
        g.set(dWOut.subarray(o * width + start, o * width + end), o * width + start);
      return;
    }
    for (let c = start; c < end; c++) {
      g[c] = -dWOut[c];
      g[width + c] = dWOut[c];
    }
    if (discardedDBOut) return; // thread 1
    const db = difference[width + 1];
    grads[out.b] = -db;
    grads[out.b + 1] = db;
  }
}
