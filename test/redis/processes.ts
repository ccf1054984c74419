import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRunConfig } from '../../src/experiment/config.ts';
import { mergeRunConfig, preset } from '../../src/experiment/presets.ts';
import { type PlannedRun, planRun, runDirectory, type SweepResult } from '../../src/sweep/plan.ts';
import { bin, runCli } from '../helpers/cli.ts';

const coordinatorScript = fileURLToPath(new URL('./coordinator.ts', import.meta.url));

/** A child process with everything it printed so far, and a way to wait for a line of it. */
export interface Child {
  process: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the output once it matches `pattern`; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function watch(child: ChildProcessWithoutNullStreams): Child {
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk;
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    output: () => text,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text)) return;
          listeners.delete(check);
          resolve(text);
        };
        listeners.add(check);
        check();
        void exited.then(({ code, signal }) =>
          reject(new Error(`exited (${code ?? signal}) before ${pattern}:\n${text}`)),
        );
      }),
  };
}

/** `emergence worker --redis url`, once it waits for runs. */
export async function startWorker(url: string, ...args: string[]): Promise<Child> {
  const worker = watch(spawn(process.execPath, [bin, 'worker', '--redis', url, ...args]));
  await worker.waitFor(/waiting for runs/);
  return worker;
}

/** A coordinator process running `runs` on the queue into `out` (test/redis/coordinator.ts). */
export function startCoordinator(runs: PlannedRun[], out: string, url: string): Child {
  const file = `${out}.runs.json`;
  writeFileSync(file, JSON.stringify(runs));
  return watch(spawn(process.execPath, ['--import', 'tsx', coordinatorScript, file, out, url]));
}

/** What a coordinator started by startCoordinator resolved with (its last line), once it has exited with 0. */
export async function sweepResult(coordinator: Child): Promise<SweepResult> {
  const { code } = await coordinator.exited;
  assert.equal(code, 0, coordinator.output());
  return JSON.parse(coordinator.output().trim().split('\n').at(-1)!).result;
}

/** Kills whatever is still running. */
export function stopAll(children: Child[]): void {
  for (const c of children)
    if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
}

/** fig11a runs with these seeds, shortened by `settings` (tiny: about a second each). */
export function plan(seeds: number[], settings: Record<string, unknown>): PlannedRun[] {
  return seeds.map((seed) => planRun(parseRunConfig(mergeRunConfig(preset('fig11a'), { seed }, settings))));
}

export const TINY = {
  steps: 40,
  model: { width: 16 },
  data: { batch: 64 },
  evaluation: { every: 10, perSkill: 500, testPoints: 500 },
};

/** A run directory's curve without the timings (`seconds`), which differ from one machine load to another. */
export function curveOf(dir: string): Record<string, unknown>[] {
  return readFileSync(join(dir, 'curve.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const { seconds: _, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
}

/** The same run trained by `emergence train --config` into `dir` (no queue, no Redis); it may diverge. */
export function trainLocally(run: PlannedRun, dir: string): void {
  const config = `${dir}.config.json`;
  writeFileSync(config, JSON.stringify(run.config));
  const r = runCli(['train', '--config', config, '--out', dir]);
  if (r.code !== 0 && !/diverged/.test(r.stderr)) throw new Error(r.stderr);
}

/** Resolves once DIR/runs/<id>/curve.jsonl holds at least `lines` lines. */
export async function waitForLines(out: string, id: string, lines: number): Promise<void> {
  const path = join(runDirectory(out, id), 'curve.jsonl');
  while (!existsSync(path) || readFileSync(path, 'utf8').split('\n').length <= lines) {
    await new Promise((r) => setTimeout(r, 100));
  }
}
