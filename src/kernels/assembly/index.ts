// WASM SIMD kernels. All pointers are byte offsets into the one imported (shared) memory; the
// TypeScript side owns allocation (src/kernels/heap.ts). Each kernel is tested against the float64 reference
// network (src/nn/reference.ts) or a direct TypeScript computation (test/kernels).

/** First free byte after this module's static data: where the TypeScript heap may start. */
export function heapBase(): usize {
  return __heap_base;
}

export { buildTables, reduceTables, tableRows } from './tables';
export { adamStepRates, memberOutputs, membersLossGrad, packedBackward, sgdStepRates } from './ensemble';
export {
  denseBackward,
  denseForward,
  firstLayer,
  lossGrad,
  oneHiddenBackward,
  outputBackward,
  outputDot,
  scatterRows,
} from './mlp';
export { adamStep, sgdStep } from './optim';
export { batchTargets, sampleOnline } from './sample';
