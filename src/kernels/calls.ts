// The kernels as TypeScript calls them: one object of named fields per call instead of up to 13 positional
// numbers, which a call site could swap without any type error. Each wrapper passes the fields on in the
// export's order (src/kernels/instantiate.ts KernelExports) and translates names to the kernels' codes.
import type { Activation } from '../nn/config.ts';
import type { KernelExports } from './instantiate.ts';

/** A byte offset into the kernels' memory. */
type Ptr = number;

/** The kernels' activation codes (src/kernels/assembly/simd.ts). */
const ACTIVATION_CODE: Record<Activation, number> = { relu: 0, tanh: 1, sigmoid: 2 };

/** The kernels' loss codes (src/kernels/assembly/mlp.ts); 'ce-difference' is ce from the single output z1 − z0. */
const LOSS_CODE = { mse: 0, 'mse-half': 1, ce: 2, 'ce-difference': 3 } as const;
export type KernelLoss = keyof typeof LOSS_CODE;

/** Hidden units [start, end) of a padded layer: the columns a call (one thread's share) works on. */
export interface Columns {
  readonly start: number;
  readonly end: number;
}

/** A table plan's tree in kernel memory (src/nn/fast/tables.ts TablePlan): its size and three arrays. */
export interface TableTree {
  readonly entries: number;
  readonly parent: Ptr;
  readonly addRow: Ptr;
  readonly fromBias: Ptr;
}

/** A table plan's groups in kernel memory, what `tableRows` needs to find each sample's entries. */
export interface TableGroups {
  readonly groups: number;
  readonly groupBits: number;
  readonly groupBase: Ptr;
  readonly groupWidth: Ptr;
  /** The group whose table holds the control row (and bias), or −1: the control has a table of its own. */
  readonly foldGroup: number;
  readonly controlBase: number;
}

/** Each sample's table rows: `rows` byte offsets per sample from `rowIdx` (see `tableRows`). */
interface SampleRows {
  readonly rowIdx: Ptr;
  readonly rows: number;
  readonly samples: number;
}

export interface BuildTablesCall {
  tables: Ptr;
  tree: TableTree;
  weights: Ptr;
  bias: Ptr;
  width: number;
  columns: Columns;
}

export interface ReduceTablesCall {
  /** dL/d(entry) rows, the scattered hidden gradients; left zero on `columns`. */
  buckets: Ptr;
  tree: TableTree;
  dWeights: Ptr;
  dBias: Ptr;
  width: number;
  columns: Columns;
}

export interface TableRowsCall {
  skill: Ptr;
  bits: Ptr;
  words: number;
  samples: number;
  table: TableGroups;
  rowBytes: number;
  rowIdx: Ptr;
}

export interface SampleOnlineCall {
  /** The xoshiro128** state (four u32), advanced in place. */
  state: Ptr;
  samples: number;
  skills: number;
  threshold: Ptr;
  alias: Ptr;
  words: number;
  /** Mask of the task bits in each sample's last word. */
  keep: number;
  scratch: Ptr;
  skill: Ptr;
  bits: Ptr;
}

export interface BatchTargetsCall {
  skill: Ptr;
  bits: Ptr;
  words: number;
  samples: number;
  masks: Ptr;
  /** ±S labels; false: the parity class (0 even, 1 odd). */
  plusMinus: boolean;
  S: number;
  out: Ptr;
}

export interface FirstLayerCall extends SampleRows {
  tables: Ptr;
  width: number;
  columns: Columns;
  realWidth: number;
  activation: Activation;
  /** Activations out (0: not kept). */
  A: Ptr;
  /** The fused output layer (outputs 0: none). */
  wOut: Ptr;
  outputs: number;
  partial: Ptr;
  /** Units per register block (default 16; 32 reads each sample's row indices half as often, at most one output). */
  block?: 16 | 32;
}

export interface OutputDotCall {
  A: Ptr;
  samples: number;
  width: number;
  columns: Columns;
  wOut: Ptr;
  outputs: number;
  partial: Ptr;
}

/** The loss over a chunk from its output sums: lossGrad's and membersLossGrad's common fields. */
interface ChunkLoss {
  samples: number;
  padded: number;
  /** The output biases (membersLossGrad: one per member). */
  bOut: Ptr;
  targets: Ptr;
  loss: KernelLoss;
  /** 1/batch for a training step's mean loss. */
  scale: number;
  out: Ptr;
  /** The loss gradient (0: evaluation, none). */
  dOut: Ptr;
  dBOut: Ptr;
}

export interface LossGradCall extends ChunkLoss {
  /** `parts` partial output sums (one per thread), `partStride` floats apart. */
  partial: Ptr;
  parts: number;
  partStride: number;
  outputs: number;
}

/**
 * oneHiddenBackward's loop order (src/kernels/assembly/mlp.ts): a block of units over the samples, a sample at a
 * time, or a block of units at a time with each table row's samples summed before it is updated ('gather').
 */
export type BackwardOrder = 'columns' | 'rows' | 'gather';
const ORDER_CODE: Record<BackwardOrder, number> = { columns: 0, rows: 1, gather: 2 };

