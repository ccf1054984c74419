// How the two threads of a ThreadedNetwork (src/nn/fast/threads.ts) work on one network: each builds the
// same FastNetwork over the same shared memory, thread 0 runs the caller's steps and sends each to thread 1
// through a command block, and within a training step they pace each other's chunks with two counters.
import type { Columns } from '../../kernels/calls.ts';
import { awaitAtLeast, makeBarrier } from './barrier.ts';
import type { BatchAddresses } from './kernel-batch.ts';
import { PAD } from './kernel-layout.ts';

/** What thread 0 asks thread 1 to run: a step, or to stop. */
export type Command = StepCommand | { readonly kind: 'exit' };

/** A training step or an evaluation, with where its batch is in kernel memory. */
export interface StepCommand extends BatchAddresses {
  readonly kind: 'train' | 'forward';
  readonly samples: number;
  /** Optimiser steps taken before this one (Adam's bias correction). */
  readonly steps: number;
  readonly lr: number;
}

const KINDS = ['train', 'forward', 'exit'] as const;

/** A thread's chunk counters in a training step: chunks whose partial output sums it has published. */
export const PRODUCED = 0;
/** … and chunks whose partial sums (both threads') it has read, so their buffer may be reused. */
export const CONSUMED = 1;
export type Counter = typeof PRODUCED | typeof CONSUMED;

/** One thread's side of the protocol. */
export interface ThreadRole {
  readonly index: 0 | 1;
  /** Holds both threads until both arrive. */
  barrier(): void;
  /** Thread 0: tells thread 1 what to run next. */
  send(command: Command): void;
  /** Thread 1: waits for thread 0's next command. */
  receive(): Command;
  /** Sets this thread's counter and wakes the other thread if it sleeps on it. */
  publish(counter: Counter, value: number): void;
  /** Waits until the other thread's counter reaches `value`. */
  awaitPartner(counter: Counter, value: number): void;
  /** This thread's counters back to 0, for the next step (after a barrier both threads have passed). */
  resetProgress(): void;
  /** Marks this thread stopped by an error: the other thread's waits throw instead of waiting for ever. */
  fail(): void;
  /** Whether the other thread has failed. */
  partnerFailed(): boolean;
  /** Whether either thread has failed: the run cannot go on, and the worker stops (or has stopped) on its own. */
  failed(): boolean;
}

/** Ints of the shared control block the two threads coordinate through. */
export const CONTROL_INTS = 64;
const FAILED = 60;

/**
 * Thread `index`'s view of the control block: [0, 2) the barrier; [8, 18) the command [kind, samples, rowIdx,
 * targets, outputs, skill, bits, words, steps, lr (f32)]; [32, 34) and [48, 50) each thread's counters
 * [PRODUCED, CONSUMED], on cache lines of their own; [60] bit i set once thread i has failed. Once
 * the other thread has failed, this one's waits throw an Error saying so, with `reason()` (its error).
 */
export function threadRole(control: Int32Array, index: 0 | 1, reason = () => 'no reason given'): ThreadRole {
  const partnerFailed = () => (Atomics.load(control, FAILED) & (1 << (1 - index))) !== 0;
  const check = () => {
    if (partnerFailed()) throw new Error(`the other thread of a two-thread run stopped: ${reason()}`);
  };
  const barrier = makeBarrier(control.subarray(0, 2), check);
  const command = control.subarray(8, 18);
  const lr = new Float32Array(command.buffer, command.byteOffset + 36, 1);
  const counters = (i: number) => control.subarray(32 + 16 * i, 34 + 16 * i);
  const progress = counters(index);
  const partner = counters(1 - index);
  return {
    index,
    barrier,
    send(c) {
      command[0] = KINDS.indexOf(c.kind);
      if (c.kind !== 'exit') {
        command.set([c.samples, c.rowIdx, c.targets, c.outputs, c.skill, c.bits, c.words, c.steps], 1);
        lr[0] = c.lr;
      }
      barrier(); // thread 1 reads the command after this; it stays put until the run's last barrier
    },
    receive() {
      barrier();
      const [code, samples, rowIdx, targets, outputs, skill, bits, words, steps] = command;
      const kind = KINDS[code];
      if (kind === 'exit') return { kind };
      return { kind, samples, rowIdx, targets, outputs, skill, bits, words, steps, lr: lr[0] };
    },
    publish(counter, value) {
      Atomics.store(progress, counter, value);
      Atomics.notify(progress, counter);
    },
    awaitPartner(counter, value) {
      awaitAtLeast(partner, counter, value, check);
    },
    resetProgress() {
      progress.fill(0);
    },
    fail() {
      Atomics.or(control, FAILED, 1 << index);
    },
    partnerFailed,
    failed: () => Atomics.load(control, FAILED) !== 0,
  };
}

