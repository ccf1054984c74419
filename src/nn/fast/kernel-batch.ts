import type { TableGroups } from '../../kernels/calls.ts';
import type { Kernels } from '../../kernels/instantiate.ts';
import type { CompactBatch } from '../../task/batch.ts';
import { roundUp } from './kernel-layout.ts';
import type { BatchPart } from './protocol.ts';

/** Samples [start, start + samples) of a chunk: their table rows, targets and evaluation outputs in kernel memory. */
export interface ChunkSamples {
  readonly samples: number;
  readonly rowIdx: number;
  readonly targets: number;
  readonly outputs: number;
}

/** Where a step's table rows, targets and evaluation outputs start in kernel memory. */
export interface BatchAddresses {
  readonly rowIdx: number;
  readonly targets: number;
  readonly outputs: number;
}

/**
 * A step's batch as the kernels read it: each sample's table rows (byte offsets into the tables) and its
 * target, in kernel memory, cut into chunks, and where an evaluation's outputs go. Thread 0 prepares them;
 * thread 1 is told their addresses.
 */
export class KernelBatch {
  private readonly kernels: Kernels;
  private readonly groups: TableGroups;
  /** Table rows per sample. */
  private readonly rows: number;
  private readonly rowBytes: number;
  /** Network outputs per sample. */
  private readonly outputs: number;
  readonly chunk: number;
  private rowIdx = new Int32Array(0);
  /** Where the step's table rows are. */
  private rowIdxAt = 0;
  /** Where the step's targets are: the caller's array when it lives in kernel memory, else `targets`, a copy. */
  private targetsAt = 0;
  private targets = new Float32Array(0);
  /** An evaluation's outputs, sample-major (both threads write theirs here). */
  private output = new Float32Array(0);
  private outputAt = 0;
  /** A batch's skills and packed bits, copied into kernel memory unless they already live there. */
  private staged = { skill: new Int32Array(0), bits: new Uint32Array(0) };

  constructor(
    kernels: Kernels,
    groups: TableGroups,
    rows: number,
    rowBytes: number,
    outputs: number,
    chunk: number,
  ) {
    this.kernels = kernels;
    this.groups = groups;
    this.rows = rows;
    this.rowBytes = rowBytes;
    this.outputs = outputs;
    this.chunk = chunk;
  }

  /** Table rows and targets of `batch` into kernel memory (rows of padding samples point at entry 0). */
  prepare(batch: CompactBatch, targets: Float32Array | null): void {
    const { heap, calls } = this.kernels;
    const need = roundUp(batch.size, this.chunk) * this.rows;
    if (this.rowIdx.length < need) {
      this.rowIdx = heap.array(Int32Array, need);
      this.targets = heap.array(Float32Array, need / this.rows);
      this.output = heap.array(Float32Array, (need / this.rows) * this.outputs);
    }
    this.outputAt = this.output.byteOffset;
    this.rowIdx.fill(0, batch.size * this.rows);
    this.rowIdxAt = this.rowIdx.byteOffset;
    const { skill, bits } = this.stage(batch);
    calls.tableRows({
      skill,
      bits,
      words: batch.words,
      samples: batch.size,
      table: this.groups,
      rowBytes: this.rowBytes,
      rowIdx: this.rowIdxAt,
    });
    if (targets && heap.holds(targets)) this.targetsAt = targets.byteOffset;
    else {
      if (targets) this.targets.set(targets.subarray(0, batch.size));
      this.targetsAt = this.targets.byteOffset;
    }
  }

  /** Where `prepare` put the step's table rows, targets and outputs. */
  get addresses(): BatchAddresses {
    return { rowIdx: this.rowIdxAt, targets: this.targetsAt, outputs: this.outputAt };
  }

  /** Thread 1: the step's table rows, targets and outputs are where thread 0 prepared them. */
  locate({ rowIdx, targets, outputs }: BatchAddresses): void {
    this.rowIdxAt = rowIdx;
    this.targetsAt = targets;
    this.outputAt = outputs;
  }

  /** The outputs of the last evaluation, of n samples (n × outputs, row-major). */
  evaluated(n: number): Float32Array {
    return this.output.subarray(0, n * this.outputs);
  }

  /** How many chunks `part` of a batch has. */
  chunks(part: BatchPart): number {
    return Math.ceil((part.end - part.start) / this.chunk);
  }

  /** Chunk c of `part` of a batch. */
  chunkAt(c: number, part: BatchPart): ChunkSamples {
    const start = part.start + c * this.chunk;
    return {
      samples: Math.min(this.chunk, part.end - start),
      rowIdx: this.rowIdxAt + start * this.rows * 4,
      targets: this.targetsAt + start * 4,
      outputs: this.outputAt + start * this.outputs * 4,
    };
  }

  /** Kernel-memory addresses of the batch's skills and bits (copied in unless they are views of it already). */
  private stage(batch: CompactBatch): { skill: number; bits: number } {
    const { heap } = this.kernels;
    const bits = batch.bits.subarray(0, batch.size * batch.words);
    const skill = batch.skill.subarray(0, batch.size);
    if (heap.holds(skill) && heap.holds(bits)) return { skill: skill.byteOffset, bits: bits.byteOffset };
    if (this.staged.skill.length < skill.length || this.staged.bits.length < bits.length) {
      this.staged = {
        skill: heap.array(Int32Array, skill.length),
        bits: heap.array(Uint32Array, bits.length),
      };
    }
    this.staged.skill.set(skill);
    this.staged.bits.set(bits);
    return { skill: this.staged.skill.byteOffset, bits: this.staged.bits.byteOffset };
  }
}
