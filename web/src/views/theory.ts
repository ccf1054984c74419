// The theory explorer: the model's parameters in a form (presets from the paper, each value in the URL), and
// every figure of web/src/theory redrawn on each edit. A bad value shows its message at the field and the
// last good figures stay.

import { type NumberField, numberField, showFieldMessage } from '../fields.ts';
import { type Chart, chart } from '../plots.ts';
import { lossPlot, strengthPlot } from '../theory/charts.ts';
import { theoryFigures } from '../theory/model.ts';
import {
  crossCheck,
  PARAM_SPECS,
  type ParamKey,
  PRESETS,
  paramsFromUrl,
  paramsToUrl,
  type TheoryParams,
} from '../theory/params.ts';
import { renderExponents } from '../theory/table.ts';
import type { MountView } from '../view.ts';

type ChartId =
  | 'strength-time'
  | 'strength-data'
  | 'strength-params'
  | 'loss-time'
  | 'loss-data'
  | 'loss-params'
  | 'loss-compute';

const CHARTS: Record<ChartId, string> = {
  'strength-time': 'R_k/S against T (Eq. 14)',
  'strength-data': 'R_k/S against D: the D_c-shot learner (Eq. 17)',
  'strength-params': 'R_k/S against N: N_c functions per skill (Eq. 21)',
  'loss-time': 'L against T, D → ∞ (Eq. 12)',
  'loss-data': 'L against D, T → ∞ (Eq. 274)',
  'loss-params': 'L against N, T and D → ∞ (Eq. 325)',
  'loss-compute': 'L against C = T·N: widths and the compute frontier (§6)',
};

/** Builds the form: the preset menu, the plain model's fields, then the extended model's. */
function form(root: HTMLElement, onPreset: (name: string) => void, onEdit: () => void) {
  const element = document.createElement('form');
  element.className = 'theory-form';
  element.setAttribute('aria-label', 'Model parameters');
  element.addEventListener('submit', (event) => event.preventDefault());
  const presetField = document.createElement('div');
  presetField.className = 'field';
  const label = document.createElement('label');
  label.htmlFor = 'field-preset';
  label.textContent = 'preset';
  const select = document.createElement('select');
  select.id = 'field-preset';
  for (const [name, p] of Object.entries(PRESETS)) select.append(new Option(p.label, name));
  const presetNote = document.createElement('p');
  presetNote.className = 'field-note';
  const presetMessage = document.createElement('p');
  presetMessage.className = 'field-message';
  presetMessage.setAttribute('role', 'alert');
  presetMessage.hidden = true;
  presetField.append(label, select, presetNote, presetMessage);
  select.addEventListener('change', () => onPreset(select.value));
  const showNote = () => {
    presetNote.textContent = PRESETS[select.value].note;
  };

  const plain = document.createElement('fieldset');
  plain.append(Object.assign(document.createElement('legend'), { textContent: 'Multilinear model (§3)' }));
  const extended = document.createElement('fieldset');
  extended.append(Object.assign(document.createElement('legend'), { textContent: 'Extended model (§5)' }));
  const fields = {} as Record<ParamKey, NumberField>;
  for (const spec of PARAM_SPECS) {
    const field = numberField({ ...spec, name: spec.key, value: 0 }, onEdit);
    fields[spec.key] = field;
    (spec.extended ? extended : plain).append(field.root);
  }
  element.append(presetField, plain, extended);
  root.append(element);
  return { select, presetMessage, showNote, fields };
}

export const mountTheory: MountView = (root, ctx) => {
  const layout = document.createElement('div');
  layout.className = 'theory';
  const { select, presetMessage, showNote, fields } = form(layout, applyPreset, redraw);
  const main = document.createElement('div');
  main.className = 'theory-main';
  const table = document.createElement('table');
  table.className = 'exponents';
  const grid = document.createElement('div');
  grid.className = 'charts';
  const charts = {} as Record<ChartId, Chart>;
  for (const [id, title] of Object.entries(CHARTS) as [ChartId, string][]) {
    charts[id] = chart({ id, title });
    grid.append(charts[id].root);
  }
  main.append(table, grid);
  layout.append(main);
  root.append(layout);

  let preset = select.value;

  function setFields(params: TheoryParams): void {
    for (const spec of PARAM_SPECS) fields[spec.key].set(params[spec.key]);
  }

  function applyPreset(name: string): void {
    preset = name;
    showNote();
    showFieldMessage(presetMessage, null);
    setFields(PRESETS[name].params);
    redraw();
  }

  /** The fields' values, or null (each bad field showing its message). */
  function readParams(): TheoryParams | null {
    const values = {} as TheoryParams;
    let ok = true;
    for (const spec of PARAM_SPECS) {
      const value = fields[spec.key].read();
      if (value === null) ok = false;
      else values[spec.key] = value;
    }
    if (!ok) return null;
    const problem = crossCheck(values);
    if (problem) {
      fields[problem.key as ParamKey].message(problem.message);
      return null;
    }
    return values;
  }

  function redraw(): void {
    const params = readParams();
    if (params === null) return;
    const start = performance.now();
    const figures = theoryFigures(params);
    const computed = performance.now();
    charts['strength-time'].update(strengthPlot(figures.strengthTime, { label: 'T', log: true }));
    charts['strength-data'].update(strengthPlot(figures.strengthData, { label: 'D', log: true }));
    charts['strength-params'].update(strengthPlot(figures.strengthParams, { label: 'N' }));
    charts['loss-time'].update(lossPlot(figures.lossTime, { label: 'T' }, figures.laws.time, 'T'));
    charts['loss-data'].update(lossPlot(figures.lossData, { label: 'D' }, figures.laws.data, 'D'));
    charts['loss-params'].update(lossPlot(figures.lossParams, { label: 'N' }, figures.laws.params, 'N'));
    charts['loss-compute'].update(lossPlot(figures.lossCompute, { label: 'C' }, figures.laws.compute, 'C'));
    renderExponents(table, figures);
    ctx.setParams(paramsToUrl(preset, params));
    // The last redraw's cost, for the browser test's report.
    layout.dataset.computeMs = (computed - start).toFixed(1);
    layout.dataset.drawMs = (performance.now() - computed).toFixed(1);
  }

  // The link's state; each malformed entry is said at its field once the figures are drawn.
  const initial = paramsFromUrl(ctx.params);
  preset = initial.preset;
  select.value = preset;
  showNote();
  setFields(initial.params);
  redraw();
  for (const problem of initial.problems) {
    if (problem.key === 'preset') showFieldMessage(presetMessage, problem.message);
    else fields[problem.key].message(problem.message);
  }
  return { show: () => {}, hide: () => {} };
};
