import type { Redis } from 'ioredis';
import { publishProgress } from './protocol.ts';

/**
 * A worker's outgoing progress for one run: curve lines wait until a checkpoint covers them, then go to Redis
 * with it, one send at a time while training goes on; when sends fall behind, the latest checkpoint wins
 * and the lines pile up in order. Losing the job's lock (or Redis failing) stops the sends and calls `onLost`.
 */
export class ProgressPublisher {
  private uncovered: string[] = [];
  private covered: string[] = [];
  private latest: { step: number; checkpoint: Buffer } | null = null;
  private sending: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly runId: string,
    private readonly lock: { key: string; token: string },
    private readonly onLost: (reason: Error) => void,
  ) {}

  /** A curve line, as written to curve.jsonl (without its newline). */
  line(text: string): void {
    this.uncovered.push(text);
  }

  /** The checkpoint taken at `step`, after every line given so far. */
  checkpoint(step: number, checkpoint: Buffer): void {
    this.covered.push(...this.uncovered);
    this.uncovered = [];
    this.latest = { step, checkpoint };
    this.sending ??= this.drain().finally(() => {
      this.sending = null;
    });
  }

  /** Waits until everything given is sent; throws if a send failed or the lock was lost. */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
    if (this.failure) throw this.failure;
  }

  /** Lines no checkpoint covers yet (they go back with the job's result). */
  get tail(): string[] {
    return [...this.uncovered];
  }

  private async drain(): Promise<void> {
    while (this.latest && !this.failure) {
      const { step, checkpoint } = this.latest;
      const lines = this.covered;
      this.latest = null;
      this.covered = [];
      try {
        if (!(await publishProgress(this.redis, this.runId, this.lock, lines, step, checkpoint))) {
          throw new Error(`run ${this.runId}: lost the job's lock (it went to another worker)`);
        }
      } catch (e) {
        this.failure = e as Error;
        this.onLost(this.failure);
        return;
      }
    }
  }
}
