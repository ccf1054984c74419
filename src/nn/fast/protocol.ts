// How the two threads of a ThreadedNetwork (src/nn/fast/threads.ts) work on one network: each builds the
// same FastNetwork over the same shared memory, thread 0 runs the caller's steps and sends each to thread 1
// through a command block, and within a training step they pace each other's chunks with two counters.
import type { Columns } from '../../kernels/calls.ts';
import { awaitAtLeast, makeBarrier } from './barrier.ts';
import { PAD } from './kernel-layout.ts';

/** What thread 0 asks thread 1 to run: a step, or to stop. */
export type Command = StepCommand | { readonly kind: 'exit' };

/** A training step or an evaluation, with where its table rows and targets are in kernel memory. */
export interface StepCommand {
  readonly kind: 'train' | 'forward';
  readonly samples: number;
  readonly rowIdx: number;
  readonly targets: number;
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
}

/** Ints of the shared control block the two threads coordinate through. */
export const CONTROL_INTS = 48;

/**
 * Thread `index`'s view of the control block: [0, 2) the barrier; [8, 14) the command [kind, samples, rowIdx,
 * targets, steps, lr (f32)]; [16, 18) and [32, 34) each thread's counters [PRODUCED, CONSUMED], on cache
 * lines of their own.
 */
export function threadRole(control: Int32Array, index: 0 | 1): ThreadRole {
  const barrier = makeBarrier(control.subarray(0, 2));
  const command = control.subarray(8, 14);
  const lr = new Float32Array(command.buffer, command.byteOffset + 20, 1);
  const counters = (i: number) => control.subarray(16 + 16 * i, 18 + 16 * i);
  const progress = counters(index);
  const partner = counters(1 - index);
  return {
    index,
    barrier,
    send(c) {
      command[0] = KINDS.indexOf(c.kind);
      if (c.kind !== 'exit') {
        command.set([c.samples, c.rowIdx, c.targets, c.steps], 1);
        lr[0] = c.lr;
      }
      barrier(); // thread 1 reads the command after this; it stays put until the run's last barrier
    },
    receive() {
      barrier();
      const [code, samples, rowIdx, targets, steps] = command;
      const kind = KINDS[code];
      return kind === 'exit' ? { kind } : { kind, samples, rowIdx, targets, steps, lr: lr[0] };
    },
    publish(counter, value) {
      Atomics.store(progress, counter, value);
      Atomics.notify(progress, counter);
    },
    awaitPartner(counter, value) {
      awaitAtLeast(partner, counter, value);
    },
    resetProgress() {
      progress.fill(0);
    },
  };
}

/** A thread's part of the work: hidden units `columns`, and floats `update` of the flat parameter array. */
export interface Share {
  readonly columns: Columns;
  readonly update: { readonly start: number; readonly end: number };
}

/**
 * Thread `index`'s share of a network of padded width `width` and `size` parameters (all of it on one
 * thread): the hidden units split at a multiple of 16 near the middle, the flat update (elementwise, so any
 * split works) by halves at a multiple of 4.
 */
export function threadShare(index: 0 | 1 | null, width: number, size: number): Share {
  if (index === null) return { columns: { start: 0, end: width }, update: { start: 0, end: size } };
  const split = Math.round(width / 2 / PAD) * PAD;
  const half = Math.floor(size / 8) * 4;
  return index === 0
    ? { columns: { start: 0, end: split }, update: { start: 0, end: half } }
    : { columns: { start: split, end: width }, update: { start: half, end: size } };
}
