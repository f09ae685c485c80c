// The resource guard on the fault run's configs: huge ones are refused with figures, the defaults pass, a long
// run asks first; and the memory estimate is of the right size against a real model's tensors.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/defaults';
import { experimentConfig } from '../config/schema';
import { buildModel } from '../nn/build';
import { stream } from '../rng';
import { activationsPerImage, CONFIRM_SECONDS, estimateMemory, guardRun } from './resources';

const base = defaultConfig();
const huge = [
  experimentConfig.parse({
    ...base,
    teacher: { model: { family: 'cnn', channels: [256, 512], hidden: 2048, dropout: 0.4 }, epochs: 4 },
    student: { model: { family: 'cnn', channels: [256, 512], hidden: 2048 }, epochs: 4 },
    students: Array.from({ length: 8 }, () => ({ method: 'hinton-kd' })),
    batchSize: 512,
  }),
  experimentConfig.parse({
    ...base,
    data: { dataset: 'synthetic', trainSize: 20000, testSize: 2000, size: 32, channels: 3 },
    teacher: { model: { family: 'wrn', depth: 40, widen: 10, dropout: 0.3 }, epochs: 1 },
    student: { model: { family: 'wrn', depth: 40, widen: 10 }, epochs: 1 },
    optimizer: { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 },
    batchSize: 512,
  }),
];

describe('resource guard', () => {
  it.each(huge.map((c, i) => [i, c] as const))('refuses huge config %i on every backend, with figures', (_, cfg) => {
    for (const b of ['wasm', 'webgl', 'webgpu', 'cpu']) {
      const g = guardRun(cfg, b, 60);
      expect(g.verdict).toBe('refuse');
      if (g.verdict === 'refuse') expect(g.message).toMatch(/needs about [\d.]+ GB .*weights.*activations.*more than/);
    }
  });

  it('the default config and the CIFAR preset pass; a run over 30 minutes asks first', () => {
    expect(guardRun(base, 'wasm', 300).verdict).toBe('ok');
    expect(estimateMemory(base).total).toBeLessThan(200 * 2 ** 20);
    const g = guardRun(base, 'wasm', CONFIRM_SECONDS + 60);
    expect(g.verdict).toBe('confirm');
    if (g.verdict === 'confirm') expect(g.message).toMatch(/31 minutes/);
    expect(guardRun(base, 'wasm', null).verdict).toBe('ok');
  });

  it('the activation count is at least what a real forward pass allocates per image (cnn and wrn)', () => {
    for (const spec of [base.student.model, { family: 'wrn', depth: 10, widen: 1, dropout: 0 } as const]) {
      const shape = { height: 16, width: 16, channels: 1, numClasses: 10 };
      const m = buildModel(spec, { ...shape, mean: [0], std: [1] }, stream(1, 'init', 'r'));
      const before = tf.memory().numBytes;
      let peak = 0;
      tf.tidy(() => {
        const y = m.apply(tf.zeros([8, 16, 16, 1]), { dropout: false, bnTraining: true });
        peak = tf.memory().numBytes - before;
        return y;
      });
      m.dispose();
      const estimated = activationsPerImage(spec, shape) * 8 * 4;
      // The forward pass's own tensors (the backward pass adds gradients: ACTIVATION_FACTOR covers them).
      expect(estimated).toBeGreaterThanOrEqual(peak * 0.5);
      expect(estimated).toBeLessThanOrEqual(peak * 2);
    }
  });
});
