import { Command } from 'commander';
import { z } from 'zod';
import { finite, integer, oneOf, parseInput, positive } from '../../config.ts';
import { invalid, UsageError } from '../../errors.ts';
import { parseRunConfig } from '../../experiment/config.ts';
import { predictedStep, type RunTheory, runTheory } from '../../experiment/prediction.ts';
import { mergeRunConfig, PRESETS, preset } from '../../experiment/presets.ts';
import { readConfigFile } from '../../files.ts';
import { zipfProbs } from '../../task/zipf.ts';
import { computeFrontier } from '../../theory/compute.ts';
import { checkInitialStrength, DEFAULT_CONSTANTS, modelConstantsShape } from '../../theory/constants.ts';
import {
  expectedDataLoss,
  parameterLoss,
  type SkillFrequencies,
  skillStrengths,
  totalLoss,
  truncatedZipf,
  zipfTailMass,
} from '../../theory/loss.ts';
import { scalingPrefactors } from '../../theory/prefactors.ts';
import { formatTable, num, numList, printJson } from '../options.ts';

export function theoryCommand(): Command {
  const theory = new Command('theory').description(
    'closed forms of the multilinear model: scaling-law prefactors, loss curves, emergence times',
  );
  theory.addCommand(
    addModelOptions(new Command('prefactors'))
      .description('exponents and prefactors A_T, A_D, A_N, A_c of the four scaling laws (n_s → ∞, α > 0)')
      .requiredOption('--alpha <a>', 'α in P_s(k) ∝ k^-(α+1)', num)
      .option('--json', 'machine-readable output')
      .action((opts) => prefactors(opts)),
  );
  theory.addCommand(
    addSkillOptions(new Command('curve'))
      .description(
        'loss against one resource: time (Eq. 12, D → ∞), data (Eq. 274, T → ∞), params (Eq. 325), ' +
          'compute (min over N of Eq. 12 at T = C/N)',
      )
      .requiredOption('--resource <r>', 'time | data | params | compute')
      .requiredOption('--at <x,…>', 'comma list of resource values: T, D, N or C', numList)
      .option(
        '--N <n>',
        'basis functions N (time, data; default n_s); for compute the largest N tried. Needed when n_s = inf',
        num,
      )
      .option(
        '--per-skill',
        'add R = [R_1/S, …] to each point: time Eq. 11; data E_D[R_k(∞)]/S of the one-shot learner; ' +
          'params 1 for k ≤ N; compute Eq. 11 at the optimum (n_s = inf: the first N skills only)',
      )
      .option('--json', 'machine-readable output')
      .action((opts) => curve(opts)),
  );
  theory.addCommand(
    addModelOptions(new Command('emergence'), 'σ²/3.6 for a run config, σ = model.initStd; else 0.01')
      .description(
        'when every skill reaches R_k/S = ε, ½ and 1 − ε (Eq. 40; τ_e(ε) is the first, τ_s(ε) the last minus ' +
          'the first): in optimiser steps for a run config (--preset or --from-config, Eq. 14, ' +
          'docs/run-to-theory.md), else in model time for --alpha and --skills',
      )
      .option('--preset <name>', `a run preset: ${Object.keys(PRESETS).join(', ')}`)
      .option(
        '--from-config <file>',
        'a run config (JSON), e.g. a run directory’s config.json; its fields override --preset',
      )
      .option('--alpha <a>', 'α in P_s(k) ∝ k^-(α+1) (> 0 when n_s = inf), without a run config', num)
      .option('--skills <n>', 'n_s: an integer ≥ 1, or inf, without a run config', skillCount)
      .option('--N <n>', 'list skills k ≤ N, the basis (default n_s; needed when n_s = inf)', num)
      .option('--epsilon <e>', 'ε in (0, ½): the levels are ε, ½, 1 − ε (default 0.05)', num)
      .option(
        '--B2 <κ>',
        'B², the factor multiplying the rate in Eq. 14 (default 1/22, the paper’s fit, for a run config; ' +
          'else 1, the plain model)',
        num,
      )
      .option('--json', 'machine-readable output')
      .action((opts) => emergence(opts)),
  );
  return theory;
}

