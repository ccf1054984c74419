// The training loop's steps without files: the run's data, its evaluation and its bookkeeping (step, training
// seconds, mean training loss between evaluations). trainRun (run.ts) drives it with a run directory and
// checkpoints; the web explorer drives it in a Web Worker. Browser-safe: no Node module here.
import { initParams } from '../nn/init.ts';
import { learningRate } from '../nn/optimizer.ts';
import { seededStream } from '../task/rng.ts';
import type { Task } from '../task/task.ts';
import type { RunConfig } from './config.ts';
import { type DataState, dataSource } from './data.ts';
import { type Evaluation, evaluator } from './evaluation.ts';
import type { KernelData } from './kernel-data.ts';
import type { Network } from './network.ts';

/** A line of curve.jsonl. */
export interface CurvePoint extends Evaluation {
  step: number;
  /** Mean training-batch loss since the previous evaluation (null at step 0). */
  trainLoss: number | null;
  lr: number;
  /** Training seconds so far (evaluation excluded). */
  seconds: number;
}

/** Where a session stands: with the network's parameters and moments, enough to resume it exactly. */
export interface SessionState {
  step: number;
  seconds: number;
  trainLossSum: number;
  trainLossCount: number;
  data: DataState;
}

export interface TrainingSession {
  readonly step: number;
  /** Training seconds so far (evaluation excluded). */
  readonly seconds: number;
  /** Seconds spent evaluating in this session. */
  readonly evaluationSeconds: number;
  /**
   * One optimiser step on the next batch; returns its loss. A loss that is not finite (the run diverged) is
   * returned without counting the step.
   */
  train(): number;
  /** The step is one to evaluate at: every `evaluation.every` steps, and the last. */
  due(): boolean;
  /** Evaluates the network at the current step (and starts a new training-loss mean). */
  evaluate(): Promise<CurvePoint>;
  state(): SessionState;
}

/**
 * A session of `config` on `net`, drawing batches and targets with `feed`. Fresh (no `resume`), it sets the
 * network's initial parameters from the run's seed; resumed, the caller has restored the network.
 */
export function trainingSession(
  task: Task,
  config: RunConfig,
  net: Network,
  feed: KernelData,
  resume?: SessionState,
): TrainingSession {
  if (!resume) net.setParams(initParams(net.ref, config.model, seededStream(config.seed, 'init')));
  let step = resume?.step ?? 0;
  let seconds = resume?.seconds ?? 0;
  let trainLossSum = resume?.trainLossSum ?? 0;
  let trainLossCount = resume?.trainLossCount ?? 0;
  let evaluationSeconds = 0;
  const data = dataSource(task, config, resume?.data, feed.draw);
  const evaluateNet = evaluator(task, config.model, config);
  const batchBuffer = feed.allocBatch(config.data.batch);
  const targets = feed.allocTargets(config.data.batch);
  return {
    get step() {
      return step;
    },
    get seconds() {
      return seconds;
    },
    get evaluationSeconds() {
      return evaluationSeconds;
    },
    train() {
      const batch = data.next(batchBuffer);
      feed.targets(config.model, batch, targets);
      const t0 = performance.now();
      const loss = net.trainStep(batch, targets, learningRate(config.optimizer, step));
      seconds += (performance.now() - t0) / 1000;
      if (!Number.isFinite(loss)) return loss;
      step++;
      trainLossSum += loss;
      trainLossCount++;
      return loss;
    },
    due: () => step % config.evaluation.every === 0 || step === config.steps,
    async evaluate() {
      const t0 = performance.now();
      const point: CurvePoint = {
        step,
        ...(await evaluateNet(net)),
        trainLoss: trainLossCount > 0 ? trainLossSum / trainLossCount : null,
        lr: learningRate(config.optimizer, step),
        seconds,
      };
      evaluationSeconds += (performance.now() - t0) / 1000;
      trainLossSum = 0;
      trainLossCount = 0;
      return point;
    },
    state: () => ({ step, seconds, trainLossSum, trainLossCount, data: data.state() }),
  };
}
