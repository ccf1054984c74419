export { FastNetwork, type FastNetworkOptions } from './network.ts';
export { type TablePlan, tablePlan, tableRows } from './tables.ts';
export { createThreadedNetwork, type ThreadedNetwork } from './threads.ts';
