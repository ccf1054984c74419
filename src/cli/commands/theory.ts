import { Command } from 'commander';
import { z } from 'zod';
import { finite, integer, oneOf, parseInput, positive } from '../../config.ts';
import { invalid } from '../../errors.ts';
import { zipfProbs } from '../../task/zipf.ts';
import { computeFrontier } from '../../theory/compute.ts';
import { checkInitialStrength, DEFAULT_CONSTANTS, modelConstantsShape } from '../../theory/constants.ts';
import { emergenceTime, saturationTime } from '../../theory/emergence.ts';
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
    addSkillOptions(new Command('emergence'))
      .description('emergence time τ^(e)(ε) and saturation time τ^(s)(ε) of every skill k ≤ N (Eq. 40)')
      .option('--epsilon <e>', 'threshold ε in (0, ½) (default 0.05)', num)
      .option('--rate-scale <κ>', 'κ = B² multiplying the rate, Eq. 14 (default 1; the paper fits 1/22)', num)
      .option('--N <n>', 'list skills k ≤ N, the basis (default n_s; needed when n_s = inf)', num)
      .option('--json', 'machine-readable output')
      .action((opts) => emergence(opts)),
  );
  return theory;
}

function addModelOptions(cmd: Command): Command {
  return cmd
    .option('--S <s>', `target scale S (default ${DEFAULT_CONSTANTS.S})`, num)
    .option('--r0 <r>', `initial skill strength R_k(0), 0 < r0 < S (default ${DEFAULT_CONSTANTS.r0})`, num)
    .option('--eta <e>', `learning rate η (default ${DEFAULT_CONSTANTS.eta})`, num);
}

function addSkillOptions(cmd: Command): Command {
  return addModelOptions(cmd)
    .requiredOption('--alpha <a>', 'α in P_s(k) ∝ k^-(α+1) (> 0 when n_s = inf)', num)
    .requiredOption('--skills <n>', 'n_s, number of skills: an integer ≥ 1, or inf', (t) =>
      t.trim() === 'inf' ? Number.POSITIVE_INFINITY : num(t),
    );
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
  'rate-scale': positive().default(1),
});

function emergence(opts: Record<string, unknown>): void {
  const m = modelFromOptions(opts);
  const { epsilon, 'rate-scale': rateScale } = parseInput(EmergenceSchema, {
    epsilon: opts.epsilon,
    'rate-scale': opts.rateScale,
  });
  const N = Math.min(basisSize(m), m.skills);
  const { probs } = skillLaw(m, N);
  const rates = { S: m.S, r0: m.r0, eta: m.eta, rateScale };
  const skills = Array.from(probs.subarray(0, N), (p, i) => ({
    k: i + 1,
    p,
    tauE: emergenceTime(p, epsilon, rates),
    tauS: saturationTime(p, epsilon, rates),
  }));
  output(opts, { skills }, () => {
    const rows = skills.map((s) => [s.k, s.p.toPrecision(6), s.tauE.toPrecision(6), s.tauS.toPrecision(6)]);
    return formatTable(['k', 'P_s(k)', `τ_e(${epsilon})`, `τ_s(${epsilon})`], rows);
  });
}
