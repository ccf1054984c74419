import type { Rng } from '../task/rng.ts';
import type { ModelSpec } from './config.ts';
import type { ParamLayout, Params } from './layout.ts';

/**
 * Fills `out` with initial parameters drawn from `rng`, layer by layer, W in storage order then b:
 * 'normal' draws every weight and bias from N(0, initStd²) (the authors' `FCN`); 'pytorch' draws W and b
 * from U(−1/√fanIn, 1/√fanIn), nn.Linear's default (its kaiming_uniform with a = √5 has the same bound).
 */
export function initParams<T extends Params = Float32Array>(
  layout: ParamLayout,
  model: Pick<ModelSpec, 'init' | 'initStd'>,
  rng: Rng,
  out: T = new Float32Array(layout.size) as T,
): T {
  if (out.length !== layout.size)
    throw new RangeError(`out has ${out.length} entries, expected ${layout.size}`);
  for (const { w, b, fanIn, fanOut } of layout.layers) {
    const bound = 1 / Math.sqrt(fanIn);
    const draw =
      model.init === 'normal' ? () => model.initStd * rng.normal() : () => bound * (2 * rng.uniform() - 1);
    for (let i = 0; i < fanIn * fanOut; i++) out[w + i] = draw();
    for (let o = 0; o < fanOut; o++) out[b + o] = draw();
  }
  return out;
}
