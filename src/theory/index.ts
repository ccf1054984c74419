// The exactly solvable model: pure functions, named as in the paper, one formula family per file.

export {
  computeFrontier,
  computeFrontierCurve,
  type FrontierOptions,
  type FrontierPoint,
} from './compute.ts';
export { DEFAULT_CONSTANTS, type ModelConstants, withDefaults } from './constants.ts';
export { crossoverLoss } from './crossover.ts';
export { crossingTime, emergenceTime, isStageLike, saturationTime } from './emergence.ts';
export {
  dataEmergence,
  dataShotCorrelation,
  dataShotLoss,
  dataShotStrength,
  extendedTimeStrength,
  FITTED,
  paramEmergence,
  paramShotStrength,
} from './extended.ts';
export {
  type FiniteWidthOptions,
  type FiniteWidthTimeLaw,
  finiteWidthOffset,
  finiteWidthTimeCurve,
  finiteWidthTimeLaw,
} from './finiteN.ts';
export { linearSkillStrength } from './linear.ts';
export {
  expectedDataLoss,
  expectedDataLossCurve,
  lossOfStrengths,
  parameterLoss,
  type SkillFrequencies,
  skillStrengths,
  totalLoss,
  totalLossCurve,
  truncatedZipf,
  zipfTailMass,
} from './loss.ts';
export { brentMinimise, gridBrentMinimise, integerMinimise, type Minimum } from './minimise.ts';
export {
  type ModeStrengths,
  type ModesConstants,
  type ModesParams,
  modeStrengths,
  modesFlow,
  modesRate,
  modesState,
} from './modes.ts';
export { skillLoss, skillStrength } from './multilinear.ts';
export { binomialDraw, multinomialDraw, sampledRates } from './multinomial.ts';
export { type OdeOptions, type OdeRhs, solveOde } from './ode.ts';
export {
  computePrefactor,
  dataPrefactor,
  type InfiniteSkillConstants,
  type PrefactorOptions,
  paramsPrefactor,
  prefactorAtLambda,
  type ScalingLaws,
  scalingExponents,
  scalingPrefactors,
  skillLossIntegral,
  skillLossIntegralSmallR,
  timeLawIntegral,
  timeLowerBoundConstant,
  timePrefactor,
} from './prefactors.ts';
export {
  integrate,
  integratePowerWeighted,
  type QuadratureOptions,
  type QuadratureResult,
} from './quadrature.ts';
export { bordelonExponents, type LawExponents, type RelatedModel, relatedModels } from './related.ts';
export { saxeModeStrength } from './saxe.ts';
export {
  type SimulationInput,
  simulateFlow,
  simulateGradientDescent,
  simulateLinearFlow,
} from './simulate.ts';
export { upperGamma } from './special.ts';
export { hurwitzZeta, powerSum, shiftedPowerSum, zeta, zipfNormaliser } from './zeta.ts';
