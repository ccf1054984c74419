import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { readCheckpoint } from '../../experiment/checkpoint.ts';
import { RUN_FILES, type RunSummary } from '../../experiment/run.ts';
import { appendOutput, makeDirectory, replaceOutput, writeOutput } from '../../files.ts';
import { type PlannedRun, runDirectory } from '../plan.ts';
import { type RunResult, readProgress, type SavedRun } from './protocol.ts';

/**
 * The coordinator's copy of one run, DIR/runs/<id>/ (the files `emergence train --out` writes), kept up to
 * date from what the run's worker sends through Redis. Only the coordinator writes it.
 */
export class RunMirror {
  readonly dir: string;
  /** Curve lines in DIR that came from Redis, and the step of the checkpoint copied last. */
  private lines = 0;
  private step: number | null = null;
  /** The first copy rewrites the curve whole (after a restart DIR may hold lines cut short). */
  private fresh = true;
  /** The step of the last curve line (the run's progress). */
  lastStep = 0;

  constructor(
    out: string,
    readonly run: PlannedRun,
  ) {
    this.dir = runDirectory(out, run.id);
  }

  private path(file: keyof typeof RUN_FILES): string {
    return join(this.dir, RUN_FILES[file]);
  }

  /** The run's summary if DIR holds it finished (completed or diverged), else null. */
  finished(): (RunSummary & { status: 'completed' | 'diverged' }) | null {
    if (!existsSync(this.path('summary'))) return null;
    try {
      const summary = JSON.parse(readFileSync(this.path('summary'), 'utf8')) as RunSummary;
      if (summary.status === 'completed' || summary.status === 'diverged')
        return { ...summary, status: summary.status };
      return null;
    } catch {
      return null;
    }
  }

  writeConfig(): void {
    makeDirectory(this.dir);
    if (!existsSync(this.path('config'))) {
      writeOutput(this.path('config'), `${JSON.stringify(this.run.config, null, 2)}\n`);
    }
  }

  /**
   * What DIR holds to resume from: its checkpoint and the curve lines up to the checkpoint's step (none
   * without a checkpoint); the curve in DIR is cut to those lines, as Redis will be seeded with them.
   */
  resumable(): SavedRun {
    const saved: SavedRun = { lines: [], step: null, checkpoint: null };
    if (existsSync(this.path('checkpoint'))) {
      saved.checkpoint = readFileSync(this.path('checkpoint'));
      saved.step = readCheckpoint<{ step: number }>(this.path('checkpoint')).header.step;
      saved.lines = this.curveLines()
        .filter((l) => l.step <= saved.step!)
        .map((l) => l.text);
    }
    replaceOutput(this.path('curve'), saved.lines.map((l) => `${l}\n`).join(''));
    this.lines = saved.lines.length;
    this.step = saved.step;
    this.fresh = false;
    this.noteLastStep(saved.lines);
    return saved;
  }

  /** Copies the curve lines and checkpoint the run's worker has sent since the last copy. */
  async sync(redis: Redis): Promise<void> {
    const got = await readProgress(redis, this.run.id, this.fresh ? 0 : this.lines, this.step);
    const text = got.lines.map((l) => `${l}\n`).join('');
    if (this.fresh) replaceOutput(this.path('curve'), text);
    else if (text !== '') appendOutput(this.path('curve'), text);
    this.lines = (this.fresh ? 0 : this.lines) + got.lines.length;
    this.fresh = false;
    this.noteLastStep(got.lines);
    if (got.checkpoint && got.step !== null) {
      replaceOutput(this.path('checkpoint'), got.checkpoint);
      this.step = got.step;
    }
  }

  /** Writes a finished job's result: the lines after its last checkpoint, then summary.json. */
  collect(result: RunResult): void {
    if (result.tail.length > 0) appendOutput(this.path('curve'), result.tail.map((l) => `${l}\n`).join(''));
    this.noteLastStep(result.tail);
    replaceOutput(this.path('summary'), `${JSON.stringify(result.summary, null, 2)}\n`);
  }

  private noteLastStep(lines: string[]): void {
    const last = lines.at(-1);
    if (last !== undefined) this.lastStep = (JSON.parse(last) as { step: number }).step;
  }

  private curveLines(): { text: string; step: number }[] {
    if (!existsSync(this.path('curve'))) return [];
    return readFileSync(this.path('curve'), 'utf8')
      .split('\n')
      .flatMap((text) => {
        try {
          return [{ text, step: (JSON.parse(text) as { step: number }).step }];
        } catch {
          return []; // blank, or a line cut short by a crash
        }
      });
  }
}
