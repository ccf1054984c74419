// The neural-network reference (float64, readable): config, parameter layout, init, forward/backward,
// PyTorch's optimisers and the authors' metrics. The fast kernels are tested against it.
export { activate, activationGrad, logistic } from './activation.ts';
export {
  type Activation,
  type LossName,
  MAX_WIDTH,
  type ModelSpec,
  type ModelSpecInput,
  ModelSpecSchema,
  type OptimizerName,
  type OptimizerSpec,
  type OptimizerSpecInput,
  OptimizerSpecSchema,
  parseModelSpec,
  parseOptimizerSpec,
  type Schedule,
  ScheduleSchema,
} from './config.ts';
export { initParams } from './init.ts';
export { type LinearLayer, type ParamLayout, type Params, paramLayout } from './layout.ts';
export { type LabelConvention, lossAndOutputGrad, parityClass } from './loss.ts';
export {
  accuracy,
  centredCorrelation,
  meanLoss,
  predictedClass,
  type SkillMetrics,
  scalarOutputs,
  skillMetrics,
  type TargetSpec,
  targetScale,
} from './metrics.ts';
export {
  type ModesSample,
  measuredModes,
  PARITY_INPUTS,
  parityTargets,
  tiedLossAndGrad,
  tiedParams,
  trainModesNetwork,
} from './modesNetwork.ts';
export { createOptimizerState, learningRate, type OptimizerState, optimizerStep } from './optimizer.ts';
export { type ForwardPass, forward, type LossAndGrad, lossAndGrad } from './reference.ts';
