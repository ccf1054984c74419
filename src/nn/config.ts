import { z } from 'zod';
import { integer, oneOf, parseInput, positive } from '../config.ts';
import { UsageError } from '../errors.ts';

/** The largest hidden width supported. */
export const MAX_WIDTH = 65536;

/** A number in [min, max): the range of momentum and Adam's betas. */
function halfOpen(min: number, max: number) {
  const allowed = `a number in [${min}, ${max})`;
  return z.number({ error: allowed }).refine((v) => v >= min && v < max, allowed);
}

function nonNegative() {
  const allowed = 'a finite number ≥ 0';
  return z.number({ error: allowed }).refine((v) => Number.isFinite(v) && v >= 0, allowed);
}

/**
 * The network (§5, App. K.1). Defaults are the paper's NN:
 * one hidden ReLU layer of width 1000, scalar output, PyTorch MSELoss, every parameter ~ N(0, 0.01²).
 */
export const ModelSpecSchema = z
  .object({
    /** Hidden units in each hidden layer. */
    width: integer(1, MAX_WIDTH).default(1000),
    /** Linear layers, as Michaud's `depth`: 2 = one hidden layer (the paper's network), up to 6. */
    depth: integer(2, 6).default(2),
    activation: oneOf(['relu', 'tanh', 'sigmoid']).default('relu'),
    /**
     * mse: mean of (f − y)², PyTorch's MSELoss with no ½ (the authors' code); mse-half: mean of ½(f − y)²
     * (Eq. 5); ce: two logits and cross-entropy against the parity class, 0 even / 1 odd (Michaud).
     */
    loss: oneOf(['mse', 'mse-half', 'ce']).default('mse'),
    /**
     * normal: every weight and bias ~ N(0, initStd²) (the authors); pytorch: nn.Linear's default,
     * W and b ~ U(−1/√fanIn, 1/√fanIn) (Michaud).
     */
    init: oneOf(['normal', 'pytorch']).default('normal'),
    /** σ of the normal init (unused by 'pytorch'). K.1 says 0.01; the figure runs use 0.001–0.05. */
    initStd: positive().default(0.01),
  })
  .strict();

export type ModelSpec = z.output<typeof ModelSpecSchema>;
export type ModelSpecInput = z.input<typeof ModelSpecSchema>;
export type Activation = ModelSpec['activation'];
export type LossName = ModelSpec['loss'];

const ConstantSchedule = z.object({ type: z.literal('constant') }).strict();
const StepHalvingSchedule = z
  .object({
    type: z.literal('step-halving'),
    /**
     * What `every` and `start` count: optimiser steps, or epochs over a fixed training set (a run config
     * turns epochs into steps, so the optimiser only ever sees steps).
     */
    unit: oneOf(['steps', 'epochs']).default('steps'),
    /** Steps (or epochs) between halvings after the first one. */
    every: integer(1),
    /** 0-based step (or epoch) from which the lr is first halved (the authors' data runs: after epoch 1). */
    start: integer(0),
  })
  .strict();

export const ScheduleSchema = z.discriminatedUnion('type', [ConstantSchedule, StepHalvingSchedule], {
  error: (issue) =>
    issue.input !== null && typeof issue.input === 'object'
      ? 'one of constant, step-halving'
      : 'an object such as {"type": "constant"}',
});

/**
 * The optimiser, exactly as PyTorch's torch.optim.{SGD, Adam, AdamW} (dampening 0, no nesterov, no amsgrad).
 * Defaults are PyTorch's; `lr` has none, on purpose.
 */
export const OptimizerSpecSchema = z
  .object({
    name: oneOf(['sgd', 'adam', 'adamw']).default('sgd'),
    lr: positive(),
    /** SGD only: heavy-ball momentum μ, buffer b ← μ·b + g. */
    momentum: halfOpen(0, 1).default(0),
    beta1: halfOpen(0, 1).default(0.9),
    beta2: halfOpen(0, 1).default(0.999),
    /** Added to √v̂ (after the square root), as PyTorch does. */
    eps: positive().default(1e-8),
    /**
     * sgd and adam: L2, wd·p added to the gradient (PyTorch's weight_decay); adamw: decoupled,
     * p ← p − lr·wd·p before the Adam update. Applies to every parameter, biases included.
     */
    weightDecay: nonNegative().default(0),
    schedule: ScheduleSchema.default({ type: 'constant' }),
  })
  .strict();

export type OptimizerSpec = z.output<typeof OptimizerSpecSchema>;
export type OptimizerSpecInput = z.input<typeof OptimizerSpecSchema>;
export type OptimizerName = OptimizerSpec['name'];
export type Schedule = OptimizerSpec['schedule'];

/** Validates a model spec, filling defaults; throws UsageError naming the field at fault. */
export function parseModelSpec(input: unknown, prefix = ''): ModelSpec {
  return parseInput(ModelSpecSchema, input ?? {}, prefix);
}

/** Validates an optimiser spec, filling defaults; throws UsageError naming the field at fault. */
export function parseOptimizerSpec(input: unknown, prefix = ''): OptimizerSpec {
  const spec = parseInput(OptimizerSpecSchema, input ?? {}, prefix);
  if (spec.name !== 'sgd' && spec.momentum !== 0) {
    throw new UsageError(
      `${prefix}momentum must be 0 for ${spec.name} (got ${spec.momentum}); set beta1 instead`,
    );
  }
  return spec;
}
