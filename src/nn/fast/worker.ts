// The second thread of a ThreadedNetwork (src/nn/fast/threads.ts): builds the same network over the same
// memory and serves thread 0's commands until told to exit.
import { parentPort, workerData } from 'node:worker_threads';
import { Heap } from '../../kernels/heap.ts';
import { instantiateKernels } from '../../kernels/instantiate.ts';
import { FastNetwork } from './network.ts';
import { CONTROL_INTS, threadRole } from './protocol.ts';
import type { WorkerSetup } from './threads.ts';

const setup = workerData as WorkerSetup;
const kernels = await instantiateKernels(setup.module, setup.flavour, setup.memory);
const k = { ...kernels, heap: new Heap(setup.memory, setup.heapStart) };
const role = threadRole(new Int32Array(setup.memory.buffer, setup.control, CONTROL_INTS), 1);
const net = new FastNetwork(k, setup.skills, setup.bits, setup.model, setup.optimizer, setup.options, role);
parentPort?.postMessage('ready');
net.serve();
