export { benchTrain, type TrainBenchmark } from './benchmark.ts';
export { parseRunConfig, type RunConfig, RunConfigSchema } from './config.ts';
export {
  type CostEstimate,
  describeCost,
  estimateCost,
  measureSpeeds,
  type RunSpeed,
  type SpeedOf,
} from './cost.ts';
export { type DataSource, type DataState, type Draw, dataSource } from './data.ts';
export { authorsBatch, scheduleInSteps, stepsPerEpoch } from './epochs.ts';
export { type Evaluation, evaluator } from './evaluation.ts';
export { type ConfigFlag, configFromFields, fieldName, RUN_FLAGS, TASK_FLAGS } from './fields.ts';
export { type KernelData, kernelData } from './kernel-data.ts';
export { type Network, openNetwork, trainingTargets } from './network.ts';
export {
  INITIAL_STRENGTH_PER_VARIANCE,
  predictedStep,
  type RunTheory,
  runTheory,
  type TheoryOptions,
} from './prediction.ts';
export { mergeConfig, mergeRunConfig, PRESETS, preset } from './presets.ts';
export {
  NETWORK_FIGURES,
  type NetworkFigureId,
  type PanelPlan,
  planRuns,
  RESOURCES,
  type ReproductionPlan,
  type Resource,
  reproductionPlan,
  SCALES,
  type Scale,
  type SweptField,
} from './reproductions.ts';
export {
  type CurvePoint,
  RUN_FILES,
  type RunOptions,
  type RunSummary,
  readRunConfig,
  trainRun,
} from './run.ts';
