import { UsageError } from '../errors.ts';
import type { Rng } from './rng.ts';

export type MaskMode = 'disjoint' | 'overlapping';

/**
 * Each skill's m relevant bit positions (0-based within the n_b task bits, sorted ascending).
 * - disjoint (authors' code): m·n_s positions drawn without replacement, so no two skills share a bit.
 * - overlapping (Michaud et al.): each skill draws m distinct positions; only identical subsets are redrawn.
 */
export function drawMasks(mode: MaskMode, skills: number, bits: number, m: number, rng: Rng): number[][] {
  return mode === 'disjoint' ? disjointMasks(skills, bits, m, rng) : overlappingMasks(skills, bits, m, rng);
}

function disjointMasks(skills: number, bits: number, m: number, rng: Rng): number[][] {
  const chosen = partialShuffle(bits, m * skills, rng);
  return Array.from({ length: skills }, (_, k) => sorted(chosen.slice(k * m, (k + 1) * m)));
}

function overlappingMasks(skills: number, bits: number, m: number, rng: Rng): number[][] {
  if (binomial(bits, m) < skills) {
    throw new UsageError(
      `overlapping masks need C(bits, m) ≥ skills distinct subsets (C(${bits}, ${m}) < ${skills})`,
    );
  }
  const seen = new Set<string>();
  const masks: number[][] = [];
  while (masks.length < skills) {
    const mask = sorted(partialShuffle(bits, m, rng));
    const key = mask.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    masks.push(mask);
  }
  return masks;
}

/** The first `count` entries of a uniformly random permutation of 0..n-1 (partial Fisher–Yates). */
function partialShuffle(n: number, count: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + rng.int(n - i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, count);
}

function sorted(a: number[]): number[] {
  return a.sort((x, y) => x - y);
}

/** C(n, k) as a float (exact while it is below 2^53, +∞ past the double range: only compared here). */
export function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}
