// emergence-lab: the library API the CLI and the web page are thin shells over.
export * from './errors.ts';
export * from './experiment/index.ts';
export * from './fit/index.ts';
export { createMemory, type Flavour, instantiateKernels, type Kernels } from './kernels/instantiate.ts';
export { loadKernels } from './kernels/node.ts';
export * from './lab/index.ts';
export * from './nn/fast/index.ts';
export * from './nn/index.ts';
export * from './plot/index.ts';
export * from './results/index.ts';
export * from './sweep/index.ts';
export * from './task/index.ts';
export * from './theory/index.ts';
