/** What a wait runs each time it wakes from a sleep (every 50 ms at most): it throws to give up. */
export type WaitCheck = () => void;

/**
 * Spins briefly (the waits between two threads' steps and chunks are mostly shorter than a futex wake-up),
 * then sleeps on slots[i] until another thread's Atomics.notify, until `done(slots[i])`.
 */
function waitUntil(
  slots: Int32Array,
  i: number,
  done: (value: number) => boolean,
  spins: number,
  check: WaitCheck,
): void {
  for (let n = 0; ; n++) {
    const now = Atomics.load(slots, i);
    if (done(now)) return;
    if (n > spins) {
      Atomics.wait(slots, i, now, 50);
      if (!done(Atomics.load(slots, i))) check(); // give up only while still waiting
    }
  }
}

const never: WaitCheck = () => {};

/** A reusable barrier for `parties` threads over two Int32 slots of shared memory ([count, generation]). */
export function makeBarrier(slots: Int32Array, check = never, parties = 2, spins = 1 << 16): () => void {
  return () => {
    const generation = Atomics.load(slots, 1);
    if (Atomics.add(slots, 0, 1) === parties - 1) {
      Atomics.store(slots, 0, 0);
      Atomics.add(slots, 1, 1);
      Atomics.notify(slots, 1);
      return;
    }
    waitUntil(slots, 1, (now) => now !== generation, spins, check);
  };
}

/** Waits until slots[i] ≥ value: another thread's progress counter, which it publishes with a notify. */
export function awaitAtLeast(
  slots: Int32Array,
  i: number,
  value: number,
  check = never,
  spins = 1 << 16,
): void {
  waitUntil(slots, i, (now) => now >= value, spins, check);
}
