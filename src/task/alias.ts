import type { Rng } from './rng.ts';

/**
 * Walker's alias table (Vose's construction): draws k with probability p[k] in O(1) from two 32-bit words.
 * The acceptance threshold is kept in units of 2^-32, so probabilities are honoured to within 2^-32.
 */
export class AliasTable {
  readonly size: number;
  /** Acceptance threshold of each column, in units of 2^-32. */
  readonly threshold: Float64Array;
  /** The alias drawn when a column's threshold rejects. */
  readonly alias: Int32Array;

  constructor(p: ArrayLike<number>) {
    const n = p.length;
    this.size = n;
    this.threshold = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Float64Array.from(p, (v) => v * n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) (scaled[i] < 1 ? small : large).push(i);
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.threshold[s] = scaled[s] * 4294967296;
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    // Whatever is left is 1 up to rounding: always accept.
    for (const i of [...small, ...large]) {
      this.threshold[i] = 4294967296;
      this.alias[i] = i;
    }
  }

  /** Writes `out.length` draws, using `scratch` (length ≥ 2·out.length) for the random words. */
  sample(rng: Rng, out: Int32Array, scratch: Uint32Array): void {
    const n = this.size;
    const words = scratch.subarray(0, 2 * out.length);
    rng.fill(words);
    const { threshold, alias } = this;
    for (let i = 0; i < out.length; i++) {
      const col = Math.floor((words[2 * i] * n) / 4294967296);
      out[i] = words[2 * i + 1] < threshold[col] ? col : alias[col];
    }
  }
}
