// The reproducible theory figures, by id (§4, App. K.4).

import { fig2 } from './fig2.ts';
import { fig3 } from './fig3.ts';
import { fig5 } from './fig5.ts';
import { fig6 } from './fig6.ts';
import { fig7 } from './fig7.ts';
import { fig8 } from './fig8.ts';
import { fig9 } from './fig9.ts';
import { fig10 } from './fig10.ts';
import type { Figure, FigureId } from './figure.ts';

export { FIGURE_IDS, type Figure, type FigureId, type PanelData } from './figure.ts';
export { fig2, fig3, fig5, fig6, fig7, fig8, fig9, fig10 };

/** Each figure's builder: computes its curves from src/theory and returns data and spec. */
export const FIGURES: Record<FigureId, () => Figure> = { fig2, fig3, fig5, fig6, fig7, fig8, fig9, fig10 };
