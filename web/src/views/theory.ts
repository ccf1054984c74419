import * as Plot from '@observablehq/plot';
import { zipfProbs } from '../../../src/task/zipf.ts';
import { skillStrengths } from '../../../src/theory/loss.ts';
import { numberField } from '../fields.ts';
import { chart } from '../plots.ts';
import type { MountView } from '../view.ts';

/** The theory explorer (first cut): R_k/S against T for five Zipf skills (Eq. 11). */
export const mountTheory: MountView = (root, ctx) => {
  const alpha = numberField(
    {
      name: 'alpha',
      label: 'α',
      description: 'Zipf exponent: P_s(k) ∝ k^−(α+1)',
      allowed: 'a number > 0',
      valid: (v) => v > 0 && Number.isFinite(v),
      step: 0.1,
      value: Number(ctx.params.get('alpha') ?? 0.6),
    },
    redraw,
  );
  const strength = chart({ id: 'strength-time', title: 'R_k/S against T (Eq. 11)' });
  root.append(alpha.root, strength.root);
  function redraw(): void {
    const a = alpha.read();
    if (a === null) return;
    ctx.setParams({ alpha: String(a) });
    const probs = zipfProbs(5, a);
    const times = Array.from({ length: 80 }, (_, i) => 10 ** (i / 20));
    const rows = times.flatMap((T) => [...skillStrengths(T, { probs })].map((R, k) => ({ T, R, k: k + 1 })));
    strength.update({
      x: { type: 'log', label: 'T' },
      y: { domain: [0, 1], label: 'R_k/S' },
      marks: [Plot.line(rows, { x: 'T', y: 'R', z: 'k', stroke: 'k' })],
    });
  }
  redraw();
  return { show: () => {}, hide: () => {} };
};
