// Tick values and labels for log axes: labelled decades (10⁻², 10⁰, 10³) and unlabelled minor ticks at 2..9;
// a domain spanning a decade or less gets plain labels at 1, 2 and 5 (at every tick below a factor of 3)
// instead, so the axis is never bare.

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** `10` followed by the exponent in superscript digits: decadeLabel(-3) = "10⁻³". */
export function decadeLabel(exponent: number): string {
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join('')}`;
}

/** A tick on a log axis; `major` ticks carry a label and a grid line. */
export interface LogTick {
  value: number;
  label: string;
  major: boolean;
}

/** Ticks of a log axis over `[lo, hi]` (0 < lo < hi), in increasing order. */
export function logTicks(lo: number, hi: number): LogTick[] {
  const first = Math.floor(Math.log10(lo) + 1e-9);
  const last = Math.ceil(Math.log10(hi) - 1e-9);
  const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const ratio = hi / lo;
  const narrow = ratio <= 10 * (1 + 1e-9);
  const labelled = new Set(ratio <= 3 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : narrow ? [1, 2, 5] : [1]);
  const ticks: LogTick[] = [];
  for (let e = first; e <= last; e++) {
    for (let m = 1; m <= 9; m++) {
      // m·10^e as a string round trip, so 3·10⁻¹ is 0.3 and not 0.30000000000000004.
      const value = Number(`${m}e${e}`);
      if (!inside(value)) continue;
      const major = labelled.has(m);
      const label = !major ? '' : narrow ? plainLabel(m, e) : decadeLabel(e);
      ticks.push({ value, label, major });
    }
  }
  return ticks;
}

function plainLabel(mantissa: number, exponent: number): string {
  if (exponent >= -3 && exponent <= 4) return String(Number(`${mantissa}e${exponent}`));
  return mantissa === 1 ? decadeLabel(exponent) : `${mantissa}×${decadeLabel(exponent)}`;
}
