// From a run config to the time-emergence model of §5.1 (Eq. 14): the constants η, S, R_k(0), B² and the
// skill frequencies, and the step at which each skill is predicted to reach a level of R_k/S. The mapping,
// each constant and what is refused are explained in docs/run-to-theory.md.

import { invalid, UsageError } from '../errors.ts';
import { skillProbs } from '../task/task.ts';
import { emergenceTime } from '../theory/emergence.ts';
import { FITTED } from '../theory/extended.ts';
import type { RunConfig } from './config.ts';

/**
 * R_k(0)/σ²: the initial skill strength the time model starts from, per unit variance of the normal init
 * (σ = model.initStd), i.e. R_k(0) = σ²/3.6 (the authors' time plot). It is an effective constant, not a
 * measured mean: a network's R_k(0) averages 0 over seeds. It enters the emergence step through
 * ln(S/R_k(0) − 1) ≈ 12 for the paper's run, so a factor 2 in it moves every step by ~6 % (docs/run-to-theory.md).
 */
export const INITIAL_STRENGTH_PER_VARIANCE = 1 / 3.6;

/** The time-emergence model of one run: R_k(T)/S = 1/(1 + (S/r0 − 1)·e^{−2η·B2·P_s(k)·S·T}) (Eq. 14). */
export interface RunTheory {
  /** η per optimiser step: 2·lr for un-halved MSE, lr for mse-half, each divided by 1 − momentum. */
  eta: number;
  /** Target scale S (task.S). */
  S: number;
  /** Initial skill strength R_k(0), the same for every skill. */
  r0: number;
  /**
   * κ, the fitted factor multiplying the rate, which the paper calls B² (Eq. 14). If R_k = B·a_k·b_k, gradient
   * flow gives the rate 2ηB·P_s·S, not 2ηB²·P_s·S: the fitted number is a rescaling of time, named B2 as in the
   * paper. Default 1/22, the paper's fit on one skill (Fig. 11a).
   */
  B2: number;
  /** P_s(k) of the task, skill k at index k − 1. */
  probs: Float64Array;
}

/** Overrides of the constants that are fitted rather than read off the config. */
export interface TheoryOptions {
  B2?: number;
  r0?: number;
}

/**
 * The time-emergence model of an online SGD run on squared error (Eq. 14), time in optimiser steps. Throws
 * UsageError naming the field of a run the model does not describe: fixed data, cross-entropy, Adam, weight
 * decay, an lr schedule, depth ≠ 2, a non-ReLU activation, PyTorch init or {0, 1} labels.
 */
export function runTheory(config: RunConfig, options: TheoryOptions = {}): RunTheory {
  checkDescribed(config);
  const { task, model, optimizer } = config;
  const S = task.S;
  const B2 = options.B2 ?? FITTED.rateScale;
  if (!(B2 > 0 && Number.isFinite(B2))) throw invalid('B2', 'a finite number > 0', B2);
  const r0 = options.r0 ?? INITIAL_STRENGTH_PER_VARIANCE * model.initStd ** 2;
  if (!(r0 > 0 && r0 < S)) throw invalid('r0', `in (0, S = ${S})`, r0);
  // Eq. 5 has ½(f − y)²; PyTorch's MSELoss drops the ½ and so doubles every gradient.
  const lossFactor = model.loss === 'mse' ? 2 : 1;
  // Heavy-ball momentum μ moves a slowly varying gradient lr/(1 − μ) per step.
  const eta = (lossFactor * optimizer.lr) / (1 - optimizer.momentum);
  return { eta, S, r0, B2, probs: skillProbs(task) };
}

/** The step at which skill k (1-based) reaches R_k/S = level, 0 < level < 1 (Eq. 40 with Eq. 14's rate). */
export function predictedStep(theory: RunTheory, k: number, level: number): number {
  if (!(Number.isInteger(k) && k >= 1 && k <= theory.probs.length)) {
    throw invalid('k', `an integer from 1 to ${theory.probs.length}`, k);
  }
  const { S, r0, eta, B2 } = theory;
  return emergenceTime(theory.probs[k - 1], level, { S, r0, eta, rateScale: B2 });
}

/** The settings Eq. 14 and its calibration describe; anything else is refused by name. */
function checkDescribed({ data, model, optimizer, task }: RunConfig): void {
  const refuse = (field: string, allowed: string, got: unknown, why: string) => {
    throw new UsageError(`${invalid(field, allowed, got).message} to predict emergence in time: ${why}`);
  };
  if (data.regime !== 'online') {
    refuse(
      'data.regime',
      '"online"',
      data.regime,
      'a fixed set of D samples is the data-emergence model (Eq. 17)',
    );
  }
  if (model.loss === 'ce') {
    refuse('model.loss', '"mse" or "mse-half"', model.loss, 'the model is squared error on ±S targets');
  }
  if (optimizer.name !== 'sgd') {
    refuse('optimizer.name', '"sgd"', optimizer.name, "Adam's per-parameter step has no single η");
  }
  if (optimizer.weightDecay !== 0) {
    refuse('optimizer.weightDecay', '0', optimizer.weightDecay, 'the model has no decay term');
  }
  if (optimizer.schedule.type !== 'constant') {
    refuse('optimizer.schedule.type', '"constant"', optimizer.schedule.type, 'η is constant in Eq. 14');
  }
  if (model.depth !== 2) refuse('model.depth', '2', model.depth, 'B² is fitted on one hidden layer');
  if (model.activation !== 'relu') {
    refuse('model.activation', '"relu"', model.activation, 'B² is fitted on ReLU units');
  }
  if (model.init !== 'normal') {
    refuse('model.init', '"normal"', model.init, 'R_k(0) is set by the normal init σ (model.initStd)');
  }
  if (task.labels !== 'pm') {
    refuse('task.labels', '"pm"', task.labels, 'the model fits ±S targets, with no offset to learn');
  }
}
