import { Worker } from 'node:worker_threads';
import type { Kernels } from '../../kernels/instantiate.ts';
import type { ModelSpec, OptimizerSpec } from '../config.ts';
import { FastNetwork, type FastNetworkOptions } from './network.ts';
import { CONTROL_INTS, threadRole } from './protocol.ts';

/** What a worker needs to build its twin of the network over the same memory. */
export interface WorkerSetup {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  flavour: Kernels['flavour'];
  heapStart: number;
  control: number;
  skills: number;
  bits: number;
  model: ModelSpec;
  optimizer: OptimizerSpec;
  options: FastNetworkOptions;
}

/** A FastNetwork whose training steps are split over this thread and one worker thread. */
export type ThreadedNetwork = FastNetwork & { close(): Promise<void> };

/**
 * Builds a one-hidden-layer network run by two threads (this one and a worker_threads worker) over the
 * kernels' shared memory, running the kernel variants `options` name (the rest: the shape's defaults). Use it as a FastNetwork;
 * `close()` stops the worker.
 */
export async function createThreadedNetwork(
  k: Kernels,
  skills: number,
  bits: number,
  model: ModelSpec,
  optimizer: OptimizerSpec,
  options: FastNetworkOptions = {},
): Promise<ThreadedNetwork> {
  const control = k.heap.array(Int32Array, CONTROL_INTS);
  const setup: WorkerSetup = {
    module: k.module,
    memory: k.memory,
    flavour: k.flavour,
    heapStart: k.heap.used,
    control: control.byteOffset,
    skills,
    bits,
    model,
    optimizer,
    options,
  };
  const role = threadRole(control, 0);
  const net = new FastNetwork(k, skills, bits, model, optimizer, options, role);
  const worker = new Worker(bootstrap(workerUrl()), {
    eval: true,
    workerData: setup,
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let closed = false;
  return Object.assign(net, {
    async close() {
      if (closed) return;
      closed = true;
      role.send({ kind: 'exit' });
      await done;
    },
  });
}

/** The worker module beside this one: worker.ts when run from source under tsx, worker.js once compiled. */
function workerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
}

/**
 * A worker's first code: load `url`, after registering tsx (by absolute URL, so any working directory works)
 * when it is TypeScript.
 */
function bootstrap(url: URL): string {
  const load = `import(${JSON.stringify(url.href)})`;
  if (!url.pathname.endsWith('.ts')) return load;
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return ${load}; });`;
}
