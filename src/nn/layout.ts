import type { ModelSpec } from './config.ts';

/** A flat parameter array in a ParamLayout: float32 for training, float64 for gradient checks. */
export type Params = Float32Array | Float64Array;

/** One linear layer's place in the flat parameter array. */
export interface LinearLayer {
  /** Offset of W, stored input-major [fanIn × fanOut]: W[i][o] at w + i·fanOut + o. */
  readonly w: number;
  /** Offset of the bias [fanOut]. */
  readonly b: number;
  readonly fanIn: number;
  readonly fanOut: number;
}

/**
 * Where every parameter lives in ONE flat array: per linear layer, W (input-major, so input i's fan-out is a
 * contiguous row: the binary-input kernels add whole rows) then b. The first layer's inputs are the dense
 * network input, n_s control bits then n_b task bits (src/task/labels.ts `denseInputs`).
 */
export interface ParamLayout {
  readonly inputs: number;
  /** 1 for the mse losses, 2 logits for ce. */
  readonly outputs: number;
  readonly layers: readonly LinearLayer[];
  /** Total number of parameters. */
  readonly size: number;
}

/** The layout of an MLP with `model.depth` linear layers on `inputs` inputs. */
export function paramLayout(inputs: number, model: Pick<ModelSpec, 'width' | 'depth' | 'loss'>): ParamLayout {
  const outputs = model.loss === 'ce' ? 2 : 1;
  const fans = [inputs, ...Array<number>(model.depth - 1).fill(model.width), outputs];
  const layers: LinearLayer[] = [];
  let at = 0;
  for (let l = 0; l < model.depth; l++) {
    const fanIn = fans[l];
    const fanOut = fans[l + 1];
    layers.push({ w: at, b: at + fanIn * fanOut, fanIn, fanOut });
    at += (fanIn + 1) * fanOut;
  }
  return { inputs, outputs, layers, size: at };
}