/** --S, --r0 and --eta; `r0Default` says what --r0 defaults to. */
function addModelOptions(cmd: Command, r0Default = String(DEFAULT_CONSTANTS.r0)): Command {
  return cmd
    .option('--S <s>', `target scale S (default ${DEFAULT_CONSTANTS.S})`, num)
    .option('--r0 <r>', `initial skill strength R_k(0), 0 < r0 < S (default ${r0Default})`, num)
    .option('--eta <e>', `learning rate η (default ${DEFAULT_CONSTANTS.eta})`, num);
}

function addSkillOptions(cmd: Command): Command {
  return addModelOptions(cmd)
    .requiredOption('--alpha <a>', 'α in P_s(k) ∝ k^-(α+1) (> 0 when n_s = inf)', num)
    .requiredOption('--skills <n>', 'n_s, number of skills: an integer ≥ 1, or inf', skillCount);
}

/** Option parser for n_s: `inf` or a number. */
function skillCount(text: string): number | string {
  return text.trim() === 'inf' ? Number.POSITIVE_INFINITY : num(text);
}

// ---- prefactors ----

function prefactors(opts: Record<string, unknown>): void {
  const { alpha, S, r0, eta } = opts as Record<string, number>;
  const laws = scalingPrefactors(alpha, { S, r0, eta });
  output(opts, laws, () => {
    const rows = (['time', 'data', 'params', 'compute'] as const).map((law) => [
      law,
      laws.exponents[law].toPrecision(6),
      laws.prefactors[law].toPrecision(6),
    ]);
    return formatTable(['law', 'exponent', 'prefactor'], rows);
  });
}

/** The JSON value with --json, else the human-readable table. */
function output(opts: Record<string, unknown>, value: unknown, table: () => string): void {
  if (opts.json) printJson(value);
  else process.stdout.write(`${table()}\n`);
}

// ---- shared validation ----

/** The largest n_s (or N for n_s = inf) whose probabilities the curves hold in memory (0.8 GB). */
const MAX_SKILLS = 100_000_000;

const ModelSchema = z.object({
  alpha: finite(),
  skills: modelConstantsShape.skills,
  S: modelConstantsShape.S,
  r0: modelConstantsShape.r0,
  eta: modelConstantsShape.eta,
  N: integer(0, MAX_SKILLS).optional(),
});
type Model = z.output<typeof ModelSchema>;

/** The validated model flags; α must keep P_s(k) non-increasing, and give ζ(α+1) < ∞ for n_s = inf. */
function modelFromOptions(opts: Record<string, unknown>): Model {
  const { alpha, skills, S, r0, eta, N } = opts;
  const m = parseInput(ModelSchema, { alpha, skills, S, r0, eta, N });
  checkInitialStrength(m);
  if (m.skills > MAX_SKILLS && m.skills !== Number.POSITIVE_INFINITY) {
    throw invalid('skills', `an integer from 1 to ${MAX_SKILLS} or inf`, m.skills);
  }
  if (m.skills === Number.POSITIVE_INFINITY && !(m.alpha > 0)) {
    throw invalid('alpha', '> 0 when skills is inf (ζ(α+1) must converge)', m.alpha);
  }
  if (!(m.alpha >= -1)) throw invalid('alpha', '≥ −1 (P_s(k) must not increase with k)', m.alpha);
  return m;
}

/** The basis size a command needs: --N, else n_s, which must then be finite. */
function basisSize(m: Model, flag = '--N'): number {
  const N = m.N ?? m.skills;
  if (N === Number.POSITIVE_INFINITY) throw invalid(flag.slice(2), 'given when skills is inf');
  return N;
}

/** P_s(k) for all n_s skills, or for n_s = inf the first `count` and the mass of the rest. */
function skillLaw(m: Model, count: number): SkillFrequencies {
  return m.skills === Number.POSITIVE_INFINITY
    ? truncatedZipf(m.alpha, m.skills, count)
    : { probs: zipfProbs(m.skills, m.alpha), tailMass: 0 };
}

