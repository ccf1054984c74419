/**
 * Seeded, splittable randomness: xoshiro128** (Blackman & Vigna), 32-bit integer arithmetic only, so a seed
 * gives the same numbers on every machine and in the browser.
 *
 * Why not pure-rand's xoroshiro128+: its lowest output bits are an LFSR of low linear complexity, and the
 * targets here are parities, i.e. GF(2)-linear functions of the bits. xoshiro128**'s scrambler makes every
 * output bit pass linear-complexity tests, and its jump() gives provably disjoint streams.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** A generator seeded from a non-negative safe integer, state expanded with a 32-bit SplitMix. */
  static fromSeed(seed: number): Rng {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`invalid seed: ${seed}`);
    let weyl = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296), 0x27d4eb2f);
    const mix = () => {
      weyl = (weyl + 0x9e3779b9) | 0;
      let z = weyl;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return z ^ (z >>> 16);
    };
    return new Rng(mix(), mix(), mix(), mix());
  }

  /** A generator at an exact state (four 32-bit words, not all zero). */
  static fromState(state: ArrayLike<number>): Rng {
    if (state.length !== 4 || Array.from(state).every((v) => (v | 0) === 0)) {
      throw new RangeError('invalid xoshiro128 state');
    }
    return new Rng(state[0], state[1], state[2], state[3]);
  }

  /** Moves this generator to an exact state (e.g. after another engine drew from a copy of it). */
  setState(state: ArrayLike<number>): void {
    const next = Rng.fromState(state);
    this.s0 = next.s0;
    this.s1 = next.s1;
    this.s2 = next.s2;
    this.s3 = next.s3;
  }

  get state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  clone(): Rng {
    return new Rng(this.s0, this.s1, this.s2, this.s3);
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** Fills `out` with uniform 32-bit words (the bulk path the samplers use). */
  fill(out: Uint32Array): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n), unbiased (rejection of the short last bucket), n ≤ 2^32. */
  int(n: number): number {
    const limit = 4294967296 - (4294967296 % n);
    let x = this.nextU32();
    while (x >= limit) x = this.nextU32();
    return x % n;
  }

  /** Standard normal deviate (Marsaglia polar method). */
  normal(): number {
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
    }
  }

  /** Advances 2^64 steps: the streams before and after never overlap in practice (2^64 draws apart). */
  jump(): void {
    this.applyJump(JUMP);
  }

  /** Advances 2^96 steps: for a tree of streams (machines → runs), long-jump between the outer level. */
  longJump(): void {
    this.applyJump(LONG_JUMP);
  }

  /**
   * The i-th of a family of disjoint streams (i ≥ 0): a copy advanced by (i + 1) jumps. This generator is
   * not changed, so `stream(i)` is a pure function of the seed and i.
   */
  stream(i: number): Rng {
    const r = this.clone();
    for (let j = 0; j <= i; j++) r.jump();
    return r;
  }

  private applyJump(poly: readonly number[]): void {
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (const word of poly) {
      for (let b = 0; b < 32; b++) {
        if (word & (1 << b)) {
          a0 ^= this.s0;
          a1 ^= this.s1;
          a2 ^= this.s2;
          a3 ^= this.s3;
        }
        this.nextU32();
      }
    }
    this.s0 = a0;
    this.s1 = a1;
    this.s2 = a2;
    this.s3 = a3;
  }
}

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
const LONG_JUMP = [0xb523952e, 0x0b6f099f, 0xccf5a0ef, 0x1c580662];

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The streams of one seeded run: each purpose draws from its own disjoint stream. */
export const STREAM = { masks: 0, data: 1, evaluation: 2, init: 3 } as const;
export type StreamName = keyof typeof STREAM;

/** The stream a run with this seed uses for `purpose`. */
export function seededStream(seed: number, purpose: StreamName): Rng {
  return Rng.fromSeed(seed).stream(STREAM[purpose]);
}
