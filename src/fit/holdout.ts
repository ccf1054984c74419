// Out-of-sample score of a scaling law: fit on the smaller scales, predict the largest (the extrapolation a
// scaling law is used for).
import { invalid } from '../errors.ts';
import { type FitPoint, fitPowerLaw, type PowerLawFit, type PowerLawOptions, powerLaw } from './powerLaw.ts';

export interface HoldoutOptions extends PowerLawOptions {
  /** How many of the largest distinct x are held out. Default 1. */
  heldOut?: number;
}

export interface HoldoutPrediction extends FitPoint {
  predicted: number;
  /** log(predicted / y). */
  logError: number;
  /** (predicted − y)/y. */
  relativeError: number;
}

export interface HoldoutScore {
  /** The fit to the points below the held-out scales. */
  fit: PowerLawFit;
  /** The held-out points with their predictions. */
  predictions: HoldoutPrediction[];
  /** √(mean logError²) over the held-out points. */
  rmsLogError: number;
  /** Mean |relativeError| over the held-out points. */
  meanAbsRelativeError: number;
}

/** Fits on every point whose x is below the `heldOut` largest distinct x, and scores the prediction there. */
export function holdoutScore(points: readonly FitPoint[], options: HoldoutOptions = {}): HoldoutScore {
  const { heldOut = 1 } = options;
  const scales = [...new Set(points.map((p) => p.x))].sort((p, q) => p - q);
  if (!(Number.isInteger(heldOut) && heldOut >= 1 && heldOut < scales.length)) {
    throw invalid('heldOut', `an integer in [1, ${scales.length - 1}] (distinct x minus one)`, heldOut);
  }
  const cut = scales[scales.length - heldOut];
  const fit = fitPowerLaw(
    points.filter((p) => p.x < cut),
    options,
  );
  const predictions = points
    .filter((p) => p.x >= cut)
    .map(({ x, y }) => {
      const predicted = powerLaw(fit, x);
      return { x, y, predicted, logError: Math.log(predicted / y), relativeError: (predicted - y) / y };
    });
  const mean = (f: (p: HoldoutPrediction) => number) =>
    predictions.reduce((s, p) => s + f(p), 0) / predictions.length;
  return {
    fit,
    predictions,
    rmsLogError: Math.sqrt(mean((p) => p.logError ** 2)),
    meanAbsRelativeError: mean((p) => Math.abs(p.relativeError)),
  };
}
