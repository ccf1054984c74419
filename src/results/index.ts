export {
  type AggregatedPanel,
  aggregatePanels,
  type BandStat,
  type FinalGroup,
  finalBands,
  type PanelAggregates,
  type SeedStat,
  type TimeGroup,
  timeBands,
} from './aggregate.ts';
export { DATABASE_FILE, openStore, type Store } from './database.ts';
export { type IngestReport, ingest } from './ingest.ts';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  exportResults,
  type QueryResult,
  queryResults,
  RESULT_TABLES,
} from './query.ts';
export { canonicalJson, NOT_IN_RUN_ID, runId } from './run-id.ts';
export { readRuns, type StoredRun } from './runs.ts';
export { RUNS_FOLDER, type RunDir, scanRuns } from './scan.ts';
export { SCHEMA_VERSION } from './schema.ts';
