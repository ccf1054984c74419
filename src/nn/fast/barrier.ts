/**
 * A reusable barrier for `parties` threads over two Int32 slots of shared memory ([count, generation]).
 * Waiters spin briefly (a chunk's work is tens of microseconds, far less than a futex wake-up) and then
 * sleep on the generation word.
 */
export function makeBarrier(slots: Int32Array, parties = 2, spins = 1 << 16): () => void {
  return () => {
    const generation = Atomics.load(slots, 1);
    if (Atomics.add(slots, 0, 1) === parties - 1) {
      Atomics.store(slots, 0, 0);
      Atomics.add(slots, 1, 1);
      Atomics.notify(slots, 1);
      return;
    }
    for (let i = 0; Atomics.load(slots, 1) === generation; i++) {
      if (i > spins) Atomics.wait(slots, 1, generation, 50);
    }
  };
}

/**
 * Waits until slots[i] ≥ value (another thread's progress counter): spins briefly, then sleeps on the slot
 * until the writer's Atomics.notify.
 */
export function awaitAtLeast(slots: Int32Array, i: number, value: number, spins = 1 << 16): void {
  for (let n = 0; ; n++) {
    const now = Atomics.load(slots, i);
    if (now >= value) return;
    if (n > spins) Atomics.wait(slots, i, now, 50);
  }
}
