// A coordinator process for the tests: `node --import tsx coordinator.ts RUNS.json OUT REDIS_URL` runs the
// planned runs in RUNS.json on the queue (runOnQueue), printing each progress report and the SweepResult as JSON
// lines on stdout; SIGTERM stops it as a user's Ctrl-C would.
import { readFileSync } from 'node:fs';
import { runOnQueue } from '../../src/sweep/bullmq/coordinator.ts';
import type { PlannedRun } from '../../src/sweep/plan.ts';

const [file, out, redis] = process.argv.slice(2);
const runs = JSON.parse(readFileSync(file, 'utf8')) as PlannedRun[];
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
const result = await runOnQueue(runs, {
  out,
  redis,
  signal: stop.signal,
  onProgress: (p) => process.stdout.write(`${JSON.stringify({ progress: p })}\n`),
});
process.stdout.write(`${JSON.stringify({ result })}\n`);
