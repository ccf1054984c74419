// The second thread of a ThreadedNetwork (src/nn/fast/threads.ts): builds the same network over the same
// memory and serves thread 0's commands until told to exit.
import { parentPort, workerData } from 'node:worker_threads';
import { Heap } from '../../kernels/heap.ts';
import { instantiateKernels } from '../../kernels/instantiate.ts';
import { makeBarrier } from './barrier.ts';
import { FastNetwork } from './network.ts';
import type { WorkerSetup } from './threads.ts';

const setup = workerData as WorkerSetup;
const kernels = await instantiateKernels(setup.module, setup.flavour, setup.memory);
const k = { ...kernels, heap: new Heap(setup.memory, setup.heapStart) };
const control = new Int32Array(setup.memory.buffer, setup.control, 16);
const role = {
  index: 1 as const,
  barrier: makeBarrier(control.subarray(0, 2)),
  command: control.subarray(8),
};
const net = new FastNetwork(k, setup.skills, setup.bits, setup.model, setup.optimizer, setup.options, role);
parentPort?.postMessage('ready');
net.serve();
