export { AliasTable } from './alias.ts';
export { skillBasis, targetFunction } from './basis.ts';
export {
  allocBatch,
  batchPrefix,
  type CompactBatch,
  compactBatch,
  exactFrequencyCounts,
  exactFrequencyTestSet,
  sampleBatch,
  sampleSkillBatch,
  skillTestSet,
  trainingSet,
} from './batch.ts';
export { batchLabels, batchParities, denseInputs, inputString, maskedParity, taskBit } from './labels.ts';
export { binomial, drawMasks, type MaskMode } from './masks.ts';
export { Rng, STREAM, type StreamName, seededStream } from './rng.ts';
export {
  MAX_BITS,
  MAX_SKILLS,
  parseTaskSpec,
  type TaskSpec,
  type TaskSpecInput,
  TaskSpecSchema,
} from './spec.ts';
export { createTask, inputWidth, skillProbs, type Task } from './task.ts';
export { uniformProbs, zipfProbs } from './zipf.ts';
