import type { Redis } from 'ioredis';
import type { RunConfig } from '../../experiment/config.ts';
import type { RunSummary } from '../../experiment/run.ts';

// What coordinator and workers exchange through Redis (docs/sweeps-distributed.md). A run's job carries its
// config out; its progress comes back in two keys of its own, written by the worker that holds the job's
// lock and read by the coordinator:
//   emergence:run:<id>:curve  a list of curve.jsonl lines, every one covered by the checkpoint below;
//   emergence:run:<id>:state  a hash: `step` and `checkpoint` (checkpoint.bin's bytes at that step).
// A worker appends lines only together with the checkpoint taken after them (one script, fenced by the
// job's lock), so a retry resumes exactly where the list ends: the list only grows while the job lives.

/** The BullMQ queue every sweep's runs go through. */
export const QUEUE = 'emergence-runs';

/** A job's data: the run to train. */
export interface RunJob {
  id: string;
  config: RunConfig;
}

/** A job's return value: the run's summary, and the curve lines written after its last checkpoint (a run that
 * diverged before its first checkpoint has its step-0 line there). */
export interface RunResult {
  summary: RunSummary;
  tail: string[];
}

/** A BullMQ job id is the run id; BullMQ rejects ids that read as integers, so such an id gets a prefix. */
export function jobIdFor(runId: string): string {
  return `${Number.parseInt(runId, 10)}` === runId ? `run-${runId}` : runId;
}

export function runKeys(runId: string): { curve: string; state: string } {
  return { curve: `emergence:run:${runId}:curve`, state: `emergence:run:${runId}:state` };
}

/** A run's saved progress: its curve lines and the checkpoint after the last of them (null: none yet). */
export interface SavedRun {
  lines: string[];
  step: number | null;
  checkpoint: Buffer | null;
}

const PUBLISH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 4, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('HSET', KEYS[3], 'step', ARGV[2], 'checkpoint', ARGV[3])
return 1`;

/**
 * Appends `lines` and replaces the checkpoint (at `step`) in one step, if `token` still holds the job's lock
 * (key `lockKey`): false when it does not (the job was given to another worker).
 */
export async function publishProgress(
  redis: Redis,
  runId: string,
  lock: { key: string; token: string },
  lines: string[],
  step: number,
  checkpoint: Buffer,
): Promise<boolean> {
  const { curve, state } = runKeys(runId);
  const done = await redis.call(
    'EVAL',
    PUBLISH,
    3,
    lock.key,
    curve,
    state,
    lock.token,
    step,
    checkpoint,
    ...lines,
  );
  return done === 1;
}

const READ = `
local lines = redis.call('LRANGE', KEYS[1], ARGV[1], -1)
local step = redis.call('HGET', KEYS[2], 'step')
local checkpoint = false
if step and step ~= ARGV[2] then checkpoint = redis.call('HGET', KEYS[2], 'checkpoint') end
return {lines, step, checkpoint}`;

/**
 * A run's progress from line `from` on, in one consistent read; the checkpoint only when its step differs
 * from `knownStep`.
 */
export async function readProgress(
  redis: Redis,
  runId: string,
  from = 0,
  knownStep: number | null = null,
): Promise<SavedRun> {
  const { curve, state } = runKeys(runId);
  const [lines, step, checkpoint] = (await redis.callBuffer(
    'EVAL',
    READ,
    2,
    curve,
    state,
    from,
    knownStep === null ? '' : String(knownStep),
  )) as [Buffer[], Buffer | null, Buffer | null];
  return {
    lines: lines.map((l) => l.toString('utf8')),
    step: step === null ? null : Number(step.toString()),
    checkpoint,
  };
}

/** Replaces a run's saved progress (the coordinator, before it enqueues the run). */
export async function seedProgress(redis: Redis, runId: string, saved: SavedRun): Promise<void> {
  const { curve, state } = runKeys(runId);
  const tx = redis.multi().del(curve, state);
  if (saved.checkpoint && saved.step !== null) {
    if (saved.lines.length > 0) tx.rpush(curve, ...saved.lines);
    tx.hset(state, 'step', saved.step, 'checkpoint', saved.checkpoint);
  }
  await tx.exec();
}

/** Drops a run's saved progress (once collected). */
export async function clearProgress(redis: Redis, runId: string): Promise<void> {
  const { curve, state } = runKeys(runId);
  await redis.del(curve, state);
}
