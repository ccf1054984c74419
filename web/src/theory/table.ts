// The exponents table: Table 4's laws with this setting's prefactors, beside the related models' exponents
// at the same α (src/theory/related.ts).

import { significant } from '../../../src/plot/guides.ts';
import type { TheoryFigures } from './model.ts';

const LAWS = ['time', 'data', 'params', 'compute'] as const;
const HEADINGS = ['model', 'time T', 'data D', 'parameters N', 'compute C'];

function cell(tag: 'td' | 'th', text: string, title?: string): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (title) element.title = title;
  return element;
}

/** Fills `table` with one row per model (L ∝ X^−exponent; — where a model gives none) and the prefactors. */
export function renderExponents(
  table: HTMLTableElement,
  figures: Pick<TheoryFigures, 'laws' | 'related'>,
): void {
  const head = document.createElement('tr');
  head.append(...HEADINGS.map((h) => cell('th', h)));
  const rows = figures.related.map((model) => {
    const row = document.createElement('tr');
    row.append(cell('th', model.model, `${model.reference}: ${model.mechanism}. ${model.note}`));
    for (const law of LAWS) {
      const e = model.exponents[law];
      row.append(cell('td', e === null ? '—' : e.toFixed(3)));
    }
    return row;
  });
  const prefactors = document.createElement('tr');
  prefactors.className = 'prefactors';
  prefactors.append(
    cell('th', 'prefactor A (Nam et al., n_s = ∞)', 'L ≈ A·X^−exponent: Eq. 321, Thm 5, Thm 1, Eq. 330'),
  );
  for (const law of LAWS) prefactors.append(cell('td', significant(figures.laws[law].prefactor)));
  const caption = document.createElement('caption');
  caption.textContent = 'Loss exponents e in L ∝ X^−e at this α (Table 4 and related work)';
  const body = document.createElement('tbody');
  body.append(...rows.slice(0, 1), prefactors, ...rows.slice(1));
  const thead = document.createElement('thead');
  thead.append(head);
  table.replaceChildren(caption, thead, body);
}
