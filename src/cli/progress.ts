import cliProgress from 'cli-progress';
import type { RunConfig } from '../experiment/config.ts';
import type { CurvePoint } from '../experiment/run.ts';
import type { SweepProgress } from '../sweep/plan.ts';

export interface ProgressReporter {
  step(step: number, loss: number): void;
  evaluation(point: CurvePoint): void;
  stop(): void;
}

/** A progress bar on a terminal; JSON lines on stderr otherwise (logs, CI, remote workers). */
export function progressReporter(config: RunConfig): ProgressReporter {
  if (!process.stderr.isTTY) {
    return {
      step: () => {},
      evaluation: (p) =>
        jsonLine({ event: 'evaluation', step: p.step, loss: p.loss, trainLoss: p.trainLoss, R: p.R }),
      stop: () => {},
    };
  }
  const bar = progressBar('train {bar} {value}/{total} steps | loss {loss} | R/S {R} | {eta_formatted}');
  let started = false;
  let R = '';
  let last = 0;
  return {
    step(step, loss) {
      const now = performance.now();
      if (!started) {
        bar.start(config.steps, step, { loss: '…', R });
        started = true;
      }
      if (now - last > 100) {
        bar.update(step, { loss: loss.toPrecision(4), R });
        last = now;
      }
    },
    evaluation(p) {
      R = p.R.slice(0, 8)
        .map((r) => r.toFixed(2))
        .join(' ');
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

export interface SweepReporter {
  update(progress: SweepProgress): void;
  stop(): void;
}

/**
 * One progress line for a whole sweep: runs done of total, running, failed and the ETA, as a bar over the
 * steps on a terminal; otherwise a JSON line whenever a run starts or ends, and at most once a second between.
 */
export function sweepReporter(): SweepReporter {
  if (!process.stderr.isTTY) {
    let last = 0;
    let counts = '';
    return {
      update(p) {
        const now = performance.now();
        const changed = `${p.done} ${p.running} ${p.failed}`;
        if (changed === counts && now - last < 1000) return;
        jsonLine({ event: 'sweep', ...p });
        counts = changed;
        last = now;
      },
      stop: () => {},
    };
  }
  const bar = progressBar(
    'sweep {bar} {runsDone}/{runs} runs | {running} running | {failed} failed | ETA {left}',
  );
  let started = false;
  return {
    update(p) {
      const payload = {
        runsDone: p.done,
        runs: p.total,
        running: p.running,
        failed: p.failed,
        left: formatSeconds(p.etaSeconds),
      };
      if (!started) bar.start(p.stepsTotal, p.stepsDone, payload);
      else bar.update(p.stepsDone, payload);
      started = true;
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

function jsonLine(o: object): void {
  process.stderr.write(`${JSON.stringify(o)}\n`);
}

function progressBar(format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar({ format, hideCursor: true }, cliProgress.Presets.shades_classic);
}

/** 75 → "1m15s"; null → "…". */
function formatSeconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '…';
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(t % 60).padStart(2, '0')}s`
      : `${t}s`;
}
