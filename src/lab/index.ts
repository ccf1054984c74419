// The lab: a figure's runs as a resumable sweep → the results store → calibration or power-law fits → the
// figure. What `emergence reproduce fig1 | fig11 | michaud-scaling` and `npm start` run.
export { calibrateRuns, fittedConstant } from './calibration.ts';
export {
  type EmergenceReproduction,
  reproduceTimeEmergence,
  type TimePanels,
  timePanels,
} from './emergence.ts';
export { type MichaudReproduction, reproduceMichaudScaling } from './michaud.ts';
export {
  type LabOptions,
  type NetworkReproduction,
  type RunPlanned,
  reproduceNetworkFigure,
} from './network.ts';
