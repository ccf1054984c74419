import type { ParamLayout } from '../layout.ts';

/** Hidden widths are padded to a multiple of 16 (four v128 vectors); padded units stay exactly zero. */
export const PAD = 16;

/** n rounded up to a multiple of `to`. */
export const roundUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/** Offsets (in floats) of one layer's blocks in the kernel parameter array. */
export interface KernelLayer {
  readonly w: number;
  readonly b: number;
}

/**
 * The kernels' flat parameter array, for the network whose reference layout (src/nn/layout.ts) is `ref`:
 * W1 [inputs × width], b1, then (depth − 2) × (W [width × width], b), then wOut [outputs × width] (output-major,
 * unlike the reference) and bOut in 4 floats, with every hidden width padded to `width`. The size is a multiple
 * of 4, as the SIMD optimiser needs.
 */
export class KernelLayout {
  readonly ref: ParamLayout;
  /** Padded hidden width. */
  readonly width: number;
  readonly layers: readonly KernelLayer[];
  /** Floats in the flat array. */
  readonly size: number;

  constructor(ref: ParamLayout, realWidth: number) {
    this.ref = ref;
    const width = roundUp(realWidth, PAD);
    this.width = width;
    const hidden = ref.layers.length - 1;
    const fanIns = [ref.inputs, ...Array<number>(hidden - 1).fill(width)];
    const layers: KernelLayer[] = [];
    let at = 0;
    for (const fanIn of fanIns) {
      layers.push({ w: at, b: at + fanIn * width });
      at += (fanIn + 1) * width;
    }
    layers.push({ w: at, b: at + ref.outputs * width });
    this.layers = layers;
    this.size = at + ref.outputs * width + 4;
  }

  /** The first layer, whose rows the partial-sum tables add up. */
  get first(): KernelLayer {
    return this.layers[0];
  }

  get output(): KernelLayer {
    return this.layers[this.layers.length - 1];
  }

  /** `ref` (reference layout) into `into` (this layout), padding zero. */
  fromReference(ref: ArrayLike<number>, into: Float32Array): void {
    if (ref.length !== this.ref.size)
      throw new RangeError(`expected ${this.ref.size} parameters, got ${ref.length}`);
    into.fill(0);
    this.forEachParam((r, k) => {
      into[k] = ref[r];
    });
  }

  /** `from` (this layout) in the reference layout. */
  toReference(from: Float32Array): Float32Array {
    const ref = new Float32Array(this.ref.size);
    this.forEachParam((r, k) => {
      ref[r] = from[k];
    });
    return ref;
  }

  /** Maps every parameter of the reference layout to its kernel position: kernel[k] = ref[r]. */
  private forEachParam(fn: (r: number, k: number) => void): void {
    const { width } = this;
    this.ref.layers.forEach((layer, l) => {
      const kl = this.layers[l];
      const isOutput = l === this.ref.layers.length - 1;
      for (let i = 0; i < layer.fanIn; i++) {
        for (let o = 0; o < layer.fanOut; o++) {
          fn(layer.w + i * layer.fanOut + o, kl.w + (isOutput ? o * width + i : i * width + o));
        }
      }
      for (let o = 0; o < layer.fanOut; o++) fn(layer.b + o, kl.b + o);
    });
  }
}

/** The byte address of float `index` of `a`, an array in kernel memory. */
export const addressOf = (a: Float32Array, index = 0): number => a.byteOffset + index * 4;
