// The theory explorer's inputs: each parameter's range, the paper's settings as presets, and their round
// trip through the URL. Pure: no DOM, so node tests can check it.

import { parseRunConfig } from '../../../src/experiment/config.ts';
import { runTheory } from '../../../src/experiment/prediction.ts';
import { preset as runPreset } from '../../../src/experiment/presets.ts';
import { FITTED } from '../../../src/theory/extended.ts';
import { fieldError, parseNumber } from '../fields.ts';

/** The model's parameters in the paper's notation (§3; κ, D_c, N_c of the extended model, §5). */
export interface TheoryParams {
  /** Zipf exponent: P_s(k) ∝ k^{−(α+1)} (Eq. 1). */
  alpha: number;
  /** Number of skills n_s. */
  skills: number;
  /** Target scale S. */
  S: number;
  /** Initial skill strength R(0). */
  r0: number;
  /** Learning rate η. */
  eta: number;
  /** Basis functions N (width): skills k > N are never learned (Eq. 9). */
  N: number;
  /** Training samples D (Eq. 11, Eq. 274). */
  D: number;
  /** κ = B², the rate factor of the time model (Eq. 14). */
  kappa: number;
  /** D_c, samples per skill of the data model (Eq. 17). */
  Dc: number;
  /** N_c, basis functions per skill of the parameter model (Eq. 21). */
  Nc: number;
}

export type ParamKey = keyof TheoryParams;

export interface ParamSpec {
  key: ParamKey;
  label: string;
  description: string;
  allowed: string;
  valid(value: number): boolean;
  /** ArrowUp/ArrowDown: added, or a factor when `log`. */
  step: number;
  log?: boolean;
  /** Shown with the extended model's constants. */
  extended?: boolean;
}

/** n_s above this keeps the page responsive (the loss sums run over every skill at every point). */
export const MAX_SKILLS = 100_000;

const positive = (v: number) => v > 0 && Number.isFinite(v);
const integerFrom =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: number) =>
    Number.isInteger(v) && v >= min && v <= max;

export const PARAM_SPECS: readonly ParamSpec[] = [
  {
    key: 'alpha',
    label: 'α',
    description: 'Zipf exponent: skill k has frequency P_s(k) ∝ k^−(α+1) (Eq. 1)',
    allowed: 'a number > 0 and ≤ 10',
    valid: (v) => v > 0 && v <= 10,
    step: 0.05,
  },
  {
    key: 'skills',
    label: 'n_s',
    description: 'number of skills',
    allowed: `an integer from 1 to ${MAX_SKILLS}`,
    valid: integerFrom(1, MAX_SKILLS),
    step: 10,
    log: true,
  },
  {
    key: 'S',
    label: 'S',
    description: 'target scale: the output on skill k is ±S (Eq. 4)',
    allowed: 'a number > 0',
    valid: positive,
    step: 0.5,
  },
  {
    key: 'r0',
    label: 'R(0)',
    description: 'initial skill strength R_k(0), the same for every skill; 0 < R(0) < S',
    allowed: 'a number > 0',
    valid: positive,
    step: 2,
    log: true,
  },
  {
    key: 'eta',
    label: 'η',
    description: 'learning rate of the gradient flow; time T is in the same unit (Eq. 11)',
    allowed: 'a number > 0',
    valid: positive,
    step: 2,
    log: true,
  },
  {
    key: 'N',
    label: 'N',
    description: 'basis functions (width): skills k > N are never learned (Eq. 9)',
    allowed: 'an integer ≥ 1',
    valid: integerFrom(1),
    step: 10,
    log: true,
  },
  {
    key: 'D',
    label: 'D',
    description: 'training samples: the loss after T → ∞ with D samples is Eq. 274',
    allowed: 'an integer ≥ 1',
    valid: integerFrom(1),
    step: 10,
    log: true,
  },
  {
    key: 'kappa',
    label: 'κ = B²',
    description: 'the extended model’s rate factor: the dynamics run at η·κ (Eq. 14); 1 is the plain model',
    allowed: 'a number > 0',
    valid: positive,
    step: 2,
    log: true,
    extended: true,
  },
  {
    key: 'Dc',
    label: 'D_c',
    description: 'samples a skill needs in the D_c-shot learner (Eq. 17)',
    allowed: 'a number > 0',
    valid: positive,
    step: 2,
    log: true,
    extended: true,
  },
  {
    key: 'Nc',
    label: 'N_c',
    description: 'basis functions per skill of the parameter model (Eq. 21)',
    allowed: 'a number > 0',
    valid: positive,
    step: 1,
    extended: true,
  },
];

