// Train in the browser: a short run of a preset trained by the WASM kernels in a Web Worker, its R_k/S per
// skill drawn live over the model's prediction for the run's settings (Eq. 14, docs/run-to-theory.md).
import '../train/views.css';
import type { RunConfig } from '../../../src/experiment/config.ts';
import { predictedStep, runTheory } from '../../../src/experiment/prediction.ts';
import type { CurvePoint } from '../../../src/experiment/progress.ts';
import { type NumberField, numberField, showFieldMessage } from '../fields.ts';
import { chart } from '../plots.ts';
import { skillPlot } from '../train/chart.ts';
import { TrainingClient } from '../train/client.ts';
import { modelCurves } from '../train/model.ts';
import {
  BROWSER_PRESETS,
  browserRunConfig,
  DEFAULT_PRESET,
  presetFields,
  type RunFields,
} from '../train/presets.ts';
import type { FromWorker } from '../train/protocol.ts';
import type { MountView } from '../view.ts';

type State = 'idle' | 'running' | 'paused' | 'completed';

const FIELDS: {
  key: keyof RunFields;
  label: string;
  description: string;
  allowed: string;
  integer: boolean;
}[] = [
  {
    key: 'skills',
    label: 'n_s',
    description: 'number of skills',
    allowed: 'an integer from 1 to 10',
    integer: true,
  },
  {
    key: 'width',
    label: 'width',
    description: 'hidden units',
    allowed: 'an integer from 1 to 4000',
    integer: true,
  },
  { key: 'lr', label: 'lr', description: 'SGD learning rate', allowed: 'a number > 0', integer: false },
  {
    key: 'steps',
    label: 'steps',
    description: 'optimiser steps',
    allowed: 'an integer from 1 to 100000',
    integer: true,
  },
  {
    key: 'seed',
    label: 'seed',
    description: 'seed of masks, init, data and test sets',
    allowed: 'an integer ≥ 0',
    integer: true,
  },
];

const LIMITS: Record<keyof RunFields, (v: number) => boolean> = {
  skills: (v) => Number.isInteger(v) && v >= 1 && v <= 10,
  width: (v) => Number.isInteger(v) && v >= 1 && v <= 4000,
  lr: (v) => Number.isFinite(v) && v > 0,
  steps: (v) => Number.isInteger(v) && v >= 1 && v <= 100_000,
  seed: (v) => Number.isInteger(v) && v >= 0,
};

