import type { Redis } from 'ioredis';
import { publishProgress } from './protocol.ts';

/** At most one send per this many milliseconds while a run trains (the final one goes at once). */
export const SEND_INTERVAL_MS = 1000;

/**
 * A worker's outgoing progress for one run: curve lines wait until a checkpoint covers them, then go to Redis
 * with it, one send at a time, at most one per SEND_INTERVAL_MS, while training goes on. A send takes the
 * latest checkpoint (`readCheckpoint`, read at that moment: the trainer writes the file before it reports the
 * checkpoint, between steps) and every line before it. Losing the job's lock (or Redis failing) stops the
 * sends and calls `onLost`.
 */
export class ProgressPublisher {
  private uncovered: string[] = [];
  private covered: string[] = [];
  private step: number | null = null;
  private sending: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSent = Number.NEGATIVE_INFINITY;
  private failure: Error | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly runId: string,
    private readonly lock: { key: string; token: string },
    private readonly readCheckpoint: () => Buffer,
    private readonly onLost: (reason: Error) => void,
  ) {}

  /** A curve line, as written to curve.jsonl (without its newline). */
  line(text: string): void {
    this.uncovered.push(text);
  }

  /** The trainer wrote a checkpoint at `step`, after every line given so far. */
  checkpoint(step: number): void {
    this.covered.push(...this.uncovered);
    this.uncovered = [];
    this.step = step;
    this.schedule();
  }

  /** Sends what is left at once and waits for it; throws if a send failed or the lock was lost. */
  async flush(): Promise<void> {
    while (this.sending) await this.sending;
    if (this.step !== null && !this.failure) this.send();
    while (this.sending) await this.sending;
    if (this.failure) throw this.failure;
  }

  /** Sends nothing more (the run ended without a result: its directory is going away). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.step = null;
  }

  /** Lines no checkpoint covers yet (they go back with the job's result). */
  get tail(): string[] {
    return [...this.uncovered];
  }

  private schedule(): void {
    if (this.timer || this.sending || this.step === null) return;
    const wait = this.lastSent + SEND_INTERVAL_MS - performance.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }

  private send(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.step === null || this.failure) return;
    const { step, covered: lines } = this;
    const checkpoint = this.readCheckpoint();
    this.step = null;
    this.covered = [];
    this.lastSent = performance.now();
    this.sending = publishProgress(this.redis, this.runId, this.lock, lines, step, checkpoint)
      .then((held) => {
        if (!held) throw new Error(`run ${this.runId}: lost the job's lock (it went to another worker)`);
      })
      .catch((e: Error) => {
        this.failure = e;
        this.onLost(e);
      })
      .finally(() => {
        this.sending = null;
        this.schedule(); // a checkpoint that came while this send was out
      });
  }
}
