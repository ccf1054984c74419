import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { appendOutput, makeDirectory, replaceOutput, writeOutput } from '../files.ts';
import type { ParamLayout } from '../nn/layout.ts';
import type { Task } from '../task/task.ts';
import { readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import type { RunConfig } from './config.ts';
import type { DataState } from './data.ts';
import type { Evaluation } from './evaluation.ts';
import type { KernelChoiceRecord } from './network.ts';
import { type CurvePoint, initialParams, type ProgressState, RunProgress } from './progress.ts';

export type { CurvePoint } from './progress.ts';

export interface RunSummary {
  status: 'completed' | 'interrupted' | 'diverged';
  message?: string;
  step: number;
  steps: number;
  kernels: string;
  threads: number;
  /**
   * The kernel variants that ran (src/nn/fast/kernel-choice.ts) and their source: `emergence tune`'s cache,
   * the default for the shape, or 'given' (a resumed run keeps the choice it started with). Absent from runs
   * made before it was recorded, and from packed ensembles' members.
   */
  kernelChoice?: KernelChoiceRecord;
  /**
   * Training seconds (evaluation excluded) and steps per second over this invocation; a packed ensemble's
   * member is charged its share, the pack's time over its members.
   */
  seconds: number;
  stepsPerSecond: number;
  evaluationSeconds: number;
  final: CurvePoint | null;
  /** Per skill, the first evaluated step with R_k/S ≥ 0.5 (null: not yet). */
  halfStep: (number | null)[];
  /** Trained in a packed ensemble of this many members (docs/trainer.md); absent: alone. */
  packedWith?: number;
}

/** The run directory's files. */
export const RUN_FILES = {
  config: 'config.json',
  curve: 'curve.jsonl',
  summary: 'summary.json',
  checkpoint: 'checkpoint.bin',
} as const;

interface CheckpointHeader extends ProgressState {
  optimizerSteps: number;
  data: DataState;
  /** The kernel variants the run started with: a resumed run keeps them, so it reproduces the run's bits. */
  kernelChoice?: KernelChoiceRecord['choice'];
}

/** What a run directory needs of its network: the parameters and optimiser state it saves and restores. */
export interface NetworkState {
  readonly ref: ParamLayout;
  steps: number;
  setParams(params: ArrayLike<number>): void;
  getParams(): Float32Array;
  getMoments(): Float32Array[];
  setMoments(moments: ArrayLike<number>[]): void;
}

/**
 * One run directory as a run goes: config.json, curve.jsonl (one line per evaluation, appended as it goes),
 * checkpoint.bin (the network's state, the data stream's and the bookkeeping's) and summary.json. A run
 * trained alone has one; a packed ensemble one per member.
 */
export class RunRecord extends RunProgress {
  readonly out: string;
  /** The data stream's state at the checkpoint resumed from (null: a new run). */
  readonly savedData: DataState | null;
  /** The kernel variants of the checkpoint resumed from (null: a new run, or one saved before they were). */
  readonly savedKernelChoice: KernelChoiceRecord['choice'] | null;
  private readonly paths: Record<keyof typeof RUN_FILES, string>;
  private readonly saved: ReturnType<typeof readCheckpoint<CheckpointHeader>> | null;
  private readonly startStep: number;
  private readonly startSeconds: number;

  /** Opens `out` for a new run (refusing one already there) or, with `resume`, at its last checkpoint. */
  constructor(config: RunConfig, out: string, resume: boolean) {
    const paths = Object.fromEntries(Object.entries(RUN_FILES).map(([k, f]) => [k, join(out, f)])) as Record<
      keyof typeof RUN_FILES,
      string
    >;
    if (!resume && existsSync(paths.config)) {
      throw new UsageError(`${out} already holds a run: use --resume to continue it, or another --out`);
    }
    makeDirectory(out);
    const saved =
      resume && existsSync(paths.checkpoint) ? readCheckpoint<CheckpointHeader>(paths.checkpoint) : null;
    const header = saved?.header;
    super(
      config,
      header,
      readCurve(paths.curve).filter((p) => p.step <= (header?.step ?? 0)),
    );
    this.out = out;
    this.paths = paths;
    this.saved = saved;
    this.savedData = header?.data ?? null;
    this.savedKernelChoice = header?.kernelChoice ?? null;
    this.startStep = this.step;
    this.startSeconds = this.seconds;
  }

  /**
   * Restores `net` from the checkpoint, or initialises it from the run's init stream (seed `initSeed`, by
   * default `seed`) and writes config.json; trims curve.jsonl to the checkpoint's step.
   */
  start(net: NetworkState): void {
    const { saved, config } = this;
    if (saved) {
      net.setParams(saved.arrays.params);
      net.setMoments(
        Object.keys(saved.arrays)
          .filter((n) => n.startsWith('moment'))
          .map((n) => saved.arrays[n]),
      );
      net.steps = saved.header.optimizerSteps;
    } else {
      net.setParams(initialParams(net.ref, config));
      writeOutput(this.paths.config, `${JSON.stringify(config, null, 2)}\n`);
    }
    replaceOutput(this.paths.curve, this.curve.map((p) => `${JSON.stringify(p)}\n`).join(''));
  }

  /** The evaluation at the current step (which took `seconds`) as a curve point, appended to curve.jsonl. */
  override record(evaluation: Evaluation, seconds: number): CurvePoint {
    const point = super.record(evaluation, seconds);
    appendOutput(this.paths.curve, `${JSON.stringify(point)}\n`);
    return point;
  }

  /** Rewrites checkpoint.bin (atomically) with `net`'s state, the data stream's and the kernel variants. */
  checkpoint(net: NetworkState, data: DataState, kernelChoice?: KernelChoiceRecord['choice']): void {
    const moments = Object.fromEntries(net.getMoments().map((m, i) => [`moment${i}`, m]));
    writeCheckpoint(
      this.paths.checkpoint,
      { ...this.state(), optimizerSteps: net.steps, data, kernelChoice },
      { params: net.getParams(), ...moments },
    );
  }

  /** Writes summary.json (`extra`: what a packed member adds) and returns it. */
  finish(
    task: Task,
    status: RunSummary['status'],
    kernels: string,
    message?: string,
    extra: Partial<RunSummary> = {},
  ): RunSummary {
    const ran = this.seconds - this.startSeconds;
    const { curve } = this;
    const summary: RunSummary = {
      status,
      ...(message ? { message } : {}),
      step: this.step,
      steps: this.config.steps,
      kernels,
      threads: this.config.threads,
      seconds: ran,
      stepsPerSecond: ran > 0 ? (this.step - this.startStep) / ran : 0,
      evaluationSeconds: this.evaluationSeconds,
      final: curve.at(-1) ?? null,
      halfStep: task.masks.map((_, k) => curve.find((p) => p.R[k] >= 0.5)?.step ?? null),
      ...extra,
    };
    replaceOutput(this.paths.summary, `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  }

  /** The message of a run whose training loss became `loss` (NaN or infinite) at the next step. */
  divergedMessage(loss: number): string {
    return (
      `training loss became ${loss} at step ${this.step + 1}: the run diverged (lower the learning rate?); ` +
      `results up to step ${this.curve.at(-1)?.step ?? 0} are saved`
    );
  }
}

/** The points of a curve.jsonl (none when there is no file; a line cut short by a crash left out). */
export function readCurve(path: string): CurvePoint[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as CurvePoint];
      } catch {
        return []; // a line cut short by a crash
      }
    });
}
