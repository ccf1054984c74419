import type { Activation } from './config.ts';

/** σ(z) = 1/(1 + e^{−z}), written so neither branch overflows. */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The hidden-layer nonlinearity. */
export function activate(name: Activation, z: number): number {
  if (name === 'relu') return z > 0 ? z : 0;
  return name === 'tanh' ? Math.tanh(z) : logistic(z);
}

/**
 * dσ/dz from the pre-activation z and the activation a = σ(z). ReLU's derivative at 0 is 0, as PyTorch's
 * threshold_backward takes it.
 */
export function activationGrad(name: Activation, z: number, a: number): number {
  if (name === 'relu') return z > 0 ? 1 : 0;
  return name === 'tanh' ? 1 - a * a : a * (1 - a);
}
