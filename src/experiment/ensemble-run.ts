import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { makeDirectory, replaceOutput } from '../files.ts';
import type { Kernels } from '../kernels/instantiate.ts';
import { loadKernels } from '../kernels/node.ts';
import { PackedEnsemble, type PackedEnsembleOptions } from '../nn/fast/packed-ensemble.ts';
import { createThreadedEnsemble } from '../nn/fast/threads.ts';
import { learningRate } from '../nn/optimizer.ts';
import { createTask, type Task } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import { dataSource } from './data.ts';
import { checkPack, memberName } from './ensemble.ts';
import { membersEvaluator } from './evaluation.ts';
import { pacer } from './events.ts';
import { kernelData } from './kernel-data.ts';
import { type RunOptions, readRunConfig, stoppedMessage } from './run.ts';
import { type NetworkState, RUN_FILES, RunRecord, type RunSummary } from './run-record.ts';

/** The file in an ensemble's directory that lists its members' run directories. */
export const ENSEMBLE_FILE = 'ensemble.json';

/** Whether `out` holds a packed ensemble (ensemble.json) rather than one run. */
export function isEnsemble(out: string): boolean {
  return existsSync(join(out, ENSEMBLE_FILE));
}

/** The member configs of the ensemble in `out` (for --resume). */
export function readEnsembleConfigs(out: string): RunConfig[] {
  const { members } = JSON.parse(readFileSync(join(out, ENSEMBLE_FILE), 'utf8')) as { members: string[] };
  return members.map((dir) => readRunConfig(join(out, dir)));
}

/**
 * Trains `configs` (checkPack: one task, data stream and batch) as one packed ensemble (docs/trainer.md) and
 * writes an ordinary run directory per member, DIR/<width-…_init-…_lr-…>, listed in DIR/ensemble.json: each
 * is what the member's own `emergence train` would write (config.json with its initSeed, curve.jsonl,
 * checkpoint.bin, summary.json), and can be resumed alone. A member whose loss diverges stops (status
 * diverged) while the others go on. Returns every member's summary.
 */
export async function trainEnsemble(configs: RunConfig[], options: RunOptions): Promise<RunSummary[]> {
  checkPack(configs);
  const { out } = options;
  const dirs = configs.map(memberName);
  if (!options.resume && existsSync(join(out, ENSEMBLE_FILE)))
    throw new UsageError(`${out} already holds an ensemble: use --resume to continue it, or another --out`);
  makeDirectory(out);
  replaceOutput(join(out, ENSEMBLE_FILE), `${JSON.stringify({ members: dirs }, null, 2)}\n`);
  return trainPack(
    configs.map((config, m) => ({ config, out: join(out, dirs[m]) })),
    options,
  );
}

/** A run of a pack and its directory. */
export interface PackMember {
  config: RunConfig;
  out: string;
}

/**
 * Trains `members` (checkPack) as one packed ensemble, each into its own run directory as `emergence train
 * --out` would write it (the sweep runner's packs; `options.out` is unused). Returns every member's summary.
 */
export async function trainPack(
  members: PackMember[],
  options: Omit<RunOptions, 'out'>,
): Promise<RunSummary[]> {
  if (options.resume) {
    // A member that diverged has ended (its checkpoint is older than the others'): the rest go on without it.
    const ended = members.map((m) => divergedSummary(m.out));
    if (ended.some(Boolean)) {
      const rest = members.filter((_, i) => !ended[i]);
      const trained = rest.length > 0 ? await trainPack(rest, options) : [];
      return ended.map((s) => s ?? (trained.shift() as RunSummary));
    }
  }
  const configs = members.map((m) => m.config);
  checkPack(configs);
  const runs = members.map((m) => new RunRecord(m.config, m.out, Boolean(options.resume)));
  const steps = new Set(runs.map((r) => r.step));
  if (steps.size > 1) {
    throw new UsageError(
      `the members of this pack stopped at different steps (${[...steps].join(', ')}): resume each member's directory on its own (emergence train --out DIR --resume)`,
    );
  }
  const config = configs[0];
  const task = createTask(config.task, config.seed);
  const kernels = await loadKernels(config.kernels);
  const { pack, close } = await openPack(kernels, task, configs);
  try {
    return await trainOpenPack(pack, kernels, task, runs, options);
  } finally {
    await close();
  }
}

/**
 * The pack of `configs` (checkPack) over `kernels`; on two threads when they ask for two, a worker thread
 * training half of the slabs. `close()` stops the worker.
 */
