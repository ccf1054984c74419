import { Heap } from './heap.ts';

/** The functions exported by src/kernels/assembly (pointers are byte offsets into the shared memory). */
export interface KernelExports {
  heapBase(): number;
  addRows(out: number, bias: number, table: number, rows: number, count: number, width: number): void;
}

export type Flavour = 'simd' | 'relaxed';

export interface Kernels {
  readonly flavour: Flavour;
  readonly exports: KernelExports;
  readonly memory: WebAssembly.Memory;
  readonly heap: Heap;
}

/** 64 KiB pages: 16 to start (1 MiB), up to the full 4 GiB of wasm32; must match scripts/build-kernels.js. */
export const MEMORY_PAGES = { initial: 16, maximum: 65536 } as const;

/** A shared memory the kernels import; pass the same one to every worker that runs kernels on it. */
export function createMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ ...MEMORY_PAGES, shared: true });
}

/**
 * Instantiates a compiled kernel module over `memory`. Works the same in Node, a browser and a Web Worker:
 * the caller gets the module (from a file, a fetch or a postMessage) and this does the rest.
 */
export async function instantiateKernels(
  module: WebAssembly.Module,
  flavour: Flavour,
  memory: WebAssembly.Memory = createMemory(),
): Promise<Kernels> {
  const instance = await WebAssembly.instantiate(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('kernel abort');
      },
    },
  });
  const exports = instance.exports as unknown as KernelExports;
  return { flavour, exports, memory, heap: new Heap(memory, exports.heapBase()) };
}
