// The calibrated model beside the measured bands: B² of Eq. 14 fitted in the page on the n_s = 1 runs
// among those loaded (src/fit/calibration.ts, as `emergence calibrate` does), else the paper's value.
import type { RunConfig } from '../../../src/experiment/config.ts';
import { calibrate } from '../../../src/fit/calibration.ts';
import { FITTED } from '../../../src/theory/extended.ts';
import type { LoadedRun } from './parse.ts';

export interface ViewerModel {
  /** B² to draw the model with. */
  B2: number;
  /** Where it comes from: a sentence for the page. */
  note: string;
}

/** Fewer resamples than the CLI's 1000: the interval is a side note here, the fit is what is drawn. */
const RESAMPLES = 200;

export function viewerModel(runs: readonly LoadedRun[]): ViewerModel {
  const paper = `Model: Eq. 14 with the paper's B² = 1/22 (Fig. 11a)`;
  const configured = runs.flatMap((r) =>
    r.config ? [{ id: r.id, config: r.config as RunConfig, curve: r.curve }] : [],
  );
  if (configured.length === 0) {
    return {
      B2: FITTED.rateScale,
      note: 'No model: the files hold no run config (open config.json with curve.jsonl, or the runs table with the curves).',
    };
  }
  if (!configured.some((r) => r.config.task.skills === 1)) {
    return { B2: FITTED.rateScale, note: `${paper}: no n_s = 1 run here to fit it on.` };
  }
  try {
    const { fit } = calibrate(configured, 'time', { resamples: RESAMPLES });
    const interval = fit.interval ? ` (95 % interval ${fmt(fit.interval.lo)}–${fmt(fit.interval.hi)})` : '';
    return {
      B2: fit.value,
      note: `Model: Eq. 14 with B² = ${fmt(fit.value)}${interval}, fitted here on ${fit.runs} n_s = 1 runs (paper: 1/22 ≈ 0.045).`,
    };
  } catch (e) {
    return { B2: FITTED.rateScale, note: `${paper}, not fitted here: ${(e as Error).message}.` };
  }
}

function fmt(x: number): string {
  return x.toPrecision(3);
}
