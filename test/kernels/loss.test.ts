import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKernels } from '../../src/kernels/node.ts';

// The lossGrad kernel for one output (mse, mse-half, and cross-entropy on the logit difference d) against a
// direct float64 computation, over d from −100 to 100 (e^{−|d|} underflows at the ends), with two partial sums,
// a bias, and a sample count that leaves padded lanes.

function expected(loss: 'mse' | 'mse-half' | 'ce', f: number, y: number): { l: number; g: number } {
  if (loss === 'ce') {
    const c = y > 0.5 ? 1 : 0;
    const l = Math.max(c ? -f : f, 0) + Math.log1p(Math.exp(-Math.abs(f)));
    return { l, g: 1 / (1 + Math.exp(-f)) - c };
  }
  const e = f - y;
  return loss === 'mse' ? { l: e * e, g: 2 * e } : { l: 0.5 * e * e, g: e };
}

for (const flavour of ['simd', 'relaxed'] as const) {
  test(`lossGrad (${flavour}, one output) equals the float64 losses and gradients, padded lanes zero`, async () => {
    const k = await loadKernels(flavour);
    const n = 1022;
    const padded = 1024;
    const f32 = (m: number) => k.heap.array(Float32Array, m);
    const partial = f32(2 * padded);
    const targets = f32(padded);
    const bias = f32(2);
    const out = f32(padded);
    const dOut = f32(padded);
    bias[0] = 0.25;
    for (let i = 0; i < padded; i++) {
      const d = -100 + (200 * i) / (n - 1);
      partial[i] = d / 2;
      partial[padded + i] = d / 2 - bias[0];
    }
    for (const loss of ['mse', 'mse-half', 'ce'] as const) {
      // Classes for ce, ±S labels for mse.
      for (let i = 0; i < padded; i++) targets[i] = loss === 'ce' ? +(i % 3 === 0) : i % 3 === 0 ? -5 : 5;
      bias[1] = 0;
      const scale = 1 / n;
      const total = k.calls.lossGrad({
        partial: partial.byteOffset,
        parts: 2,
        partStride: padded,
        samples: n,
        padded,
        outputs: 1,
        bOut: bias.byteOffset,
        targets: targets.byteOffset,
        loss: loss === 'ce' ? 'ce-difference' : loss,
        scale,
        out: out.byteOffset,
        dOut: dOut.byteOffset,
        dBOut: bias.byteOffset + 4,
      });
      let sum = 0;
      let gradSum = 0;
      for (let i = 0; i < n; i++) {
        const f = partial[i] + partial[padded + i] + bias[0];
        assert.ok(Math.abs(out[i] - f) <= 1e-5 * Math.max(1, Math.abs(f)), `${loss}: output ${i}`);
        const { l, g } = expected(loss, out[i], targets[i]);
        sum += l;
        gradSum += g * scale;
        assert.ok(
          Math.abs(dOut[i] - g * scale) <= 1e-6 * scale * Math.max(1, Math.abs(g)),
          `${loss}: gradient ${i}`,
        );
      }
      for (let i = n; i < padded; i++) assert.equal(dOut[i], 0, `${loss}: padded lane ${i}`);
      assert.ok(Math.abs(total - sum) <= 1e-6 * sum, `${loss}: loss ${total} vs ${sum}`);
      assert.ok(Math.abs(bias[1] - gradSum) <= 1e-5, `${loss}: bias gradient`);
    }
  });
}
