/** A bump allocator over one WebAssembly.Memory: typed-array views the kernels and TypeScript both see. */
export class Heap {
  readonly memory: WebAssembly.Memory;
  private top: number;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = align(base, 64);
  }

  /** Reserves `bytes` bytes (64-byte aligned, so SIMD rows and cache lines line up) and returns the offset. */
  alloc(bytes: number): number {
    const offset = this.top;
    this.top = align(offset + bytes, 64);
    const needed = this.top - this.memory.buffer.byteLength;
    if (needed > 0) this.memory.grow(Math.ceil(needed / 65536));
    return offset;
  }

  f32(length: number): Float32Array {
    return new Float32Array(this.memory.buffer, this.alloc(length * 4), length);
  }

  i32(length: number): Int32Array {
    return new Int32Array(this.memory.buffer, this.alloc(length * 4), length);
  }

  u32(length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, this.alloc(length * 4), length);
  }

  /** Bytes in use, from offset 0. */
  get used(): number {
    return this.top;
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
