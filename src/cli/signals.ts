export const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];
/** The shell's exit codes for a process ended by a signal: 128 + its number. */
export const EXIT_CODES: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * The first SIGINT (Ctrl-C) or SIGTERM (a batch scheduler's notice) aborts `controller` with the signal's
 * name as reason, so the work stops cleanly; a second one exits at once. A process started with an IPC
 * channel (a run of `emergence sweep`) is also stopped, as by SIGTERM, when the channel closes: its parent
 * is gone, and an orphan must not go on writing a run its parent's next invocation will resume. Returns the
 * function that removes the handlers.
 */
export function stopOnSignals(controller: AbortController): () => void {
  const onSignal = (signal: StopSignal) => {
    if (controller.signal.aborted) process.exit(EXIT_CODES[signal]);
    controller.abort(signal);
  };
  const onDisconnect = () => onSignal('SIGTERM');
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  if (process.send && !process.connected) {
    onDisconnect(); // the parent was gone before this process could listen
  } else if (process.connected) {
    process.once('disconnect', onDisconnect);
    // Listening for 'disconnect' holds the event loop open; the channel must not keep the process alive.
    process.channel?.unref();
  }
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    process.off('disconnect', onDisconnect);
  };
}

/** The exit code for work stopped by `signal` (an AbortSignal's reason), or undefined. */
export function exitCodeFor(reason: unknown): number | undefined {
  return EXIT_CODES[reason as StopSignal];
}
