import type { KernelLoss } from '../../kernels/calls.ts';
import type { LossName } from '../config.ts';
import { addressOf, type KernelLayout } from './kernel-layout.ts';
import type { NetworkMemory } from './kernel-memory.ts';
import type { Share } from './protocol.ts';

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
  private readonly share: Share;
  /** Whether this thread writes the output-bias gradient (thread 0, or the only thread). */
  private readonly ownsBias: boolean;

  constructor(layout: KernelLayout, memory: NetworkMemory, loss: LossName, share: Share, ownsBias: boolean) {
    this.layout = layout;
    this.memory = memory;
    this.loss = loss;
    this.share = share;
    this.ownsBias = ownsBias;
  }

  /** The real output layer; the bias gradient accumulates in this thread's step sums. */
  real(): Head {
    const { params, dWOut, dBOut } = this.memory;
    const out = this.layout.output;
    return {
      outputs: this.layout.ref.outputs,
      wOut: addressOf(params, out.w),
      bOut: addressOf(params, out.b),
      dWOut: dWOut.byteOffset,
      dBOut: dBOut.byteOffset,
      loss: this.loss,
    };
  }

  /** The head training uses: the real one, or for ce the logit difference over this thread's units. */
  training(): Head {
    const d = this.memory.difference;
    if (this.loss !== 'ce' || !d) return this.real();
    const { width } = this.layout;
    const { params } = this.memory;
    const out = this.layout.output;
    const w = params.subarray(out.w, out.w + 2 * width);
    for (let c = this.share.units.start; c < this.share.units.end; c++) d[c] = w[width + c] - w[c];
    d[width] = params[out.b + 1] - params[out.b];
    return {
      ...this.real(),
      outputs: 1,
      wOut: d.byteOffset,
      bOut: addressOf(d, width),
      loss: 'ce-difference',
    };
  }

  /**
   * This thread's columns of the output-layer gradient into `grads` after a training pass with `head` (with a
   * samples split, summed with the other thread's); after a difference pass ∂L/∂w1 = −∂L/∂w0 = ∂L/∂(w1 − w0),
   * and likewise for the biases.
   */
  collectGrads(head: Head): void {
    const { width } = this.layout;
    const { start, end } = this.share.columns;
    const { grads, dWOut, dBOut } = this.memory;
    const partner = this.share.split === 'samples' ? this.memory.partner : null;
    const out = this.layout.output;
    const difference = head.loss === 'ce-difference';
    // Gradient g of output row o at grads[at]; a difference pass gives row 1 g and row 0 −g (`next` floats back).
    const put = (at: number, next: number, g: number) => {
      if (!difference) grads[at] = g;
      else {
        grads[at] = -g;
        grads[at + next] = g;
      }
    };
    for (let o = 0; o < head.outputs; o++) {
      for (let c = start; c < end; c++) {
        const i = o * width + c;
        put(out.w + i, width, partner ? dWOut[i] + partner.dWOut[i] : dWOut[i]);
      }
      if (this.ownsBias) put(out.b + o, 1, partner ? dBOut[o] + partner.dBOut[o] : dBOut[o]);
    }
  }
}