export const mountTrain: MountView = (root, ctx) => {
  root.innerHTML = `
    <div class="train-layout">
      <form class="train-controls" novalidate>
        <div class="field"><label for="train-preset">preset</label><select id="train-preset"></select></div>
        <p class="preset-description"></p>
        <div class="train-fields"></div>
        <p class="field-message" id="train-message" role="alert" hidden></p>
        <div class="train-buttons">
          <button type="button" id="train-start">Start</button>
          <button type="button" id="train-pause" disabled>Pause</button>
          <button type="button" id="train-reset" disabled>Reset</button>
        </div>
        <p id="train-status" aria-live="polite">Not started.</p>
        <p class="model-note" id="train-model-note"></p>
        <table class="t50-table" id="train-t50"></table>
      </form>
      <div class="train-chart"></div>
    </div>`;
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const presetSelect = $<HTMLSelectElement>('#train-preset');
  const description = $('.preset-description');
  const message = $('#train-message');
  const startButton = $<HTMLButtonElement>('#train-start');
  const pauseButton = $<HTMLButtonElement>('#train-pause');
  const resetButton = $<HTMLButtonElement>('#train-reset');
  const status = $('#train-status');
  const modelNote = $('#train-model-note');
  const t50Table = $<HTMLTableElement>('#train-t50');
  const plot = chart({
    id: 'train-skills',
    title: 'R_k/S against the step: network (solid), model (dashed)',
  });
  $('.train-chart').append(plot.root);

  for (const name of Object.keys(BROWSER_PRESETS)) presetSelect.add(new Option(name, name));
  const initialPreset = ctx.params.get('train-preset') ?? DEFAULT_PRESET;
  presetSelect.value = initialPreset in BROWSER_PRESETS ? initialPreset : DEFAULT_PRESET;

  const fields = new Map<keyof RunFields, NumberField>();
  for (const f of FIELDS) {
    const field = numberField(
      {
        name: `train-${f.key}`,
        label: f.label,
        description: f.description,
        allowed: f.allowed,
        valid: LIMITS[f.key],
        step: f.key === 'lr' ? 0.01 : 1,
        value: 0,
      },
      () => onFieldChange(),
    );
    fields.set(f.key, field);
    $('.train-fields').append(field.root);
  }

  let config: RunConfig | null = null;
  let state: State = 'idle';
  let curve: CurvePoint[] = [];
  let runConfig: RunConfig | null = null;
  const client = new TrainingClient(onMessage);

  /** The fields' values (null where one is not allowed: its message shows). */
  const readFields = (): Partial<RunFields> | null => {
    const values: Partial<RunFields> = {};
    let ok = true;
    for (const [key, field] of fields) {
      const v = field.read();
      if (v === null) ok = false;
      else values[key] = v;
    }
    return ok ? values : null;
  };

  function loadPreset(fromUrl: boolean): void {
    const name = presetSelect.value;
    description.textContent = BROWSER_PRESETS[name].description;
    const defaults = presetFields(name);
    for (const [key, field] of fields) {
      field.set(defaults[key]);
      // A link's value goes in as typed, so a bad one is quoted back in the field's message.
      const fromLink = fromUrl ? ctx.params.get(`train-${key}`) : null;
      if (fromLink !== null) field.input.value = fromLink;
    }
    onFieldChange();
  }

  function onFieldChange(): void {
    const values = readFields();
    if (!values) {
      config = null;
      updateButtons();
      return;
    }
    try {
      config = browserRunConfig(presetSelect.value, values);
      showFieldMessage(message, null);
      ctx.setParams({
        'train-preset': presetSelect.value,
        ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`train-${k}`, String(v)])),
      });
    } catch (e) {
      config = null;
      showFieldMessage(message, (e as Error).message);
    }
    if (state === 'idle') draw(config);
    updateButtons();
  }

  function updateButtons(): void {
    startButton.disabled = config === null || state === 'running';
    startButton.textContent = state === 'idle' ? 'Start' : 'Restart';
    pauseButton.disabled = state !== 'running' && state !== 'paused';
    pauseButton.textContent = state === 'paused' ? 'Resume' : 'Pause';
    resetButton.disabled = state === 'idle';
  }

  /** The chart and the t₅₀ table for `shown` (the running run's config, or the form's before a start). */
  function draw(shown: RunConfig | null): void {
    if (!shown) return;
    const skills = shown.task.skills;
    let model: ReturnType<typeof modelCurves> = [];
    let predicted: (number | null)[] = Array(skills).fill(null);
    try {
      model = modelCurves(shown, shown.steps);
      const theory = runTheory(shown);
      predicted = Array.from({ length: skills }, (_, i) => predictedStep(theory, i + 1, 0.5));
      modelNote.textContent =
        'Model: Eq. 14 for these settings with the paper’s B² = 1/22 and R_k(0) = σ²/3.6 (docs/run-to-theory.md).';
    } catch (e) {
      modelNote.textContent = `No model curve: ${(e as Error).message}`;
    }
    const measured = curve.flatMap((p) => p.R.map((R, k) => ({ skill: k + 1, step: p.step, R })));
    plot.update(skillPlot(measured, model, skills, shown.steps));
    const reached = Array.from({ length: skills }, (_, k) => curve.find((p) => p.R[k] >= 0.5)?.step ?? null);
    t50Table.innerHTML =
      '<caption>Step where R_k/S first reaches ½</caption><tr><th>k</th><th>model</th><th>network</th></tr>' +
      predicted
        .map(
          (t, k) =>
            `<tr><td>${k + 1}</td><td>${t === null ? '–' : Math.round(t)}</td><td>${reached[k] ?? '–'}</td></tr>`,
        )
        .join('');
  }

  function onMessage(msg: FromWorker): void {
    if (msg.type === 'error') {
      showFieldMessage(message, msg.message);
      if (state === 'running') state = 'paused';
      updateButtons();
      return;
    }
    curve.push(...msg.points);
    state = msg.state;
    const rate = msg.stepsPerSecond > 0 ? ` · ${Math.round(msg.stepsPerSecond)} steps/s` : '';
    status.textContent = `${msg.state === 'completed' ? 'Done' : msg.state === 'paused' ? 'Paused' : 'Training'}: step ${msg.step} of ${msg.steps}${rate} · ${msg.kernels} kernels`;
    status.dataset.step = String(msg.step);
    status.dataset.state = msg.state;
    draw(runConfig);
    updateButtons();
  }

  startButton.addEventListener('click', () => {
    if (!config) return;
    runConfig = config;
    curve = [];
    state = 'running';
    status.textContent = 'Starting…';
    showFieldMessage(message, null);
    client.start(config);
    draw(runConfig);
    updateButtons();
  });
  pauseButton.addEventListener('click', () => {
    if (state === 'running') client.pause();
    else if (state === 'paused') {
      client.resume();
      state = 'running';
      updateButtons();
    }
  });
  resetButton.addEventListener('click', () => {
    client.reset();
    state = 'idle';
    curve = [];
    runConfig = null;
    status.textContent = 'Not started.';
    delete status.dataset.step;
    delete status.dataset.state;
    draw(config);
    updateButtons();
  });
  presetSelect.addEventListener('change', () => loadPreset(false));
  loadPreset(true);
  if (!(initialPreset in BROWSER_PRESETS)) {
    const names = Object.keys(BROWSER_PRESETS).join(', ');
    showFieldMessage(
      message,
      `train-preset in the link must be one of ${names} (got "${initialPreset}"); using ${DEFAULT_PRESET}`,
    );
  }

  return { show: () => {}, hide: () => {} };
};
