import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Kernels } from '../../kernels/instantiate.ts';
import type { ModelSpec, OptimizerSpec } from '../config.ts';
import { FastNetwork, type FastNetworkOptions } from './network.ts';
import { PackedEnsemble, type PackedEnsembleOptions } from './packed-ensemble.ts';
import type { PackSpec } from './packed-network.ts';
import { CONTROL_INTS, type ThreadRole, threadRole } from './protocol.ts';

/** What the worker builds, the same on both threads: one network, or a packed ensemble's slabs. */
export type WorkerJob =
  | {
      kind: 'network';
      skills: number;
      bits: number;
      model: ModelSpec;
      optimizer: OptimizerSpec;
      options: FastNetworkOptions;
    }
  | { kind: 'pack'; spec: PackSpec; options: PackedEnsembleOptions };

/** What a worker needs to build its twin of the job over the same memory. */
export interface WorkerSetup {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  flavour: Kernels['flavour'];
  heapStart: number;
  control: number;
  job: WorkerJob;
  /** Where the worker posts the message of an error that stops it (thread 0 reads it synchronously). */
  errors: MessagePort;
}

/** Thread `role`'s side of `job`, built over kernels `k`: what thread 0 runs and thread 1 serves. */
export function buildJob(k: Kernels, job: WorkerJob, role: ThreadRole): FastNetwork | PackedEnsemble {
  if (job.kind === 'pack') return new PackedEnsemble(k, job.spec, job.options, role);
  return new FastNetwork(k, job.skills, job.bits, job.model, job.optimizer, job.options, role);
}

/** Something run by two threads (this one and a worker); `close()` stops the worker. */
export type Threaded<T> = T & { close(): Promise<void> };

/** A FastNetwork whose training steps are split over this thread and one worker thread. */
export type ThreadedNetwork = Threaded<FastNetwork>;

/**
 * Builds a one-hidden-layer network run by two threads (this one and a worker_threads worker) over the
 * kernels' shared memory, running the kernel variants `options` name (the rest: the shape's defaults). Use it as a FastNetwork;
 * `close()` stops the worker.
 */
export function createThreadedNetwork(
  k: Kernels,
  skills: number,
  bits: number,
  model: ModelSpec,
  optimizer: OptimizerSpec,
  options: FastNetworkOptions = {},
): Promise<ThreadedNetwork> {
  return startThreads(k, {
    kind: 'network',
    skills,
    bits,
    model,
    optimizer,
    options,
  }) as Promise<ThreadedNetwork>;
}

/**
 * A packed ensemble whose slabs two threads train (this one and a worker), each its own share of them on
 * every batch. `options.batch` (the largest batch it will train on) is required: thread 1 cannot allocate
 * kernel memory once it runs. Use it as a PackedEnsemble; `close()` stops the worker.
 */
export function createThreadedEnsemble(
  k: Kernels,
  spec: PackSpec,
  options: PackedEnsembleOptions & { batch: number },
): Promise<Threaded<PackedEnsemble>> {
  return startThreads(k, { kind: 'pack', spec, options }) as Promise<Threaded<PackedEnsemble>>;
}

/** Builds thread 0's side of `job` and starts the worker that builds and serves thread 1's. */
async function startThreads(k: Kernels, job: WorkerJob): Promise<Threaded<FastNetwork | PackedEnsemble>> {
  const control = k.heap.array(Int32Array, CONTROL_INTS);
  const errors = new MessageChannel();
  const setup: WorkerSetup = {
    module: k.module,
    memory: k.memory,
    flavour: k.flavour,
    heapStart: k.heap.used,
    control: control.byteOffset,
    job,
    errors: errors.port2,
  };
  const role = threadRole(control, 0, () => receiveMessageOnPort(errors.port1)?.message ?? 'no reason given');
  const built = buildJob(k, job, role);
  const worker = new Worker(bootstrap(workerUrl()), {
    eval: true,
    workerData: setup,
    transferList: [errors.port2],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  // From here an error that stops the worker reaches thread 0 through `errors` and the failure mark (a step
  // throws with it); its 'error' event, unheard, would end the process.
  worker.removeAllListeners('error').on('error', () => {});
  const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let closed = false;
  return Object.assign(built, {
    async close() {
      if (closed) return;
      closed = true;
      if (!role.failed()) role.send({ kind: 'exit' });
      await done;
      errors.port1.close();
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
