// What the BullMQ backend adds to a run of ≥ 10 s (target < 5 %): the same run trained directly (trainRun in
// this process) and through the queue (runOnQueue here, one `emergence worker` process, a redis-server on
// 127.0.0.1 started for the bench), alternating; the queue's time runs from the call until the run is
// collected into DIR (the sweep's final ingest left out). On a loaded machine whole-run times vary by tens of
// percent from one run to the next, so the overhead is also given as the time each path spends outside the
// trainer's own training and evaluation (its summary's seconds + evaluationSeconds): queue minus direct.
// Skipped when redis-server is not installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRunConfig } from '../src/experiment/config.ts';
import { mergeRunConfig, preset } from '../src/experiment/presets.ts';
import { type RunSummary, trainRun } from '../src/experiment/run.ts';
import { runOnQueue } from '../src/sweep/bullmq/coordinator.ts';
import { planRun, runDirectory } from '../src/sweep/plan.ts';
import { startRedis } from '../test/helpers/redis-server.ts';
import { startWorker } from '../test/redis/processes.ts';
import { type Benchmark, median } from './harness.ts';

const ROUNDS = 3;

/** Fig. 11(a)'s run at width 256 (a checkpoint and an evaluation every 50 steps), ≥ 10 s on this machine (idle). */
function run(seed: number) {
  return planRun(
    parseRunConfig(
      mergeRunConfig(preset('fig11a'), {
        seed,
        steps: 26_000,
        model: { width: 256 },
        data: { batch: 1000 },
        evaluation: { every: 50, perSkill: 2000, testPoints: 2000 },
      }),
    ),
  );
}

/** A run's wall time, and the part of it its trainer spent training and evaluating. */
interface Timing {
  wall: number;
  trainer: number;
}

const trainerSeconds = (s: RunSummary) => s.seconds + s.evaluationSeconds;

async function direct(dir: string, seed: number): Promise<Timing> {
  const t0 = performance.now();
  const summary = await trainRun(run(seed).config, { out: dir });
  return { wall: (performance.now() - t0) / 1000, trainer: trainerSeconds(summary) };
}

async function queued(dir: string, seed: number, url: string): Promise<Timing> {
  const t0 = performance.now();
  let wall = 0;
  const planned = run(seed);
  await runOnQueue([planned], {
    out: dir,
    redis: url,
    onProgress: (p) => {
      if (p.done === 1 && wall === 0) wall = (performance.now() - t0) / 1000;
    },
  });
  const summary = JSON.parse(
    readFileSync(join(runDirectory(dir, planned.id), 'summary.json'), 'utf8'),
  ) as RunSummary;
  return { wall, trainer: trainerSeconds(summary) };
}

export const benchmarks: Benchmark[] = [
  {
    name: 'sweep.bullmq-overhead',
    run: async (): Promise<Record<string, number | string>> => {
      if (spawnSync('redis-server', ['--version']).status !== 0)
        return { skipped: 'redis-server not installed' };
      const redis = await startRedis();
      const root = mkdtempSync(join(tmpdir(), 'emergence-bullmq-bench-'));
      const worker = await startWorker(redis.url);
      try {
        const alone: Timing[] = [];
        const onQueue: Timing[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          // A new seed per round: a new run id, so the queue trains it rather than finding it done.
          alone.push(await direct(join(root, `direct-${round}`), round));
          onQueue.push(await queued(join(root, `queue-${round}`), round, redis.url));
        }
        const sample = run(0);
        const checkpoint = statSync(
          join(runDirectory(join(root, 'queue-0'), sample.id), 'checkpoint.bin'),
        ).size;
        const directS = median(alone.map((t) => t.wall));
        const queueS = median(onQueue.map((t) => t.wall));
        const outside = (ts: Timing[]) => median(ts.map((t) => t.wall - t.trainer));
        const overheadS = outside(onQueue) - outside(alone);
        return {
          steps: sample.config.steps,
          evaluations: sample.config.steps / sample.config.evaluation.every + 1,
          checkpoint_kb: checkpoint / 1024,
          rounds: ROUNDS,
          direct_s: directS,
          queue_s: queueS,
          wall_overhead_pct: (100 * (queueS - directS)) / directS,
          direct_outside_trainer_s: outside(alone),
          queue_outside_trainer_s: outside(onQueue),
          overhead_s: overheadS,
          overhead_pct: (100 * overheadS) / directS,
          direct_runs_s: alone.map((t) => t.wall.toFixed(2)).join(' '),
          queue_runs_s: onQueue.map((t) => t.wall.toFixed(2)).join(' '),
        };
      } finally {
        worker.process.kill('SIGTERM');
        await worker.exited;
        await redis.stop();
        rmSync(root, { recursive: true, force: true });
      }
    },
  },
];
