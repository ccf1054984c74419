import { z } from 'zod';
import { integer, oneOf, parseInput } from '../config.ts';
import { UsageError } from '../errors.ts';
import { ModelSpecSchema, OptimizerSpecSchema, parseModelSpec, parseOptimizerSpec } from '../nn/config.ts';
import { parseTaskSpec, TaskSpecSchema } from '../task/spec.ts';

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
        /** Batch size; in the fixed regime min(D, batch) samples per step, the epoch's last batch may be short. */
        batch: integer(1, 1_000_000).default(4000),
      })
      .strict()
      .default({ regime: 'online', batch: 4000 }),
    /** Optimiser steps. */
    steps: integer(1, 1_000_000_000),
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
    /** 1, or 2 to split the hidden units of a one-hidden-layer network over two cores. */
    threads: integer(1, 2).default(1),
    /** Kernel build: auto (relaxed SIMD where supported), simd (bit-for-bit reproducible), relaxed. */
    kernels: oneOf(['auto', 'simd', 'relaxed']).default('auto'),
  })
  .strict();

export type RunConfig = z.output<typeof RunConfigSchema>;

/** Validates a run config; cross-field rules too. Throws UsageError naming the field at fault. */
export function parseRunConfig(input: unknown): RunConfig {
  const config = parseInput(RunConfigSchema, input);
  parseTaskSpec(config.task, 'task.');
  parseModelSpec(config.model, 'model.');
  parseOptimizerSpec(config.optimizer, 'optimizer.');
  const { data } = config;
  if (data.regime === 'fixed' && data.D === undefined) {
    throw new UsageError('data.D must be set (an integer ≥ 1) for the fixed regime');
  }
  if (data.regime === 'online' && data.D !== undefined) {
    throw new UsageError(`data.D must be unset in the online regime (got ${data.D}); use regime "fixed"`);
  }
  if (config.threads === 2 && config.model.depth !== 2) {
    throw new UsageError(`threads must be 1 for depth > 2 (got 2 with depth ${config.model.depth})`);
  }
  return config;
}
