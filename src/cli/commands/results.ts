import { Command } from 'commander';
import { EXPORT_FORMATS, exportResults, type IngestReport, queryResults } from '../../results/index.ts';
import { formatCsv, formatTable } from '../options.ts';

export function resultsCommand(): Command {
  const results = new Command('results').description(
    'query the runs in DIR (DIR/runs/<id>/ or one train --out run) through DIR/results.duckdb, rebuilt from the run files as needed',
  );
  results.addCommand(
    new Command('query')
      .argument('<dir>', 'a sweep directory or a run directory')
      .argument('<sql>', 'a query over the tables runs and curves (see docs/results.md)')
      .description('run SQL on the results; prints an aligned table')
      .option('--json', 'print an array of row objects')
      .option('--csv', 'print CSV with a header row')
      .action((dir: string, sql: string, opts) => query(dir, sql, opts)),
  );
  results.addCommand(
    new Command('export')
      .argument('<dir>', 'a sweep directory or a run directory')
      .description('write the tables runs and curves as files, one per table')
      .option('--format <f>', EXPORT_FORMATS.join(' | '), 'parquet')
      .option('--out <dir>', 'where to write them (default DIR/export)')
      .action((dir: string, opts) => exportCommand(dir, opts)),
  );
  return results;
}

async function query(dir: string, sql: string, opts: { json?: boolean; csv?: boolean }): Promise<void> {
  const { columns, rows, ingested } = await queryResults(dir, sql);
  warnSkipped(ingested);
  if (opts.json) {
    const objects = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    process.stdout.write(`${JSON.stringify(objects)}\n`);
  } else if (opts.csv) {
    process.stdout.write(formatCsv(columns, rows));
  } else {
    process.stdout.write(
      `${formatTable(
        columns,
        rows.map((row) => row.map(cell)),
      )}\n`,
    );
  }
}

async function exportCommand(dir: string, opts: { format: string; out?: string }): Promise<void> {
  const { paths, ingested } = await exportResults(dir, opts.format, opts.out);
  warnSkipped(ingested);
  for (const path of paths) process.stdout.write(`${path}\n`);
}

function warnSkipped(report: IngestReport): void {
  for (const { path, reason } of report.skipped)
    process.stderr.write(`warning: skipped ${path}: ${reason}\n`);
}

/** A value for the aligned table: up to 6 significant digits (--json and --csv keep every digit). */
function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return typeof v === 'string' ? v : JSON.stringify(v);
}