export interface OneHiddenBackwardCall extends SampleRows {
  width: number;
  columns: Columns;
  activation: Activation;
  A: Ptr;
  wOut: Ptr;
  outputs: number;
  dOut: Ptr;
  dWOut: Ptr;
  buckets: Ptr;
  /** With 'rows' the chunk's activations A are overwritten. */
  order: BackwardOrder;
  /**
   * 'gather': the tables' rows, and room for entries + 1 + samples·rows int32 (the chunk sorted by row) and then
   * samples·32 float32 on a 16-byte boundary (a block of hidden gradients).
   */
  entries: number;
  scratch: Ptr;
}

export interface OutputBackwardCall {
  A: Ptr;
  samples: number;
  width: number;
  activation: Activation;
  wOut: Ptr;
  outputs: number;
  dOut: Ptr;
  dWOut: Ptr;
  dZ: Ptr;
}

export interface ScatterRowsCall extends SampleRows {
  dZ: Ptr;
  width: number;
  buckets: Ptr;
}

export interface DenseForwardCall {
  Ain: Ptr;
  samples: number;
  widthIn: number;
  realIn: number;
  W: Ptr;
  bias: Ptr;
  widthOut: number;
  realOut: number;
  activation: Activation;
  Aout: Ptr;
}

export interface DenseBackwardCall {
  Ain: Ptr;
  samples: number;
  widthIn: number;
  realIn: number;
  /** The activation that produced Ain. */
  activationIn: Activation;
  W: Ptr;
  widthOut: number;
  dZ: Ptr;
  dW: Ptr;
  dBias: Ptr;
  dZin: Ptr;
}

/** An update of `count` floats (a multiple of 4) of the flat parameters and their gradient. */
interface FlatUpdate {
  params: Ptr;
  grads: Ptr;
  count: number;
  lr: number;
  weightDecay: number;
}

export interface SgdStepCall extends FlatUpdate {
  /** The momentum buffer (unused when momentum is 0). */
  buffer: Ptr;
  momentum: number;
}

export interface AdamStepCall extends FlatUpdate {
  m: Ptr;
  v: Ptr;
  beta1: number;
  beta2: number;
  eps: number;
  /** AdamW's decoupled weight decay; false: L2 added to the gradient (Adam). */
  decoupled: boolean;
  /** Bias corrections 1 − β1^t and 1 − β2^t. */
  bc1: number;
  bc2: number;
}

/** A packed ensemble's members (src/kernels/assembly/ensemble.ts): member m's values of a chunk at m·stride. */
interface Members {
  members: number;
  /** Floats between one member's values of a chunk and the next's. */
  stride: number;
}

export interface MemberOutputsCall extends Members {
  A: Ptr;
  samples: number;
  width: number;
  /** members + 1 vector indices: member m's units are the 4-unit vectors [vecStart[m], vecStart[m + 1]). */
  vecStart: Ptr;
  wOut: Ptr;
  partial: Ptr;
}

export interface MembersLossGradCall extends Members, ChunkLoss {
  partial: Ptr;
  /** One f64 per member, accumulating its summed loss. */
  losses: Ptr;
}

export interface PackedBackwardCall extends SampleRows {
  width: number;
  activation: Activation;
  A: Ptr;
  wOut: Ptr;
  /** The member of each 4-unit vector (width / 4 entries). */
  vecMember: Ptr;
  dOut: Ptr;
  stride: number;
  dWOut: Ptr;
  buckets: Ptr;
}

/** A flat update at a learning rate per parameter, `rates` (f32, `count` of them). */
type RatesUpdate<T extends FlatUpdate> = Omit<T, 'lr'> & { rates: Ptr };
export type SgdStepRatesCall = RatesUpdate<SgdStepCall>;
export type AdamStepRatesCall = RatesUpdate<AdamStepCall>;

/** The positional arguments of adamStep (rate: lr) or adamStepRates (rate: the rates pointer). */
function adamArgs(a: Omit<AdamStepCall, 'lr'>, rate: number): Parameters<KernelExports['adamStep']> {
  const { params, grads, m, v, count, beta1, beta2, eps, weightDecay, decoupled, bc1, bc2 } = a;
  return [params, grads, m, v, count, rate, beta1, beta2, eps, weightDecay, decoupled ? 1 : 0, bc1, bc2];
}

