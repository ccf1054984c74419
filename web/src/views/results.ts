// Results viewer: a run's curve.jsonl (with its config.json) or a sweep export (`emergence results export`,
// CSV or Parquet) opened from a file picker or dropped on the page; R_k/S per skill as mean ± std over seeds
// with the model beside it, B² fitted in the page on the n_s = 1 runs when there are any.
import '../train/views.css';
import { showFieldMessage } from '../fields.ts';
import { chart } from '../plots.ts';
import { groupBands, type RunGroup } from '../results/bands.ts';
import { viewerModel } from '../results/model.ts';
import type { InputFile, LoadedRun } from '../results/parse.ts';
import { skillPlot } from '../train/chart.ts';
import { type ModelPoint, modelCurves } from '../train/model.ts';
import type { MountView } from '../view.ts';

export const mountResults: MountView = (root) => {
  root.innerHTML = `
    <div class="results-layout">
      <div class="results-controls">
        <div class="drop-zone" id="results-drop">
          <p>Drop a run's <code>curve.jsonl</code> (and its <code>config.json</code>), or an export's
          <code>curves</code> and <code>runs</code> tables (CSV or Parquet), here</p>
          <label for="results-file">or choose files:</label>
          <input type="file" id="results-file" multiple accept=".csv,.parquet,.jsonl,.json">
        </div>
        <p class="field-message" id="results-message" role="alert" hidden></p>
        <p class="results-summary" id="results-summary">No results open.</p>
        <div class="field" id="results-group-field" hidden>
          <label for="results-group">runs</label><select id="results-group"></select>
        </div>
        <p class="model-note" id="results-model-note"></p>
      </div>
      <div class="results-chart"></div>
    </div>`;
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const drop = $('#results-drop');
  const input = $<HTMLInputElement>('#results-file');
  const message = $('#results-message');
  const summary = $('#results-summary');
  const groupField = $('#results-group-field');
  const groupSelect = $<HTMLSelectElement>('#results-group');
  const modelNote = $('#results-model-note');
  const plot = chart({
    id: 'results-skills',
    title: 'R_k/S against the step: mean ± std over seeds (solid, band), model (dashed)',
  });
  $('.results-chart').append(plot.root);

  let groups: RunGroup[] = [];
  let B2: number | undefined;
  let note = '';

  function drawGroup(): void {
    const group = groups[Number(groupSelect.value) || 0];
    if (!group) return;
    const steps = Math.max(0, ...group.stats.map((s) => s.x));
    const skills = Math.max(0, ...group.stats.map((s) => s.skill));
    let model: ModelPoint[] = [];
    let why = '';
    if (group.config) {
      try {
        model = modelCurves(group.config, steps, B2);
      } catch (e) {
        why = ` Not drawn for these runs: ${(e as Error).message}`;
      }
    }
    const measured = group.stats.map((s) => ({ skill: s.skill, step: s.x, R: s.mean, std: s.std }));
    plot.update(skillPlot(measured, model, skills, steps));
    const seeds = Math.max(0, ...group.stats.map((s) => s.runs));
    const runs = group.runIds.length;
    const perPoint = runs > 1 ? `${runs} runs (up to ${seeds} per point)` : '1 run';
    const which = groups.length > 1 ? `; group ${Number(groupSelect.value) + 1} of ${groups.length}` : '';
    summary.textContent = `${perPoint}, n_s = ${skills}, steps 0–${steps}${which}.`;
    modelNote.textContent = `${note}${why}`;
  }

  /** Reads the files; on success replaces the plot, else shows why and keeps the last good plot. */
  async function open(files: File[]): Promise<void> {
    let runs: LoadedRun[];
    try {
      const inputs: InputFile[] = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
      );
      // The parsers (and hyparquet) load with the first file opened, not with the page.
      const { readResultFiles } = await import('../results/parse.ts');
      runs = await readResultFiles(inputs);
    } catch (e) {
      showFieldMessage(message, (e as Error).message);
      return;
    }
    showFieldMessage(message, null);
    groups = groupBands(runs);
    const fitted = viewerModel(runs);
    B2 = fitted.B2;
    note = fitted.note;
    groupSelect.replaceChildren(...groups.map((g, i) => new Option(g.label || `group ${i + 1}`, String(i))));
    groupField.hidden = groups.length < 2;
    drawGroup();
  }

  input.addEventListener('change', () => {
    if (input.files?.length) void open([...input.files]);
    input.value = '';
  });
  groupSelect.addEventListener('change', drawGroup);
  // Files dropped anywhere on the view open (the browser would otherwise navigate to them).
  root.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
  root.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  root.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) void open(files);
  });

  return { show: () => {}, hide: () => {} };
};
