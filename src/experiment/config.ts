import { z } from 'zod';
import { integer, oneOf, parseInput } from '../config.ts';
import { UsageError } from '../errors.ts';
import { ModelSpecSchema, OptimizerSpecSchema, parseModelSpec, parseOptimizerSpec } from '../nn/config.ts';
import { SPLITS } from '../nn/fast/protocol.ts';
import { parseTaskSpec, TaskSpecSchema } from '../task/spec.ts';
import { authorsBatch, scheduleInSteps, stepsPerEpoch } from './epochs.ts';

/** The longest run, in optimiser steps. */
const MAX_STEPS = 1_000_000_000;

/**
 * A training run, complete: task, network, optimiser, data regime, evaluation and seed. This resolved form
 * is what a run writes to config.json, so every run directory describes itself.
 */
export const RunConfigSchema = z
  .object({
    /** The preset it started from, if any (informational). */
    preset: z.string().optional(),
    task: TaskSpecSchema.prefault({}),
    model: ModelSpecSchema.prefault({}),
    // An absent optimiser parses as {} so the error names the missing field: optimizer.lr.
    optimizer: OptimizerSpecSchema.prefault({} as { lr: number }),
    data: z
      .object({
        /** online: a fresh batch every step (D → ∞, the paper); fixed: D samples drawn once, shuffled epochs. */
        regime: oneOf(['online', 'fixed']).default('online'),
        /** Training-set size for the fixed regime. */
        D: integer(1, 100_000_000).optional(),
        /**
         * Batch size; in the fixed regime min(D, batch) samples per step, the epoch's last batch may be short.
         * "authors" (fixed regime): the authors' D // max(1, D // 2000).
         */
        batch: z
          .union([integer(1, 1_000_000), z.literal('authors')], {
            error: 'an integer from 1 to 1000000 or "authors"',
          })
          .default(4000),
      })
      .strict()
      .default({ regime: 'online', batch: 4000 }),
    /** Optimiser steps; or give `epochs` instead (fixed regime), which become steps. */
    steps: integer(1, MAX_STEPS).optional(),
    /** Epochs over the fixed training set, each ⌈D / min(batch, D)⌉ steps. */
    epochs: integer(1, MAX_STEPS).optional(),
    evaluation: z
      .object({
        /** Evaluate (and checkpoint) every this many steps, and at the end. */
        every: integer(1).default(50),
        /** Fixed test samples per skill for R_k/S, skill loss and accuracy (the authors: 20,000). */
        perSkill: integer(2, 10_000_000).default(20_000),
        /** Size of the exact-frequency test set for the mean test loss (⌊P_s(k)·n⌋ per skill; 0: none). */
        testPoints: integer(0, 100_000_000).default(30_000),
      })
      .strict()
      .default({ every: 50, perSkill: 20_000, testPoints: 30_000 }),
    seed: integer(0).default(0),
    /**
     * Seed of the initial parameters alone (default: `seed`, which also draws the masks, the data and the
     * test sets): members of a packed ensemble share `seed` and differ here.
     */
    initSeed: integer(0).optional(),
    /** 1, or 2 to split a one-hidden-layer network's training steps over two cores. */
    threads: integer(1, 2).default(1),
    /** How two threads share a step: units (hidden units) or samples (of each batch); default: the kernel choice's (kernel-choice.ts). One thread ignores it. */
    split: oneOf(SPLITS).optional(),
    /** Kernel build: auto (relaxed SIMD where supported), simd (bit-for-bit reproducible), relaxed. */
    kernels: oneOf(['auto', 'simd', 'relaxed']).default('auto'),
  })
  .strict();

type ParsedRunConfig = z.output<typeof RunConfigSchema>;

/**
 * A run config resolved for the trainer: the batch a number, the length in steps (no `epochs`) and the
 * schedule in steps. Parsing it again gives it back unchanged.
 */
export type RunConfig = Omit<ParsedRunConfig, 'steps' | 'epochs' | 'data'> & {
  steps: number;
  data: Omit<ParsedRunConfig['data'], 'batch'> & { batch: number };
};

/**
 * Validates a run config (cross-field rules too) and resolves epochs to steps. Throws UsageError naming the
 * field at fault.
 */
export function parseRunConfig(input: unknown): RunConfig {
  const config = parseInput(RunConfigSchema, input);
  parseTaskSpec(config.task, 'task.');
  parseModelSpec(config.model, 'model.');
  parseOptimizerSpec(config.optimizer, 'optimizer.');
  checkRegime(config);
  const { epochs, ...rest } = config;
  const { data, optimizer } = config;
  // checkRegime has refused everything epochal in the online regime, so D is set wherever it is used.
  const batch = data.batch === 'authors' ? authorsBatch(data.D!) : data.batch;
  const perEpoch = data.D === undefined ? 0 : stepsPerEpoch(data.D, batch);
  const steps = epochs === undefined ? config.steps : epochs * perEpoch;
  if (steps === undefined) {
    throw new UsageError(
      `steps must be set (an integer from 1 to ${MAX_STEPS}), or epochs for a fixed training set`,
    );
  }
  if (steps > MAX_STEPS) {
    throw new UsageError(`epochs must make at most ${MAX_STEPS} steps (got ${epochs} × ${perEpoch})`);
  }
  return {
    ...rest,
    optimizer: { ...optimizer, schedule: scheduleInSteps(optimizer.schedule, perEpoch) },
    data: { ...data, batch },
    steps,
  };
}

/** The rules between the data regime and the fields that need (or refuse) a fixed training set. */
function checkRegime(config: ParsedRunConfig): void {
  const { data, optimizer } = config;
  if (data.regime === 'fixed' && data.D === undefined) {
    throw new UsageError('data.D must be set (an integer ≥ 1) for the fixed regime');
  }
  if (data.regime === 'online' && data.D !== undefined) {
    throw new UsageError(`data.D must be unset in the online regime (got ${data.D}); use regime "fixed"`);
  }
  if (data.regime === 'online') {
    const epochal = [
      config.epochs !== undefined && 'epochs',
      data.batch === 'authors' && 'data.batch "authors"',
      optimizer.schedule.type === 'step-halving' &&
        optimizer.schedule.unit === 'epochs' &&
        'optimizer.schedule.unit "epochs"',
    ].find(Boolean);
    if (epochal) {
      throw new UsageError(
        `${epochal} needs a fixed training set (regime "fixed" with data.D): online data has no epochs`,
      );
    }
  }
  if (config.steps !== undefined && config.epochs !== undefined) {
    throw new UsageError(
      `give steps or epochs, not both (got steps ${config.steps}, epochs ${config.epochs})`,
    );
  }
  if (config.threads === 2 && config.model.depth !== 2) {
    throw new UsageError(`threads must be 1 for depth > 2 (got 2 with depth ${config.model.depth})`);
  }
}
