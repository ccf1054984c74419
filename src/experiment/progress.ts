// A run's bookkeeping without files: the step, the training seconds, the training loss averaged between
// evaluations, the curve so far. RunRecord (run-record.ts) keeps a run directory with it; the web explorer's
// training session keeps it in memory. Browser-safe: no Node module here.
import { initParams } from '../nn/init.ts';
import type { ParamLayout } from '../nn/layout.ts';
import { learningRate } from '../nn/optimizer.ts';
import { seededStream } from '../task/rng.ts';
import type { RunConfig } from './config.ts';
import type { Evaluation } from './evaluation.ts';

/** A line of curve.jsonl. */
export interface CurvePoint extends Evaluation {
  step: number;
  /** Mean training-batch loss since the previous evaluation (null at step 0). */
  trainLoss: number | null;
  lr: number;
  /** Training seconds so far (evaluation excluded). */
  seconds: number;
}

/** Where a run's bookkeeping stands (with the network's and the data stream's state, enough to resume it). */
export interface ProgressState {
  step: number;
  seconds: number;
  trainLossSum: number;
  trainLossCount: number;
}

/** A run's initial parameters (reference layout), from its init stream: seed `initSeed`, by default `seed`. */
export function initialParams(ref: ParamLayout, config: RunConfig): Float64Array {
  return initParams(ref, config.model, seededStream(config.initSeed ?? config.seed, 'init'));
}

/** The bookkeeping of one run as it trains: steps taken, training seconds and the curve of its evaluations. */
export class RunProgress {
  readonly config: RunConfig;
  step: number;
  /** Training seconds so far (evaluation excluded); the trainer adds each step's. */
  seconds: number;
  /** Seconds spent evaluating since this object was made. */
  evaluationSeconds = 0;
  protected readonly curve: CurvePoint[];
  private trainLossSum: number;
  private trainLossCount: number;

  /** A new run, or one resumed at `saved` with the curve evaluated up to it. */
  constructor(config: RunConfig, saved?: ProgressState, curve: CurvePoint[] = []) {
    this.config = config;
    this.step = saved?.step ?? 0;
    this.seconds = saved?.seconds ?? 0;
    this.trainLossSum = saved?.trainLossSum ?? 0;
    this.trainLossCount = saved?.trainLossCount ?? 0;
    this.curve = curve;
  }

  /** Whether the curve has no point yet (a new run evaluates at step 0). */
  get fresh(): boolean {
    return this.curve.length === 0;
  }

  /** A training step's mean batch loss (its time is added to `seconds` by the caller). */
  trained(loss: number): void {
    this.step++;
    this.trainLossSum += loss;
    this.trainLossCount++;
  }

  /** Whether the run evaluates (and checkpoints) after the current step: every `evaluation.every`, and the last. */
  get due(): boolean {
    return this.step % this.config.evaluation.every === 0 || this.step === this.config.steps;
  }

  /** The evaluation at the current step, which took `seconds`, as a curve point; starts a new loss mean. */
  record(evaluation: Evaluation, seconds: number): CurvePoint {
    const { trainLossSum, trainLossCount } = this;
    const point: CurvePoint = {
      step: this.step,
      ...evaluation,
      trainLoss: trainLossCount > 0 ? trainLossSum / trainLossCount : null,
      lr: learningRate(this.config.optimizer, this.step),
      seconds: this.seconds,
    };
    this.evaluationSeconds += seconds;
    this.curve.push(point);
    this.trainLossSum = 0;
    this.trainLossCount = 0;
    return point;
  }

  state(): ProgressState {
    const { step, seconds, trainLossSum, trainLossCount } = this;
    return { step, seconds, trainLossSum, trainLossCount };
  }
}
