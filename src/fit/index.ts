// Fits: power laws by Huber loss on log residuals, one calibration constant by least squares, and bootstrap
// intervals over runs (seeds). docs/fits.md describes the methods; docs/calibration.md the calibration.
export {
  bootstrapPowerLaw,
  bootstrapRuns,
  type Interval,
  type IntervalOptions,
  type PowerLawBootstrap,
  percentileInterval,
  type ResampleOptions,
} from './bootstrap.ts';
export {
  type Calibration,
  type CalibrationOptions,
  type ConstantFit,
  calibrate,
  type DeadCount,
  isDead,
  type Prediction,
  type SkillAgreement,
  T50_LEVEL,
} from './calibration.ts';
export { type HoldoutOptions, type HoldoutPrediction, type HoldoutScore, holdoutScore } from './holdout.ts';
export { huber, huberDerivative } from './huber.ts';
export { type LbfgsOptions, type LbfgsResult, lbfgs, type Objective } from './lbfgs.ts';
export {
  type FitPoint,
  fitPowerLaw,
  type PowerLawFit,
  type PowerLawOptions,
  powerLaw,
  powerLawLoss,
} from './powerLaw.ts';
export {
  type CalibrationRun,
  RESOURCE_MODELS,
  type ResourceModel,
  type ResourcePoint,
} from './resources.ts';
export {
  bootstrapScalar,
  fitScalar,
  type ScalarBootstrap,
  type ScalarFit,
  type ScalarModel,
  type ScalarOptions,
} from './scalar.ts';
