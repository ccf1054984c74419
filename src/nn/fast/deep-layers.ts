import type { KernelCalls } from '../../kernels/calls.ts';
import type { ModelSpec } from '../config.ts';
import type { ChunkSamples } from './kernel-batch.ts';
import { addressOf, type KernelLayout, roundUp } from './kernel-layout.ts';
import type { NetworkMemory } from './kernel-memory.ts';
import type { KernelTables } from './kernel-tables.ts';
import type { Head } from './output-head.ts';

/**
 * A deeper network's chunk (depth > 2, one thread): the first layer from the tables, the dense hidden layers
 * and the output layer's partial sums forward; backward from the loss gradient `dOut` through the output
 * and dense layers into their gradients, and into the table buckets. Samples are padded to a multiple of 4.
 */
export class DeepLayers {
  private readonly calls: KernelCalls;
  private readonly model: ModelSpec;
  private readonly layout: KernelLayout;
  private readonly memory: NetworkMemory;
  private readonly tables: KernelTables;
  /** Table rows per sample. */
  private readonly rows: number;

  constructor(
    calls: KernelCalls,
    model: ModelSpec,
    layout: KernelLayout,
    memory: NetworkMemory,
    tables: KernelTables,
    rows: number,
  ) {
    this.calls = calls;
    this.model = model;
    this.layout = layout;
    this.memory = memory;
    this.tables = tables;
    this.rows = rows;
  }

  /** The chunk's activations, and its output sums (without the bias) into `memory.partial`. */
  forward({ samples, rowIdx }: ChunkSamples, head: Head): void {
    const { calls, model, rows } = this;
    const { width } = this.layout;
    const { params, partial } = this.memory;
    const padded = roundUp(samples, 4);
    const A = this.memory.acts.map((a) => a.byteOffset);
    const columns = { start: 0, end: width };
    calls.firstLayer({
      rowIdx,
      rows,
      samples: padded,
      tables: this.tables.address,
      width,
      columns,
      realWidth: model.width,
      activation: model.activation,
      A: A[0],
      wOut: 0,
      outputs: 0,
      partial: 0,
    });
    for (let l = 1; l < A.length; l++) {
      const { w, b } = this.layout.layers[l];
      calls.denseForward({
        Ain: A[l - 1],
        samples: padded,
        widthIn: width,
        realIn: model.width,
        W: addressOf(params, w),
        bias: addressOf(params, b),
        widthOut: width,
        realOut: model.width,
        activation: model.activation,
        Aout: A[l],
      });
    }
    const { outputs, wOut } = head;
    calls.outputDot({
      A: A[A.length - 1],
      samples: padded,
      width,
      columns,
      wOut,
      outputs,
      partial: partial.byteOffset,
    });
  }

  /** After `forward` and the loss gradient: the chunk's gradients, accumulated. */
  backward({ samples, rowIdx }: ChunkSamples, head: Head): void {
    const { calls, model, rows } = this;
    const { width } = this.layout;
    const { params, grads, dOut } = this.memory;
    const padded = roundUp(samples, 4);
    const A = this.memory.acts.map((a) => a.byteOffset);
    const dZ = this.memory.dZ.map((z) => z.byteOffset);
    const last = A.length - 1;
    const { outputs, wOut, dWOut } = head;
    calls.outputBackward({
      A: A[last],
      samples: padded,
      width,
      activation: model.activation,
      wOut,
      outputs,
      dOut: dOut.byteOffset,
      dWOut,
      dZ: dZ[last],
    });
    for (let l = last; l >= 1; l--) {
      const { w, b } = this.layout.layers[l];
      calls.denseBackward({
        Ain: A[l - 1],
        samples: padded,
        widthIn: width,
        realIn: model.width,
        activationIn: model.activation,
        W: addressOf(params, w),
        widthOut: width,
        dZ: dZ[l],
        dW: addressOf(grads, w),
        dBias: addressOf(grads, b),
        dZin: dZ[l - 1],
      });
    }
    calls.scatterRows({
      dZ: dZ[0],
      rowIdx,
      rows,
      samples: padded,
      width,
      buckets: this.tables.bucketsAddress,
    });
  }
}
