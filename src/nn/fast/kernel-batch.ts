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

/** Where a step's table rows, targets, evaluation outputs and samples (skills, packed bits) are in kernel memory. */
export interface BatchAddresses {
  readonly rowIdx: number;
  readonly targets: number;
  readonly outputs: number;
  readonly skill: number;
  readonly bits: number;
  /** 32-bit words of packed bits per sample. */
  readonly words: number;
}

/**
 * A step's batch as the kernels read it: each sample's table rows (byte offsets into the tables) and its
 * target, in kernel memory, cut into chunks, and where an evaluation's outputs go. Thread 0 prepares them;
 * thread 1 is told their addresses (and may compute the table rows of its part).
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
  /** Targets, when the caller's do not live in kernel memory. */
  private targets = new Float32Array(0);
  /** An evaluation's outputs, sample-major (both threads write theirs here). */
  private output = new Float32Array(0);
  /** Where the step's batch is (its targets: the caller's array when it lives in kernel memory, else a copy). */
  private at: BatchAddresses = { rowIdx: 0, targets: 0, outputs: 0, skill: 0, bits: 0, words: 0 };
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

  /**
   * `batch` and its targets into kernel memory, and room for its table rows (those of padding samples point
   * at entry 0) and outputs; `tableRows` fills in the rows.
   */
  prepare(batch: CompactBatch, targets: Float32Array | null): void {
    const { heap } = this.kernels;
    this.reserve(batch.size);
    this.rowIdx.fill(0, batch.size * this.rows);
    const { skill, bits } = this.stage(batch);
    if (targets && !heap.holds(targets)) this.targets.set(targets.subarray(0, batch.size));
    this.at = {
      rowIdx: this.rowIdx.byteOffset,
      targets: targets && heap.holds(targets) ? targets.byteOffset : this.targets.byteOffset,
      outputs: this.output.byteOffset,
      skill,
      bits,
      words: batch.words,
    };
  }

  /**
   * Room for batches of up to `size` samples (`prepare` makes it when needed; reserving it up front keeps a
   * thread whose heap must not allocate any more from doing so).
   */
  reserve(size: number): void {
    const need = roundUp(size, this.chunk) * this.rows;
    if (this.rowIdx.length >= need) return;
    const { heap } = this.kernels;
    this.rowIdx = heap.array(Int32Array, need);
    this.targets = heap.array(Float32Array, need / this.rows);
    this.output = heap.array(Float32Array, (need / this.rows) * this.outputs);
  }

  /** The table rows of `part` of the prepared batch. */
  tableRows(part: BatchPart): void {
    const { skill, bits, words, rowIdx } = this.at;
    this.kernels.calls.tableRows({
      skill: skill + part.start * 4,
      bits: bits + part.start * words * 4,
      words,
      samples: part.end - part.start,
      table: this.groups,
      rowBytes: this.rowBytes,
      rowIdx: rowIdx + part.start * this.rows * 4,
    });
  }

  /** Where `prepare` put the step's samples, table rows, targets and outputs. */
  get addresses(): BatchAddresses {
    return this.at;
  }

  /** Thread 1: the step's samples, table rows, targets and outputs are where thread 0 prepared them. */
  locate(addresses: BatchAddresses): void {
    this.at = addresses;
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
      rowIdx: this.at.rowIdx + start * this.rows * 4,
      targets: this.at.targets + start * 4,
      outputs: this.at.outputs + start * this.outputs * 4,
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
