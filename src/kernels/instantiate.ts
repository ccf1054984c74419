import { type KernelCalls, kernelCalls } from './calls.ts';
import { Heap } from './heap.ts';

type Ptr = number;

/** adamStep's arguments with the learning rate lr, or adamStepRates's with a pointer to the per-parameter rates. */
type AdamArgs<Rate> = [
  p: Ptr,
  g: Ptr,
  m: Ptr,
  v: Ptr,
  n: number,
  rate: Rate,
  beta1: number,
  beta2: number,
  eps: number,
  wd: number,
  decoupled: number,
  bc1: number,
  bc2: number,
];

/**
 * The functions exported by src/kernels/assembly (see its doc comments for the maths). Pointers are byte
 * offsets into the shared memory; widths are padded to a multiple of 16 and [c0, c1) is a column range.
 * TypeScript calls them through `Kernels.calls` (src/kernels/calls.ts), with named fields.
 */
export interface KernelExports {
  heapBase(): Ptr;
  buildTables(
    tables: Ptr,
    entries: number,
    parent: Ptr,
    addRow: Ptr,
    fromBias: Ptr,
    weights: Ptr,
    bias: Ptr,
    width: number,
    c0: number,
    c1: number,
  ): void;
  reduceTables(
    grads: Ptr,
    entries: number,
    parent: Ptr,
    addRow: Ptr,
    fromBias: Ptr,
    dWeights: Ptr,
    dBias: Ptr,
    width: number,
    c0: number,
    c1: number,
  ): void;
  tableRows(
    skill: Ptr,
    bits: Ptr,
    words: number,
    samples: number,
    groups: number,
    groupBits: number,
    groupBase: Ptr,
    groupWidth: Ptr,
    foldGroup: number,
    controlBase: number,
    rowBytes: number,
    rowIdx: Ptr,
  ): void;
  sampleOnline(
    state: Ptr,
    n: number,
    skills: number,
    threshold: Ptr,
    alias: Ptr,
    words: number,
    keep: number,
    scratch: Ptr,
    skill: Ptr,
    bits: Ptr,
  ): void;
  batchTargets(
    skill: Ptr,
    bits: Ptr,
    words: number,
    n: number,
    masks: Ptr,
    pm: number,
    S: number,
    out: Ptr,
  ): void;
  firstLayer(
    rowIdx: Ptr,
    rows: number,
    samples: number,
    tables: Ptr,
    width: number,
    c0: number,
    c1: number,
    realWidth: number,
    act: number,
    A: Ptr,
    wOut: Ptr,
    outputs: number,
    partial: Ptr,
    block: number,
  ): void;
  outputDot(
    A: Ptr,
    samples: number,
    width: number,
    c0: number,
    c1: number,
    wOut: Ptr,
    outputs: number,
    partial: Ptr,
  ): void;
  lossGrad(
    partial: Ptr,
    parts: number,
    partStride: number,
    samples: number,
    padded: number,
    outputs: number,
    bOut: Ptr,
    targets: Ptr,
    loss: number,
    scale: number,
    out: Ptr,
    dOut: Ptr,
    dBOut: Ptr,
  ): number;
  oneHiddenBackward(
    rowIdx: Ptr,
    rows: number,
    samples: number,
    width: number,
    c0: number,
    c1: number,
    act: number,
    A: Ptr,
    wOut: Ptr,
    outputs: number,
    dOut: Ptr,
    dWOut: Ptr,
    buckets: Ptr,
    order: number,
    entries: number,
    scratch: Ptr,
  ): void;
  outputBackward(
    A: Ptr,
    samples: number,
    width: number,
    act: number,
    wOut: Ptr,
    outputs: number,
    dOut: Ptr,
    dWOut: Ptr,
    dZ: Ptr,
  ): void;
  scatterRows(dZ: Ptr, rowIdx: Ptr, rows: number, samples: number, width: number, buckets: Ptr): void;
  denseForward(
    Ain: Ptr,
    samples: number,
    widthIn: number,
    realIn: number,
    W: Ptr,
    bias: Ptr,
    widthOut: number,
    realOut: number,
    act: number,
    Aout: Ptr,
  ): void;
  denseBackward(
    Ain: Ptr,
    samples: number,
    widthIn: number,
    realIn: number,
    actIn: number,
    W: Ptr,
    widthOut: number,
    dZ: Ptr,
    dW: Ptr,
    dBias: Ptr,
    dZin: Ptr,
  ): void;
  sgdStep(p: Ptr, g: Ptr, buf: Ptr, n: number, lr: number, momentum: number, wd: number): void;
  adamStep(...args: AdamArgs<number>): void;
  memberOutputs(
    A: Ptr,
    samples: number,
    width: number,
    members: number,
    vecStart: Ptr,
    wOut: Ptr,
    partial: Ptr,
    stride: number,
  ): void;
  membersLossGrad(
    partial: Ptr,
    stride: number,
    members: number,
    samples: number,
    padded: number,
    bOut: Ptr,
    targets: Ptr,
    loss: number,
    scale: number,
    out: Ptr,
    dOut: Ptr,
    dBOut: Ptr,
    losses: Ptr,
  ): void;
  packedBackward(
    rowIdx: Ptr,
    rows: number,
    samples: number,
    width: number,
    act: number,
    A: Ptr,
    wOut: Ptr,
    vecMember: Ptr,
    dOut: Ptr,
    stride: number,
    dWOut: Ptr,
    buckets: Ptr,
  ): void;
  sgdStepRates(p: Ptr, g: Ptr, buf: Ptr, n: number, rates: Ptr, momentum: number, wd: number): void;
  adamStepRates(...args: AdamArgs<Ptr>): void;
}

export type Flavour = 'simd' | 'relaxed';

export interface Kernels {
  readonly flavour: Flavour;
  /** The compiled module: post it to a worker to run kernels there over the same memory. */
  readonly module: WebAssembly.Module;
  readonly exports: KernelExports;
  /** The exports with one object of named fields per call. */
  readonly calls: KernelCalls;
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
  return {
    flavour,
    module,
    exports,
    calls: kernelCalls(exports),
    memory,
    heap: new Heap(memory, exports.heapBase()),
  };
}