export async function openPack(
  kernels: Kernels,
  task: Task,
  configs: RunConfig[],
  options: PackedEnsembleOptions = {},
): Promise<{ pack: PackedEnsemble; close(): Promise<void> }> {
  const { model, optimizer, threads, data } = configs[0];
  const { skills, bits } = task.spec;
  const spec = { skills, bits, model, optimizer, widths: configs.map((c) => c.model.width) };
  if (threads !== 2) return { pack: new PackedEnsemble(kernels, spec, options), close: async () => {} };
  const pack = await createThreadedEnsemble(kernels, spec, { ...options, batch: data.batch });
  return { pack, close: () => pack.close() };
}

/** trainPack's loop: `runs` (fresh or resumed) trained by the open `pack`. */
async function trainOpenPack(
  pack: PackedEnsemble,
  kernels: Kernels,
  task: Task,
  runs: RunRecord[],
  options: Omit<RunOptions, 'out'>,
): Promise<RunSummary[]> {
  const configs = runs.map((r) => r.config);
  const config = configs[0];
  runs.forEach((run, m) => {
    run.start(memberState(pack, m));
  });
  pack.rebuildTables();
  const feed = kernelData(kernels, task);
  const data = dataSource(task, config, runs[0].savedData ?? undefined, feed.draw);
  const evaluate = membersEvaluator(task, config.model, config);
  const batchBuffer = feed.allocBatch(config.data.batch);
  const targets = feed.allocTargets(config.data.batch);
  const summaries: (RunSummary | null)[] = runs.map(() => null);
  const live = () => runs.filter((_, m) => !summaries[m]);
  const extra = { packedWith: runs.length };
  const finish = (m: number, status: RunSummary['status'], message?: string) => {
    summaries[m] = runs[m].finish(task, status, kernels.flavour, message, extra);
  };

  const record = async () => {
    const t0 = performance.now();
    const evaluations = await evaluate((batch) => pack.forward(batch), runs.length);
    const seconds = (performance.now() - t0) / 1000 / runs.length;
    runs.forEach((run, m) => {
      if (summaries[m]) return;
      const point = run.record(evaluations[m], seconds);
      options.onEvaluation?.(point);
    });
  };
  const checkpoint = () => {
    const state = data.state();
    runs.forEach((run, m) => {
      if (!summaries[m]) run.checkpoint(memberState(pack, m), state);
    });
    options.onCheckpoint?.(runs[0].step);
  };

  if (runs[0].fresh) await record();
  let step = runs[0].step;
  const pause = pacer();
  while (step < config.steps && live().length > 0) {
    await pause();
    if (options.signal?.aborted) {
      checkpoint();
      for (const m of runs.keys()) if (!summaries[m]) finish(m, 'interrupted', stoppedMessage(runs[m]));
      break;
    }
    const batch = data.next(batchBuffer);
    feed.targets(config.model, batch, targets);
    const t0 = performance.now();
    const lrs = configs.map((c) => learningRate(c.optimizer, step));
    const losses = pack.trainStep(batch, targets, lrs);
    const share = (performance.now() - t0) / 1000 / runs.length;
    step++;
    let sum = 0;
    for (const [m, run] of runs.entries()) {
      if (summaries[m]) continue;
      run.seconds += share;
      if (!Number.isFinite(losses[m])) finish(m, 'diverged', run.divergedMessage(losses[m]));
      else {
        run.trained(losses[m]);
        sum += losses[m];
      }
    }
    const alive = live();
    if (alive.length === 0) break;
    options.onStep?.(step, sum / alive.length);
    if (alive[0].due) {
      await record();
      checkpoint();
    }
  }
  for (const m of runs.keys()) if (!summaries[m]) finish(m, 'completed');
  return summaries as RunSummary[];
}

/** The summary of the run in `out` if it diverged (a run that has ended), else null. */
function divergedSummary(out: string): RunSummary | null {
  const path = join(out, RUN_FILES.summary);
  if (!existsSync(path)) return null;
  const summary = JSON.parse(readFileSync(path, 'utf8')) as RunSummary;
  return summary.status === 'diverged' ? summary : null;
}

/** Member m of the pack as its run directory saves and restores it. */
function memberState(pack: PackedEnsemble, m: number): NetworkState {
  return {
    ref: pack.ref(m),
    get steps() {
      return pack.steps;
    },
    set steps(n: number) {
      pack.steps = n;
    },
    setParams: (p) => pack.setParams(m, p),
    getParams: () => pack.getParams(m),
    getMoments: () => pack.getMoments(m),
    setMoments: (moments) => pack.setMoments(m, moments),
  };
}
