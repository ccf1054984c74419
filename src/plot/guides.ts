import type { Series } from './lineChart.ts';
import { decadeLabel } from './ticks.ts';

/** A dotted power-law guide A·x^p, as drawn over the model curves in Figs. 2, 3 and 7. */
export interface PowerLawGuideOptions {
  /** A, the computed prefactor (printed in the legend). */
  prefactor: number;
  /** p, the signed exponent (e.g. −α/(α+1)). */
  exponent: number;
  /** The variable's name in the legend label: "T", "D", "N", "C". */
  variable: string;
  /** The x range to draw over; positive. */
  domain: readonly [number, number];
  color?: string;
  /** Legend label; defaults to `powerLawLabel(prefactor, exponent, variable)`. */
  name?: string;
}

/**
 * The guide as a dotted series. Two end points suffice: a power law is a straight line on log–log axes and
 * Vega interpolates in screen space.
 */
export function powerLawGuide(options: PowerLawGuideOptions): Series {
  const { prefactor: a, exponent: p, variable, domain, color } = options;
  return {
    name: options.name ?? powerLawLabel(a, p, variable),
    dash: 'dotted',
    ...(color === undefined ? {} : { color }),
    points: domain.map((x) => ({ x, y: a * x ** p })),
  };
}

/** "1.20·T^−0.375": the prefactor to 3 significant digits, the exponent to 3 decimals, unicode minus. */
export function powerLawLabel(prefactor: number, exponent: number, variable: string): string {
  return `${significant(prefactor)}·${variable}^${exponent.toFixed(3).replace('-', '−')}`;
}

/** x to 3 significant digits, with a ×10ⁿ tail instead of JavaScript's e-notation. */
export function significant(x: number): string {
  const text = x.toPrecision(3);
  const e = text.indexOf('e');
  if (e < 0) return text.replace('-', '−');
  return `${text.slice(0, e).replace('-', '−')}×${decadeLabel(Number(text.slice(e + 1)))}`;
}
