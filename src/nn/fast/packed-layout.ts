import { type ParamLayout, paramLayout } from '../layout.ts';
import type { KernelLayer } from './kernel-layout.ts';
import { PAD, roundUp } from './kernel-layout.ts';

/** Units per v128 vector: the packed kernels give every vector one member. */
export const VECTOR = 4;

/**
 * The flat parameter array of a packed ensemble (src/kernels/assembly/ensemble.ts): M one-hidden-layer
 * networks, member m's hidden units in columns [offset[m], offset[m] + widths[m]) of one first layer, its block
 * padded to a multiple of `pad` units (4: one v128 vector; 16: a whole kernel block). W1 [inputs × width], b1,
 * wOut [width] (each unit's weight to its own member's output), then the M output biases, padded to 4 floats;
 * `width` (the sum of the blocks) is padded to a multiple of 16.
 */
export class PackedLayout {
  readonly inputs: number;
  readonly widths: readonly number[];
  /** Each member's first column. */
  readonly offsets: readonly number[];
  /** Padded total width. */
  readonly width: number;
  readonly first: KernelLayer;
  /** wOut's offset (width floats). */
  readonly wOut: number;
  /** The output biases' offset (one per member). */
  readonly bOut: number;
  readonly size: number;
  /** Each member's reference layout (src/nn/layout.ts): the network it is when trained alone. */
  readonly refs: readonly ParamLayout[];

  constructor(inputs: number, widths: readonly number[], pad = VECTOR) {
    if (pad % VECTOR !== 0 || PAD % pad !== 0) throw new RangeError(`pad must be 4, 8 or 16 (got ${pad})`);
    this.inputs = inputs;
    this.widths = widths;
    const offsets: number[] = [];
    let at = 0;
    for (const w of widths) {
      offsets.push(at);
      at += roundUp(w, pad);
    }
    this.offsets = offsets;
    this.width = roundUp(at, PAD);
    const width = this.width;
    this.first = { w: 0, b: inputs * width };
    this.wOut = (inputs + 1) * width;
    this.bOut = (inputs + 2) * width;
    this.size = this.bOut + roundUp(widths.length, 4);
    this.refs = widths.map((w) => paramLayout(inputs, { width: w, depth: 2, loss: 'mse' }));
  }

  get members(): number {
    return this.widths.length;
  }

  /** members + 1 vector indices: member m's units are the vectors [vecStart[m], vecStart[m + 1]). */
  vecStart(): Int32Array {
    const starts = this.offsets.map((o, m) => (o + roundUp(this.widths[m], VECTOR)) / VECTOR);
    return Int32Array.from([this.offsets[0] / VECTOR, ...starts]);
  }

  /**
   * The member of each vector of the padded width; vectors outside every member's real units (and padding up
   * to the next block) point at `members`, a row of zero errors.
   */
  vecMember(): Int32Array {
    const owner = new Int32Array(this.width / VECTOR).fill(this.members);
    this.widths.forEach((w, m) => {
      owner.fill(m, this.offsets[m] / VECTOR, (this.offsets[m] + roundUp(w, VECTOR)) / VECTOR);
    });
    return owner;
  }

  /** Member m's parameters in its reference layout, from `flat` (this layout). */
  toMember(m: number, flat: Float32Array): Float32Array {
    const ref = new Float32Array(this.refs[m].size);
    this.forEachParam(m, (r, k) => {
      ref[r] = flat[k];
    });
    return ref;
  }

  /** Member m's parameters given in its reference layout into `into` (this layout). */
  fromMember(m: number, ref: ArrayLike<number>, into: Float32Array): void {
    if (ref.length !== this.refs[m].size)
      throw new RangeError(`member ${m}: expected ${this.refs[m].size} parameters, got ${ref.length}`);
    this.forEachParam(m, (r, k) => {
      into[k] = ref[r];
    });
  }

  /**
   * Per-parameter learning rates into `rates`: every parameter of member m at lrs[m], padding at 0 (so padded
   * units never move, whatever their activation at 0).
   */
  fillRates(lrs: readonly number[], rates: Float32Array): void {
    rates.fill(0);
    lrs.forEach((lr, m) => {
      this.forEachParam(m, (_, k) => {
        rates[k] = lr;
      });
    });
  }

  /** Maps each parameter of member m's reference layout to its place here: flat[k] = ref[r]. */
  private forEachParam(m: number, fn: (r: number, k: number) => void): void {
    const [hidden, output] = this.refs[m].layers;
    const n = this.widths[m];
    const at = this.offsets[m];
    for (let i = 0; i < this.inputs; i++)
      for (let o = 0; o < n; o++) fn(hidden.w + i * n + o, this.first.w + i * this.width + at + o);
    for (let o = 0; o < n; o++) {
      fn(hidden.b + o, this.first.b + at + o);
      fn(output.w + o, this.wOut + at + o);
    }
    fn(output.b, this.bOut + m);
  }
}
