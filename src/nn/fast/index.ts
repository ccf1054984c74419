export {
  defaultKernelChoice,
  type KernelChoice,
  type NetworkShape,
  resolveKernelChoice,
} from './kernel-choice.ts';
export { FastNetwork, type FastNetworkOptions } from './network.ts';
export { type ControlFold, defaultFold, type TablePlan, tablePlan, tableRows } from './tables.ts';
export { createThreadedNetwork, type ThreadedNetwork } from './threads.ts';