// ---- curve ----

const RESOURCES = ['time', 'data', 'params', 'compute'] as const;
type Resource = (typeof RESOURCES)[number];

const nonNegative = () =>
  z
    .number({ error: 'a finite number ≥ 0' })
    .refine((v) => Number.isFinite(v) && v >= 0, 'a finite number ≥ 0');

const AT: Record<Resource, z.ZodType<number>> = {
  time: nonNegative(),
  data: integer(0),
  params: integer(0),
  compute: positive(),
};

interface CurvePoint {
  x: number;
  loss: number;
  N?: number;
  T?: number;
  R?: number[];
}

function curve(opts: Record<string, unknown>): void {
  const { resource } = parseInput(z.object({ resource: oneOf(RESOURCES) }), { resource: opts.resource });
  const m = modelFromOptions(opts);
  const { at } = parseInput(
    z.object({ at: z.array(AT[resource]).min(1, 'a non-empty comma list of numbers') }),
    { at: opts.at },
  );
  const perSkill = Boolean(opts.perSkill);
  const points = at.map(CURVES[resource](m, perSkill));
  output(opts, { points }, () => {
    const compute = resource === 'compute';
    const rows = points.map((p) => [
      p.x,
      p.loss.toPrecision(6),
      ...(compute ? [String(p.N), (p.T as number).toPrecision(6)] : []),
      ...(p.R ? [formatStrengths(p.R)] : []),
    ]);
    const header = [
      AXIS[resource],
      'loss',
      ...(compute ? ['N*', 'T*'] : []),
      ...(perSkill ? ['R_k/S, k = 1, 2, …'] : []),
    ];
    return formatTable(header, rows);
  });
}

const AXIS: Record<Resource, string> = { time: 'T', data: 'D', params: 'N', compute: 'C' };

function formatStrengths(R: number[]): string {
  const shown = R.slice(0, 8).map((r) => r.toFixed(3));
  return R.length > 8 ? `${shown.join(' ')} …` : shown.join(' ');
}

/** For each resource: the point at x (and R_k/S when asked). */
const CURVES: Record<Resource, (m: Model, perSkill: boolean) => (x: number) => CurvePoint> = {
  time(m, perSkill) {
    const N = basisSize(m);
    const model = { ...skillLaw(m, N), S: m.S, r0: m.r0, eta: m.eta, N };
    return (T) => ({
      x: T,
      loss: totalLoss(T, model),
      ...(perSkill && { R: Array.from(skillStrengths(T, model)) }),
    });
  },
  data(m, perSkill) {
    const N = basisSize(m);
    const model = { ...skillLaw(m, N), S: m.S, r0: m.r0, N };
    // E_D[R_k(∞)]/S of the one-shot learner: S once seen (probability 1 − (1 − P)^D), else r0; 0 beyond N.
    const expected = (D: number) =>
      Array.from(model.probs, (p, k) => {
        const seen = D === 0 ? 0 : -Math.expm1(D * Math.log1p(-p));
        return k < N ? m.r0 / m.S + (1 - m.r0 / m.S) * seen : 0;
      });
    return (D) => ({ x: D, loss: expectedDataLoss(D, model), ...(perSkill && { R: expected(D) }) });
  },
  params(m, perSkill) {
    const infinite = m.skills === Number.POSITIVE_INFINITY;
    const probs = infinite ? undefined : zipfProbs(m.skills, m.alpha);
    return (N) => ({
      x: N,
      loss: probs
        ? parameterLoss(N, { probs, S: m.S })
        : ((m.S * m.S) / 2) * zipfTailMass(m.alpha, m.skills, N),
      ...(perSkill && {
        R: Array.from({ length: infinite ? N : m.skills }, (_, k) => (k < N ? 1 : 0)),
      }),
    });
  },
  compute(m, perSkill) {
    const maxN = Math.min(basisSize(m), m.skills);
    if (maxN < 1) throw invalid('N', 'an integer ≥ 1 for compute', maxN);
    const law = perSkill ? skillLaw(m, maxN) : undefined;
    return (C) => {
      const best = computeFrontier(C, {
        alpha: m.alpha,
        skills: m.skills,
        S: m.S,
        r0: m.r0,
        eta: m.eta,
        maxN,
      });
      const R = law && skillStrengths(best.T, { ...law, S: m.S, r0: m.r0, eta: m.eta, N: best.N });
      return { x: C, loss: best.loss, N: best.N, T: best.T, ...(R && { R: Array.from(R) }) };
    };
  },
};

