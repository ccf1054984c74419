// `npm run bench`: runs every bench/*.bench.ts and prints one JSON document. Speed targets live here,
// never in tests. Usage: npm run bench [-- name-filter]
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describeCpu, thisCpu } from './cpu.ts';
import type { Benchmark } from './harness.ts';

const filter = process.argv[2] ?? '';
const dir = new URL('./', import.meta.url);
const results: Record<string, unknown>[] = [];
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  const { benchmarks } = (await import(new URL(file, dir).href)) as { benchmarks: Benchmark[] };
  for (const b of benchmarks) {
    if (!b.name.includes(filter)) continue;
    process.stderr.write(`bench ${b.name}\n`);
    results.push({ name: b.name, ...(await b.run()) });
  }
}
const machine = { node: process.version, cpu: describeCpu(thisCpu()), cores: availableParallelism() };
process.stdout.write(`${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
