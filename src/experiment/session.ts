// The training loop's steps without files: the run's data stream, its evaluation and its bookkeeping
// (RunProgress). trainRun (run.ts) drives it with a run directory (RunRecord) and checkpoints; the web
// explorer drives it in a Web Worker. Browser-safe: no Node module here.
import { learningRate } from '../nn/optimizer.ts';
import type { Task } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import { type DataState, dataSource } from './data.ts';
import { evaluator } from './evaluation.ts';
import type { KernelData } from './kernel-data.ts';
import type { Network } from './network.ts';
import { type CurvePoint, initialParams, RunProgress } from './progress.ts';

export interface TrainingSession {
  /** The run's bookkeeping: step, training seconds, evaluation seconds, curve. */
  readonly progress: RunProgress;
  /**
   * One optimiser step on the next batch; returns its loss. A loss that is not finite (the run diverged) is
   * returned without counting the step.
   */
  train(): number;
  /** Evaluates the network at the current step (and starts a new training-loss mean). */
  evaluate(): Promise<CurvePoint>;
  /** The data stream's state, to checkpoint with the network's. */
  dataState(): DataState;
}

/**
 * A session of `config` on `net`, drawing batches and targets with `feed`. Without `resumed`, a new run: the
 * network gets its initial parameters. With it, the caller has restored the network and passes the run's
 * bookkeeping and the data stream's state at the checkpoint.
 */
export function trainingSession(
  task: Task,
  config: RunConfig,
  net: Network,
  feed: KernelData,
  resumed?: { progress: RunProgress; data?: DataState },
): TrainingSession {
  if (!resumed) net.setParams(initialParams(net.ref, config));
  const progress = resumed?.progress ?? new RunProgress(config);
  const data = dataSource(task, config, resumed?.data, feed.draw);
  const evaluateNet = evaluator(task, config.model, config);
  const batchBuffer = feed.allocBatch(config.data.batch);
  const targets = feed.allocTargets(config.data.batch);
  return {
    progress,
    train() {
      const batch = data.next(batchBuffer);
      feed.targets(config.model, batch, targets);
      const t0 = performance.now();
      const loss = net.trainStep(batch, targets, learningRate(config.optimizer, progress.step));
      progress.seconds += (performance.now() - t0) / 1000;
      if (Number.isFinite(loss)) progress.trained(loss);
      return loss;
    },
    async evaluate() {
      const t0 = performance.now();
      const evaluation = await evaluateNet(net);
      return progress.record(evaluation, (performance.now() - t0) / 1000);
    },
    dataState: () => data.state(),
  };
}
