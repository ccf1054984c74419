import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunConfig } from '../../src/experiment/config.ts';
import { canonicalJson, runId } from '../../src/results/run-id.ts';
import { syntheticConfig } from '../helpers/runs.ts';

test('canonicalJson sorts keys at every depth and drops undefined fields', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined }, A: null }),
    '{"A":null,"a":{"d":[3,{"y":2,"z":1}]},"b":1}',
  );
});

test('runId is 16 hex digits, pinned for a fixed config: stored runs keep their ids across versions', () => {
  const config = {
    task: { skills: 5, bits: 32 },
    model: { width: 1000 },
    optimizer: { name: 'sgd', lr: 0.02 },
    steps: 30000,
    seed: 3,
  } as unknown as RunConfig;
  // printf '%s' '{"model":{"width":1000},"optimizer":{"lr":0.02,"name":"sgd"},"seed":3,"steps":30000,"task":{"bits":32,"skills":5}}' | sha256sum
  assert.equal(runId(config), 'e34b2012a8dbc621');
});

test('runId ignores key order, preset, threads and split; seed, width and steps change it', () => {
  const config = syntheticConfig({ seed: 1 });
  const id = runId(config);
  const reordered = Object.fromEntries(Object.entries(config).reverse()) as RunConfig;
  assert.equal(runId(reordered), id);
  assert.equal(runId({ ...config, preset: 'fig11a' }), id);
  assert.equal(runId({ ...config, threads: 2 }), id);
  assert.equal(runId({ ...config, threads: 2, split: 'samples' }), id);
  const { preset: _, ...unlabelled } = config;
  assert.equal(runId(unlabelled as RunConfig), id);
  const others = [
    { ...config, seed: 2 },
    { ...config, steps: config.steps + 1 },
    { ...config, model: { ...config.model, width: 999 } },
    { ...config, kernels: 'simd' as const },
  ].map(runId);
  assert.equal(new Set([id, ...others]).size, 5);
});