// ---- emergence ----

const EmergenceSchema = z.object({
  epsilon: z
    .number({ error: 'in (0, ½)' })
    .refine((v) => v > 0 && v < 0.5, 'in (0, ½)')
    .default(0.05),
  B2: positive().optional(),
});

/** The flags that describe the model by hand, which a run config replaces. */
const MODEL_FLAGS = ['alpha', 'skills', 'S', 'eta', 'N'] as const;

function emergence(opts: Record<string, unknown>): void {
  const { epsilon, B2 } = parseInput(EmergenceSchema, { epsilon: opts.epsilon, B2: opts.B2 });
  const fromRun = opts.preset !== undefined || opts.fromConfig !== undefined;
  const theory = fromRun ? theoryOfRun(opts, B2) : theoryOfFlags(opts, B2);
  // 1 − ε rounded so that e.g. ε = 0.07 gives the level 0.93, not 0.9299999999999999.
  const levels = [epsilon, 0.5, Number((1 - epsilon).toPrecision(12))];
  const unit = fromRun ? 'step' : 'T';
  const skills = Array.from(theory.probs, (p, i) => ({
    k: i + 1,
    p,
    at: Object.fromEntries(levels.map((level) => [String(level), predictedStep(theory, i + 1, level)])),
  }));
  const { eta, S, r0 } = theory;
  output(opts, { constants: { eta, S, r0, B2: theory.B2 }, unit, levels, skills }, () => {
    const time = (t: number) => (fromRun ? t.toFixed(0) : t.toPrecision(6));
    const rows = skills.map((s) => [s.k, s.p.toPrecision(6), ...Object.values(s.at).map(time)]);
    const header = ['k', 'P_s(k)', ...levels.map((l) => `${unit} at R/S = ${l}`)];
    const constants = `η = ${eta}, S = ${S}, R_k(0) = ${r0.toPrecision(6)}, B² = ${theory.B2.toPrecision(6)}`;
    return `${constants}\n${formatTable(header, rows)}`;
  });
}

/** Eq. 14 for the run a preset and/or config file describes, time in optimiser steps. */
function theoryOfRun(opts: Record<string, unknown>, B2: number | undefined): RunTheory {
  const given = MODEL_FLAGS.find((f) => opts[f] !== undefined);
  if (given)
    throw new UsageError(`--${given} cannot be given with --preset or --from-config: the run sets it`);
  const base = opts.preset !== undefined ? preset(String(opts.preset)) : {};
  const file = opts.fromConfig !== undefined ? readConfigFile(String(opts.fromConfig), '--from-config') : {};
  const r0 = opts.r0 === undefined ? undefined : parseInput(z.object({ r0: positive() }), { r0: opts.r0 }).r0;
  return runTheory(parseRunConfig(mergeRunConfig(base, file)), { B2, r0 });
}

/** Eq. 40 for the model the flags give (B² = 1 unless set), time in the model's units. */
function theoryOfFlags(opts: Record<string, unknown>, B2 = 1): RunTheory {
  if (opts.alpha === undefined || opts.skills === undefined) {
    throw new UsageError('give --alpha and --skills, or a run with --preset or --from-config');
  }
  const m = modelFromOptions(opts);
  const N = Math.min(basisSize(m), m.skills);
  return { S: m.S, r0: m.r0, eta: m.eta, B2, probs: skillLaw(m, N).probs.subarray(0, N) };
}
