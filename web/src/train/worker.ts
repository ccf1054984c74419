// The Train view's Web Worker: trains a network on the WASM kernels with the library's training session
// (src/experiment/session.ts, as `emergence train` does) and posts its progress every PROGRESS_MS.
import { parseRunConfig, type RunConfig } from '../../../src/experiment/config.ts';
import { yieldToEvents } from '../../../src/experiment/events.ts';
import { kernelData } from '../../../src/experiment/kernel-data.ts';
import type { CurvePoint } from '../../../src/experiment/progress.ts';
import { type TrainingSession, trainingSession } from '../../../src/experiment/session.ts';
import { FastNetwork } from '../../../src/nn/fast/network.ts';
import { createTask } from '../../../src/task/task.ts';
import { loadBrowserKernels } from './kernels.ts';
import { type FromWorker, PROGRESS_MS, type ToWorker } from './protocol.ts';

interface Run {
  config: RunConfig;
  session: TrainingSession;
  kernels: string;
  /** Seconds in session.train (data drawn and step taken; evaluation excluded): what `bench train` times. */
  trainSeconds: number;
}

let run: Run | null = null;
let wanted: 'running' | 'paused' = 'paused';
let looping = false;
let pending: CurvePoint[] = [];

const post = (message: FromWorker) => postMessage(message);

function progress(state: 'running' | 'paused' | 'completed'): void {
  if (!run) return;
  const { session, config, kernels, trainSeconds } = run;
  post({
    type: 'progress',
    step: session.progress.step,
    steps: config.steps,
    stepsPerSecond: trainSeconds > 0 ? session.progress.step / trainSeconds : 0,
    points: pending,
    state,
    kernels,
  });
  pending = [];
}

async function open(input: unknown): Promise<Run> {
  const config = parseRunConfig(input);
  const kernels = await loadBrowserKernels();
  const task = createTask(config.task, config.seed);
  const net = new FastNetwork(kernels, task.spec.skills, task.spec.bits, config.model, config.optimizer);
  const session = trainingSession(task, config, net, kernelData(kernels, task));
  pending.push(await session.evaluate());
  return { config, session, kernels: kernels.flavour, trainSeconds: 0 };
}

/** Trains while wanted, yielding to messages (pause) after each report. */
async function loop(): Promise<void> {
  if (looping || !run) return;
  looping = true;
  const { session, config } = run;
  let last = performance.now();
  while (wanted === 'running' && session.progress.step < config.steps) {
    const t0 = performance.now();
    const loss = session.train();
    run.trainSeconds += (performance.now() - t0) / 1000;
    if (!Number.isFinite(loss)) {
      progress('paused');
      post({
        type: 'error',
        message: `training loss became ${loss} at step ${session.progress.step + 1}: the run diverged (lower the learning rate?)`,
      });
      wanted = 'paused';
      break;
    }
    if (session.progress.due) pending.push(await session.evaluate());
    if (performance.now() - last >= PROGRESS_MS) {
      progress('running');
      await yieldToEvents();
      last = performance.now();
    }
  }
  looping = false;
  progress(session.progress.step >= config.steps ? 'completed' : 'paused');
}

addEventListener('message', async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'start') {
      run = await open(message.config);
      wanted = 'running';
    } else {
      wanted = message.type === 'pause' ? 'paused' : 'running';
    }
    await loop();
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
