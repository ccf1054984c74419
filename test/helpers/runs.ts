import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunConfig, type RunConfig } from '../../src/experiment/config.ts';
import { mergeConfig, preset } from '../../src/experiment/presets.ts';
import { type CurvePoint, RUN_FILES, type RunSummary } from '../../src/experiment/run.ts';
import { runId } from '../../src/results/run-id.ts';

/** The settings of a synthetic run: fig1a's config with these fields, and how far it got. */
export interface SyntheticRun {
  seed: number;
  width?: number;
  skills?: number;
  steps?: number;
  every?: number;
  /** Evaluations written (default: all, steps/every + 1). */
  evaluations?: number;
  /** Write summary.json (default true when every evaluation is written). */
  summary?: boolean;
  /** Append the first bytes of the next curve line, as a run killed mid-write leaves it. */
  partialLine?: boolean;
}

/** The R_k/S a synthetic run records: a sigmoid in step whose onset depends on skill, width and seed. */
export function syntheticR(seed: number, width: number, skill: number, step: number): number {
  const onset = 100 * skill * (1 + 10 / width) + 7 * seed;
  return 1 / (1 + Math.exp(-(step - onset) / 25));
}

export function syntheticConfig(run: SyntheticRun): RunConfig {
  const { seed, width = 1000, skills = 5, steps = 1000, every = 50 } = run;
  return parseRunConfig(
    mergeConfig(preset('fig1a'), {
      seed,
      steps,
      task: { skills },
      model: { width },
      evaluation: { every },
    }),
  );
}

export function syntheticPoint(config: RunConfig, step: number): CurvePoint {
  const ks = Array.from({ length: config.task.skills }, (_, k) => k + 1);
  const R = ks.map((k) => syntheticR(config.seed, config.model.width, k, step));
  return {
    step,
    loss: 25 * (1 - R.reduce((s, r) => s + r, 0) / ks.length),
    R,
    skillLoss: R.map((r) => 25 * (1 - r) ** 2),
    skillAccuracy: R.map((r) => 0.5 + r / 2),
    trainLoss: step === 0 ? null : 25 - step / 100,
    lr: config.optimizer.lr,
    seconds: step / 1000,
  };
}

/**
 * Writes a run directory as the trainer does, at DIR/runs/<runId>/ (or at `at`), with curves from
 * syntheticR; returns its directory and config.
 */
export function writeSyntheticRun(dir: string, run: SyntheticRun, at?: string) {
  const config = syntheticConfig(run);
  const id = runId(config);
  const out = at ?? join(dir, 'runs', id);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, RUN_FILES.config), `${JSON.stringify(config, null, 2)}\n`);
  const all = config.steps / config.evaluation.every + 1;
  const points = Array.from({ length: run.evaluations ?? all }, (_, i) =>
    syntheticPoint(config, i * config.evaluation.every),
  );
  writeFileSync(join(out, RUN_FILES.curve), points.map((p) => `${JSON.stringify(p)}\n`).join(''));
  if (run.partialLine) {
    const next = JSON.stringify(syntheticPoint(config, points.length * config.evaluation.every));
    appendFileSync(join(out, RUN_FILES.curve), next.slice(0, 40));
  }
  if (run.summary ?? points.length === all) writeSummary(out, config, points);
  return { id, out, config, points };
}

export function writeSummary(out: string, config: RunConfig, points: CurvePoint[]): void {
  const final = points.at(-1) ?? null;
  const summary: RunSummary = {
    status: final?.step === config.steps ? 'completed' : 'interrupted',
    step: final?.step ?? 0,
    steps: config.steps,
    kernels: 'simd',
    threads: config.threads,
    seconds: final?.seconds ?? 0,
    stepsPerSecond: 1000,
    evaluationSeconds: 0.1,
    final,
    halfStep: final ? final.R.map(() => null) : [],
  };
  writeFileSync(join(out, RUN_FILES.summary), `${JSON.stringify(summary, null, 2)}\n`);
}
