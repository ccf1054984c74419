// The page's shell: three views behind tabs, the chosen one in the URL (?view=theory|train|results).

import './style.css';
import { showFieldMessage } from './fields.ts';
import { currentParams, setParams } from './url.ts';
import type { MountView, View, ViewContext } from './view.ts';
import { mountResults } from './views/results.ts';
import { mountTheory } from './views/theory.ts';
import { mountTrain } from './views/train.ts';

interface Tab {
  id: string;
  label: string;
  mount: MountView;
}

const TABS: Tab[] = [
  { id: 'theory', label: 'Theory', mount: mountTheory },
  { id: 'train', label: 'Train', mount: mountTrain },
  { id: 'results', label: 'Results', mount: mountResults },
];

const context: ViewContext = {
  get params() {
    return currentParams();
  },
  setParams,
};

const tablist = document.querySelector<HTMLElement>('.tabs')!;
const tabsMessage = document.querySelector<HTMLElement>('.tabs-message')!;
const container = document.querySelector<HTMLElement>('#views')!;

const buttons = TABS.map((tab) => {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = `tab-${tab.id}`;
  button.setAttribute('role', 'tab');
  button.setAttribute('aria-controls', `view-${tab.id}`);
  button.textContent = tab.label;
  button.addEventListener('click', () => select(tab.id));
  tablist.append(button);
  return button;
});
const panels = TABS.map((tab) => {
  const panel = document.createElement('section');
  panel.id = `view-${tab.id}`;
  panel.className = 'view';
  panel.setAttribute('role', 'tabpanel');
  panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
  panel.hidden = true;
  container.append(panel);
  return panel;
});

// Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern); Tab leaves the tab list.
tablist.addEventListener('keydown', (event) => {
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const moves: Record<string, number> = {
    ArrowRight: at + 1,
    ArrowLeft: at - 1,
    Home: 0,
    End: TABS.length - 1,
  };
  const to = moves[event.key];
  if (to === undefined) return;
  event.preventDefault();
  const next = (to + TABS.length) % TABS.length;
  select(TABS[next].id);
  buttons[next].focus();
});

/** Each view is mounted the first time it is shown. */
const mounted = new Map<string, View>();
let active: string | null = null;

function select(id: string): void {
  if (id === active) return;
  if (active !== null) mounted.get(active)?.hide();
  TABS.forEach((tab, i) => {
    const on = tab.id === id;
    buttons[i].setAttribute('aria-selected', String(on));
    buttons[i].tabIndex = on ? 0 : -1;
    panels[i].hidden = !on;
  });
  const index = TABS.findIndex((tab) => tab.id === id);
  let view = mounted.get(id);
  if (view === undefined) {
    view = TABS[index].mount(panels[index], context);
    mounted.set(id, view);
  }
  active = id;
  setParams({ view: id === TABS[0].id ? null : id });
  view.show();
}

const requested = currentParams().get('view');
const known = TABS.some((tab) => tab.id === requested);
if (requested !== null && !known) {
  showFieldMessage(
    tabsMessage,
    `view in the link must be one of ${TABS.map((t) => t.id).join(', ')} (got ${JSON.stringify(requested)}); showing ${TABS[0].id}`,
  );
}
select(known ? requested! : TABS[0].id);
