export { expandSweep, type SweepRun, sweepBaseDir } from './expand.ts';
export { type FieldValue, parseSweepFile, readSweepFile, SWEEP_FIELDS, type SweepFile } from './file.ts';
export { type LocalSweepOptions, runSweep } from './local.ts';
export {
  type PlannedRun,
  planRun,
  type RunOutcome,
  runDirectory,
  type SweepProgress,
  type SweepResult,
} from './plan.ts';
export { recordSweep, SWEEP_RECORD, type SweepRecordEntry } from './record.ts';
export { type RunState, runState } from './state.ts';
export { SweepTracker } from './tracker.ts';
