import cliProgress from 'cli-progress';
import type { RunConfig } from '../experiment/config.ts';
import type { CurvePoint } from '../experiment/run.ts';

export interface ProgressReporter {
  step(step: number, loss: number): void;
  evaluation(point: CurvePoint): void;
  stop(): void;
}

/** A progress bar on a terminal; JSON lines on stderr otherwise (logs, CI, remote workers). */
export function progressReporter(config: RunConfig): ProgressReporter {
  if (!process.stderr.isTTY) {
    const line = (o: object) => process.stderr.write(`${JSON.stringify(o)}\n`);
    return {
      step: () => {},
      evaluation: (p) =>
        line({ event: 'evaluation', step: p.step, loss: p.loss, trainLoss: p.trainLoss, R: p.R }),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: 'train {bar} {value}/{total} steps | loss {loss} | R/S {R} | {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
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
