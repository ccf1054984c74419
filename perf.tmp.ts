import { theoryFigures } from './web/src/theory/model.ts';
import { PRESETS } from './web/src/theory/params.ts';
const p = PRESETS.fig2.params;
for (let i = 0; i < 5; i++) theoryFigures({ ...p, alpha: 0.5 + i / 100 });
const ms: number[] = [];
for (let i = 0; i < 20; i++) { const t = performance.now(); theoryFigures({ ...p, alpha: 0.3 + 0.03 * i }); ms.push(performance.now() - t); }
console.log(ms.map((m) => m.toFixed(0)).join(' '));