export interface Preset {
  label: string;
  /** Where the setting comes from and what differs from the paper. */
  note: string;
  params: TheoryParams;
}

/** The network of Fig. 1(a) as the time model sees it (η, S, R(0) from its run config, docs/run-to-theory.md). */
const fig1 = runTheory(parseRunConfig(runPreset('fig1a')));

/** To 6 significant digits, as a field shows it (1/22 → 0.0454545). */
const shown = (x: number) => Number(x.toPrecision(6));

/** The paper's settings. */
export const PRESETS: Record<string, Preset> = {
  fig2: {
    label: 'Fig. 2: scaling laws',
    note: 'S = 1, R(0) = 0.01, η = 1 (§4, App. K.4); n_s = 10⁴ where the paper has 10⁵, to redraw at once',
    params: { alpha: 0.6, skills: 10_000, S: 1, r0: 0.01, eta: 1, N: 10_000, D: 1000, kappa: 1, ...FITTED },
  },
  fig3: {
    label: 'Fig. 3: compute',
    note: 'S = 5, R(0) = 0.01, η = 1 (§6, App. K.4); n_s = 10⁴ where the paper has 5·10⁴',
    params: { alpha: 0.6, skills: 10_000, S: 5, r0: 0.01, eta: 1, N: 1000, D: 10_000, kappa: 1, ...FITTED },
  },
  fig1: {
    label: 'Fig. 1: the network (extended model)',
    note: 'n_s = 5, α = 0.6, S = 5; η = 2·lr = 0.04 per step and R(0) = σ²/3.6 of the Fig. 1(a) run; the paper’s fits B² = 1/22, D_c = 800, N_c = 4 (§5)',
    params: {
      alpha: 0.6,
      skills: fig1.probs.length,
      S: fig1.S,
      r0: shown(fig1.r0),
      eta: fig1.eta,
      N: 20,
      D: 10_000,
      kappa: shown(fig1.B2),
      Dc: FITTED.Dc,
      Nc: FITTED.Nc,
    },
  },
};

export const DEFAULT_PRESET = 'fig2';

/** URL keys: the parameter names, n_s as `ns`. */
export function urlKey(key: ParamKey): string {
  return key === 'skills' ? 'ns' : key;
}

/** A problem with a parameter, said at its field. */
export interface ParamProblem {
  key: ParamKey | 'preset';
  message: string;
}

/** Checks across fields (R(0) < S), or null. */
export function crossCheck(params: TheoryParams): ParamProblem | null {
  if (params.r0 < params.S) return null;
  return { key: 'r0', message: `R(0) must be < S = ${params.S} (got ${params.r0})` };
}

/**
 * The state a link holds: a preset and the parameters that differ from it. Each malformed entry becomes a
 * problem at its field and falls back to the preset's value.
 */
export function paramsFromUrl(query: URLSearchParams): {
  preset: string;
  params: TheoryParams;
  problems: ParamProblem[];
} {
  const problems: ParamProblem[] = [];
  const asked = query.get('preset');
  let preset = DEFAULT_PRESET;
  if (asked !== null && asked in PRESETS) preset = asked;
  else if (asked !== null) {
    problems.push({
      key: 'preset',
      message: `preset in the link must be one of ${Object.keys(PRESETS).join(', ')} (got ${JSON.stringify(asked)}); using ${DEFAULT_PRESET}`,
    });
  }
  const params = { ...PRESETS[preset].params };
  for (const spec of PARAM_SPECS) {
    const text = query.get(urlKey(spec.key));
    if (text === null) continue;
    const value = parseNumber(text);
    if (spec.valid(value)) params[spec.key] = value;
    else {
      problems.push({
        key: spec.key,
        message: `${fieldError(spec.label, spec.allowed, text)} in the link; using ${params[spec.key]}`,
      });
    }
  }
  const cross = crossCheck(params);
  if (cross) {
    problems.push({ ...cross, message: `${cross.message} in the link; using the preset’s R(0) and S` });
    params.r0 = PRESETS[preset].params.r0;
    params.S = PRESETS[preset].params.S;
  }
  return { preset, params, problems };
}

/** The URL entries for a state: the preset, and each parameter only where it differs from the preset. */
export function paramsToUrl(preset: string, params: TheoryParams): Record<string, string | null> {
  const base = PRESETS[preset].params;
  const entries: Record<string, string | null> = { preset: preset === DEFAULT_PRESET ? null : preset };
  for (const { key } of PARAM_SPECS) {
    entries[urlKey(key)] = params[key] === base[key] ? null : String(params[key]);
  }
  return entries;
}
