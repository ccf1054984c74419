import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The `emergence` command: in a checkout it runs the sources through tsx, installed it runs dist/. */
const BIN = fileURLToPath(new URL('../../bin/emergence.js', import.meta.url));

/** How a child `emergence train` ended, with the last line it wrote that was not a progress event. */
export interface TrainExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  lastLine: string;
}

export interface TrainChild {
  pid: number;
  /** Sends a signal; `emergence train` stops at the next step, checkpoints and exits 130 or 143. */
  kill(signal: NodeJS.Signals): void;
  exited: Promise<TrainExit>;
}

/**
 * Starts `emergence train …args` in its own process. Each run is a process so that one run's crash (out of
 * memory, a WASM trap) ends that run alone and is reported with its exit code and last line, and so that a
 * stop signal gets `train`'s own tested handling: checkpoint, summary, exit 130/143.
 *
 * The child is the leader of its own process group (`detached`), so a Ctrl-C on the terminal reaches the
 * sweep alone, which forwards it once; a second signal would make the child exit without its checkpoint. The
 * IPC channel lets the child notice the sweep's death (killed with SIGKILL, say): it then stops as on SIGTERM
 * rather than go on writing a run that the next invocation resumes. `onStep` gets each evaluation's step
 * (`train` writes progress as JSON lines on stderr when that is not a terminal).
 */
export function startTrain(args: string[], onStep: (step: number) => void): TrainChild {
  const child = spawn(process.execPath, [BIN, 'train', ...args], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let lastLine = '';
  createInterface({ input: child.stderr! }).on('line', (line) => {
    const event = progressEvent(line);
    if (event) onStep(event.step);
    else if (line.trim() !== '') lastLine = line.trim();
  });
  const exited = new Promise<TrainExit>((resolve) => {
    child.once('error', (e) => resolve({ code: null, signal: null, lastLine: e.message }));
    child.once('close', (code, signal) => resolve({ code, signal, lastLine }));
  });
  return {
    pid: child.pid ?? 0,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
  };
}

function progressEvent(line: string): { step: number } | null {
  if (!line.startsWith('{')) return null;
  try {
    const event = JSON.parse(line) as { event?: string; step?: number };
    return event.event === 'evaluation' && typeof event.step === 'number' ? { step: event.step } : null;
  } catch {
    return null;
  }
}