/**
 * Thread 0's side of a step: sends `command()` to thread 1 (on one thread there is none, and the command is not
 * built), then runs `run`, this thread's part. An error there marks this thread failed before it propagates, so
 * thread 1, which may be waiting for it in the middle of the step, throws and exits instead of waiting for ever
 * (and `close()` does not wait for it).
 */
export function lead<T>(thread: ThreadRole | null, command: () => StepCommand, run: () => T): T {
  if (!thread) return run();
  thread.send(command());
  try {
    return run();
  } catch (error) {
    thread.fail();
    throw error;
  }
}

/** Thread 1's loop: runs each command thread 0 sends until 'exit'. */
export function serveCommands(
  thread: ThreadRole | null,
  run: (command: StepCommand, thread: ThreadRole) => void,
): void {
  if (thread?.index !== 1) throw new Error('serve() is for thread 1');
  for (let command = thread.receive(); command.kind !== 'exit'; command = thread.receive())
    run(command, thread);
}

/** What two threads split: the hidden units of every sample, or the samples of each batch. */
export const SPLITS = ['units', 'samples'] as const;
export type Split = (typeof SPLITS)[number];

/** Samples [start, end) of a batch of `size`: the part one thread runs. */
export interface BatchPart {
  readonly size: number;
  readonly start: number;
  readonly end: number;
}

/**
 * A thread's part of the work: the hidden units its passes run on (`units`), the columns of the tables it
 * rebuilds and whose gradient it reduces (`columns`), floats `update` of the flat parameter array, and its
 * part of a batch.
 */
export interface Share {
  readonly split: Split | null;
  readonly units: Columns;
  readonly columns: Columns;
  readonly update: { readonly start: number; readonly end: number };
  part(size: number): BatchPart;
}

/**
 * Thread `index`'s share of a network of padded width `width` and `size` parameters (all of it on one
 * thread). Either split gives each thread the columns at a multiple of 16 near the middle to rebuild and
 * reduce, and the flat update (elementwise, so any split works) by halves at a multiple of 4; 'units' also
 * splits the passes by those columns, 'samples' runs all units on half of each batch (cut at a multiple of 4,
 * so the padding of one thread's last chunk stays out of the other's samples).
 */
export function threadShare(index: 0 | 1 | null, width: number, size: number, split: Split = 'units'): Share {
  const all = { start: 0, end: width };
  if (index === null) {
    return { split: null, units: all, columns: all, update: { start: 0, end: size }, part: wholeBatch };
  }
  const middle = Math.round(width / 2 / PAD) * PAD;
  const half = Math.floor(size / 8) * 4;
  const columns = index === 0 ? { start: 0, end: middle } : { start: middle, end: width };
  return {
    split,
    units: split === 'units' ? columns : all,
    columns,
    update: index === 0 ? { start: 0, end: half } : { start: half, end: size },
    part(n) {
      if (split === 'units') return wholeBatch(n);
      const cut = Math.floor(n / 8) * 4;
      return index === 0 ? { size: n, start: 0, end: cut } : { size: n, start: cut, end: n };
    },
  };
}

/** All n samples of a batch, as one part. */
export function wholeBatch(n: number): BatchPart {
  return { size: n, start: 0, end: n };
}
