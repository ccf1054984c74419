/** Lets queued events (a signal handler, an I/O callback) run before the caller goes on. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A pause for long synchronous work: awaiting it yields to the event loop once at least `ms` milliseconds
 * have passed since it last did, and costs nothing otherwise. Training calls it every step, so Ctrl-C is
 * seen within a step or two whatever a step costs.
 */
export function pacer(ms = 5): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < ms) return;
    await yieldToEvents();
    last = performance.now();
  };
}
