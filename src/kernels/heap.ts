export interface TypedArrayType<T> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** A bump allocator over one WebAssembly.Memory: typed-array views the kernels and TypeScript both see. */
export class Heap {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private frozen = false;
  /** Every buffer object this heap made views of: a shared memory's `buffer` is a new object after it grows. */
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = align(base, 64);
  }

  /** Reserves `bytes` bytes (64-byte aligned, so SIMD rows and cache lines line up) and returns the offset. */
  alloc(bytes: number): number {
    if (this.frozen) throw new Error('this heap is frozen: another thread allocates in its memory now');
    const offset = this.top;
    this.top = align(offset + bytes, 64);
    const needed = this.top - this.memory.buffer.byteLength;
    if (needed > 0) this.memory.grow(Math.ceil(needed / 65536));
    return offset;
  }

  /** A typed-array view of `length` fresh elements of `Type` (Float32Array, Int32Array, ...). */
  array<T>(Type: TypedArrayType<T>, length: number): T {
    return this.view(Type, this.alloc(length * Type.BYTES_PER_ELEMENT), length); // after alloc: it may grow
  }

  /** A view of `length` elements of `Type` at `offset`: memory another thread allocated, say. */
  view<T>(Type: TypedArrayType<T>, offset: number, length: number): T {
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return new Type(buffer, offset, length);
  }

  /** A copy of `data` in this memory: a fresh view of the same type (a table the kernels read, say). */
  copy<T extends Int32Array | Uint32Array | Float32Array | Float64Array>(data: T): T {
    const view = this.array(data.constructor as TypedArrayType<T>, data.length);
    view.set(data);
    return view;
  }

  /** Whether `view` views this heap's memory (made by `array`, or a subarray of one), so its byteOffset is its address. */
  holds(view: ArrayBufferView): boolean {
    return this.buffers.has(view.buffer);
  }

  /**
   * No allocations from now on: a worker thread's heap, built from the same start as thread 0's to lay out the
   * same buffers, whose later allocations would overlap thread 0's.
   */
  freeze(): void {
    this.frozen = true;
  }

  /** Bytes in use, from offset 0. */
  get used(): number {
    return this.top;
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
