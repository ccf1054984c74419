// Runs short enough to train in a browser tab in about a minute, each a shortened preset of the library.
import { parseRunConfig, type RunConfig } from '../../../src/experiment/config.ts';
import { mergeRunConfig, type PresetInput, preset } from '../../../src/experiment/presets.ts';

export interface BrowserPreset {
  description: string;
  /** The library preset it shortens. */
  base: string;
  overrides: PresetInput;
}

/** Fewer test samples than the paper's 20,000 per skill: an evaluation then costs a few training steps. */
const quickEvaluation = { perSkill: 4000, testPoints: 0 };

/** n_s = 5 at SGD lr 0.05 (2.5× the paper's) on fresh batches of 2000: the narrow networks' settings. */
const narrow = (width: number, steps: number): PresetInput => ({
  task: { skills: 5 },
  model: { width },
  optimizer: { lr: 0.05 },
  data: { batch: 2000 },
  steps,
  evaluation: { every: 25, ...quickEvaluation },
});

export const BROWSER_PRESETS: Record<string, BrowserPreset> = {
  small: {
    description:
      'n_s = 5, width 256, fresh batches of 2000, SGD lr 0.05, init 0.01, 2500 steps: skill 1 emerges within ' +
      'seconds, skill 2 later',
    base: 'fig1a',
    overrides: narrow(256, 2500),
  },
  medium: {
    description: 'n_s = 5, width 500, fresh batches of 2000, SGD lr 0.05, init 0.01, 3000 steps',
    base: 'fig1a',
    overrides: narrow(500, 3000),
  },
  fig1a: {
    description:
      "Fig. 1(a)'s run (width 1000, fresh batches of 4000, SGD lr 0.02, init 0.01) on n_s = 3 skills, 3000 steps: " +
      'skill 1 emerges near step 1000 (about a minute at 50–100 steps/s)',
    base: 'fig1a',
    overrides: { task: { skills: 3 }, steps: 3000, evaluation: { every: 50, ...quickEvaluation } },
  },
};

export const DEFAULT_PRESET = 'small';

/** The fields the Train view lets one change over a preset. */
export interface RunFields {
  skills: number;
  width: number;
  lr: number;
  steps: number;
  seed: number;
}

/** The preset's values of the editable fields. */
export function presetFields(name: string): RunFields {
  const config = browserRunConfig(name, {});
  return {
    skills: config.task.skills,
    width: config.model.width,
    lr: config.optimizer.lr,
    steps: config.steps,
    seed: config.seed,
  };
}

/**
 * The run config of preset `name` with `fields` over it, validated as `emergence train` validates one:
 * a bad field throws UsageError naming it (task.skills, model.width, optimizer.lr, steps, seed).
 */
export function browserRunConfig(name: string, fields: Partial<RunFields>): RunConfig {
  const chosen = BROWSER_PRESETS[name] ?? BROWSER_PRESETS[DEFAULT_PRESET];
  const { skills, width, lr, steps, seed } = fields;
  return parseRunConfig(
    mergeRunConfig(preset(chosen.base), chosen.overrides, {
      task: { skills },
      model: { width },
      optimizer: { lr },
      steps,
      seed,
    }),
  );
}
