// The Huber loss (Huber 1964), as used on log residuals by Hoffmann et al. (2022) and Besiroglu et al. (2024).

/** Huber_δ(r) = r²/2 for |r| ≤ δ, δ·(|r| − δ/2) beyond: quadratic near 0, linear (robust) in the tails. */
export function huber(r: number, delta: number): number {
  const abs = Math.abs(r);
  return abs <= delta ? 0.5 * r * r : delta * (abs - 0.5 * delta);
}

/** dHuber_δ/dr = r clipped to [−δ, δ]. */
export function huberDerivative(r: number, delta: number): number {
  return r > delta ? delta : r < -delta ? -delta : r;
}
