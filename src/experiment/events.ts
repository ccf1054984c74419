/**
 * Lets queued events (a signal handler, an I/O callback, a worker's message) run before the caller goes on:
 * setImmediate in Node; in a browser or Web Worker, which have none, a MessageChannel task (setTimeout would
 * be clamped to 4 ms).
 */
export function yieldToEvents(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
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
