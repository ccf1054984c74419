// The page's side of training: one Web Worker per run (worker.ts); reset ends it.
import type { RunConfig } from '../../../src/experiment/config.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

export class TrainingClient {
  private worker: Worker | null = null;

  constructor(private readonly onMessage: (message: FromWorker) => void) {}

  /** Starts `config` in a fresh worker (ending any run still going). */
  start(config: RunConfig): void {
    this.reset();
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.onMessage({ type: 'error', message: event.message || 'the training worker failed to load' });
    };
    this.worker = worker;
    this.send({ type: 'start', config });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  resume(): void {
    this.send({ type: 'resume' });
  }

  /** Ends the run and its worker. */
  reset(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private send(message: ToWorker): void {
    this.worker?.postMessage(message);
  }
}
