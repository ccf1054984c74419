// The second thread of a threaded network or ensemble (src/nn/fast/threads.ts): builds the same job over the
// same memory and serves thread 0's commands until told to exit.
import { parentPort, workerData } from 'node:worker_threads';
import { Heap } from '../../kernels/heap.ts';
import { instantiateKernels } from '../../kernels/instantiate.ts';
import { CONTROL_INTS, threadRole } from './protocol.ts';
import { buildJob, type WorkerSetup } from './threads.ts';

const setup = workerData as WorkerSetup;
const kernels = await instantiateKernels(setup.module, setup.flavour, setup.memory);
const k = { ...kernels, heap: new Heap(setup.memory, setup.heapStart) };
const role = threadRole(k.heap.view(Int32Array, setup.control, CONTROL_INTS), 1);
const job = buildJob(k, setup.job, role);
k.heap.freeze(); // thread 0 allocates from here on: this thread's buffers are all laid out
parentPort?.postMessage('ready');
try {
  job.serve();
} catch (error) {
  // Thread 0 may be waiting for this thread: it reads the reason and throws rather than waits for ever.
  setup.errors.postMessage(error instanceof Error ? error.message : String(error));
  role.fail();
  throw error;
}