/** The kernels with named-field calls; see src/kernels/assembly for what each computes. */
export function kernelCalls(e: KernelExports) {
  return {
    buildTables: (a: BuildTablesCall): void =>
      e.buildTables(
        a.tables,
        a.tree.entries,
        a.tree.parent,
        a.tree.addRow,
        a.tree.fromBias,
        a.weights,
        a.bias,
        a.width,
        a.columns.start,
        a.columns.end,
      ),
    reduceTables: (a: ReduceTablesCall): void =>
      e.reduceTables(
        a.buckets,
        a.tree.entries,
        a.tree.parent,
        a.tree.addRow,
        a.tree.fromBias,
        a.dWeights,
        a.dBias,
        a.width,
        a.columns.start,
        a.columns.end,
      ),
    tableRows: (a: TableRowsCall): void =>
      e.tableRows(
        a.skill,
        a.bits,
        a.words,
        a.samples,
        a.table.groups,
        a.table.groupBits,
        a.table.groupBase,
        a.table.groupWidth,
        a.table.foldGroup,
        a.table.controlBase,
        a.rowBytes,
        a.rowIdx,
      ),
    sampleOnline: (a: SampleOnlineCall): void =>
      e.sampleOnline(
        a.state,
        a.samples,
        a.skills,
        a.threshold,
        a.alias,
        a.words,
        a.keep,
        a.scratch,
        a.skill,
        a.bits,
      ),
    batchTargets: (a: BatchTargetsCall): void =>
      e.batchTargets(a.skill, a.bits, a.words, a.samples, a.masks, a.plusMinus ? 1 : 0, a.S, a.out),
    firstLayer: (a: FirstLayerCall): void =>
      e.firstLayer(
        a.rowIdx,
        a.rows,
        a.samples,
        a.tables,
        a.width,
        a.columns.start,
        a.columns.end,
        a.realWidth,
        ACTIVATION_CODE[a.activation],
        a.A,
        a.wOut,
        a.outputs,
        a.partial,
        a.block ?? 16,
      ),
    outputDot: (a: OutputDotCall): void =>
      e.outputDot(a.A, a.samples, a.width, a.columns.start, a.columns.end, a.wOut, a.outputs, a.partial),
    /** Returns the chunk's summed loss. */
    lossGrad: (a: LossGradCall): number =>
      e.lossGrad(
        a.partial,
        a.parts,
        a.partStride,
        a.samples,
        a.padded,
        a.outputs,
        a.bOut,
        a.targets,
        LOSS_CODE[a.loss],
        a.scale,
        a.out,
        a.dOut,
        a.dBOut,
      ),
    oneHiddenBackward: (a: OneHiddenBackwardCall): void =>
      e.oneHiddenBackward(
        a.rowIdx,
        a.rows,
        a.samples,
        a.width,
        a.columns.start,
        a.columns.end,
        ACTIVATION_CODE[a.activation],
        a.A,
        a.wOut,
        a.outputs,
        a.dOut,
        a.dWOut,
        a.buckets,
        ORDER_CODE[a.order],
        a.entries,
        a.scratch,
      ),
    outputBackward: (a: OutputBackwardCall): void =>
      e.outputBackward(
        a.A,
        a.samples,
        a.width,
        ACTIVATION_CODE[a.activation],
        a.wOut,
        a.outputs,
        a.dOut,
        a.dWOut,
        a.dZ,
      ),
    scatterRows: (a: ScatterRowsCall): void =>
      e.scatterRows(a.dZ, a.rowIdx, a.rows, a.samples, a.width, a.buckets),
    denseForward: (a: DenseForwardCall): void =>
      e.denseForward(
        a.Ain,
        a.samples,
        a.widthIn,
        a.realIn,
        a.W,
        a.bias,
        a.widthOut,
        a.realOut,
        ACTIVATION_CODE[a.activation],
        a.Aout,
      ),
    denseBackward: (a: DenseBackwardCall): void =>
      e.denseBackward(
        a.Ain,
        a.samples,
        a.widthIn,
        a.realIn,
        ACTIVATION_CODE[a.activationIn],
        a.W,
        a.widthOut,
        a.dZ,
        a.dW,
        a.dBias,
        a.dZin,
      ),
    sgdStep: (a: SgdStepCall): void =>
      e.sgdStep(a.params, a.grads, a.buffer, a.count, a.lr, a.momentum, a.weightDecay),
    adamStep: (a: AdamStepCall): void => e.adamStep(...adamArgs(a, a.lr)),
    memberOutputs: (a: MemberOutputsCall): void =>
      e.memberOutputs(a.A, a.samples, a.width, a.members, a.vecStart, a.wOut, a.partial, a.stride),
    membersLossGrad: (a: MembersLossGradCall): void =>
      e.membersLossGrad(
        a.partial,
        a.stride,
        a.members,
        a.samples,
        a.padded,
        a.bOut,
        a.targets,
        LOSS_CODE[a.loss],
        a.scale,
        a.out,
        a.dOut,
        a.dBOut,
        a.losses,
      ),
    packedBackward: (a: PackedBackwardCall): void =>
      e.packedBackward(
        a.rowIdx,
        a.rows,
        a.samples,
        a.width,
        ACTIVATION_CODE[a.activation],
        a.A,
        a.wOut,
        a.vecMember,
        a.dOut,
        a.stride,
        a.dWOut,
        a.buckets,
      ),
    sgdStepRates: (a: SgdStepRatesCall): void =>
      e.sgdStepRates(a.params, a.grads, a.buffer, a.count, a.rates, a.momentum, a.weightDecay),
    adamStepRates: (a: AdamStepRatesCall): void => e.adamStepRates(...adamArgs(a, a.rates)),
  };
}

export type KernelCalls = ReturnType<typeof kernelCalls>;
