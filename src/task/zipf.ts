// The skill distribution P_s of Eq. 1: the one place it is computed (the sampler and the theory both use it;
// theory/zeta.ts keeps only the normaliser, for n_s = ∞ too).

/** P_s(k) = k^-(α+1) / Σ_{j≤n_s} j^-(α+1) for k = 1..n_s, as a 0-based array (Eq. 1). */
export function zipfProbs(skills: number, alpha: number): Float64Array {
  const p = new Float64Array(skills);
  for (let k = 0; k < skills; k++) p[k] = (k + 1) ** -(alpha + 1);
  return normalise(p);
}

/** P_s(k) = 1/n_s: every skill equally frequent. */
export function uniformProbs(skills: number): Float64Array {
  return new Float64Array(skills).fill(1 / skills);
}

/** Divides by the sum, added from the smallest term up so long Zipf tails keep their precision. */
function normalise(p: Float64Array): Float64Array {
  let z = 0;
  for (let k = p.length - 1; k >= 0; k--) z += p[k];
  for (let k = 0; k < p.length; k++) p[k] /= z;
  return p;
}
