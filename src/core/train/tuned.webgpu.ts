// Autotuned training equals stock training on WebGPU (Node + Dawn; SwiftShader on CPU machines): 50 SGD steps of a
// tiny CNN from the same seed, the tuner timing the candidates on this adapter.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { experimentConfig } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import { candidatesOf } from '../nn/ops/candidates';
import { setOpsMode } from '../nn/ops/routing';
import { Tuner } from '../nn/tune/autotuner';
import { MemoryTuneCache } from '../nn/tune/cache';
import { runExperiment } from './trainer';

async function losses(model: object, tuner?: Tuner): Promise<number[]> {
  const data = syntheticDataset({ trainSize: 80, testSize: 10, size: 8, channels: 1, seed: 5 });
  const cfg = experimentConfig.parse({
    seed: 3,
    data: { dataset: 'synthetic', trainSize: 80, testSize: 10, size: 8, channels: 1 },
    teacher: { model, epochs: 1 },
    student: { model, epochs: 5 }, // 5 epochs × 10 steps = 50 steps
    students: [{ method: 'student-alone' }],
    optimizer: { type: 'sgd', lr: 0.01, momentum: 0.9, weightDecay: 5e-4 },
    schedule: 'constant',
    batchSize: 8,
  });
  const out: number[] = [];
  const run = await runExperiment(cfg, data, {
    sampleEvery: 1,
    cleanTrainMax: 0,
    tuner,
    listener: { onStep: (s) => out.push(s.loss) },
  });
  for (const m of run.models.values()) m.dispose();
  return out;
}

describe('autotuned vs stock training on WebGPU, 50 steps', () => {
  // One tiny CNN: on SwiftShader every new shader compiles for ~0.1-1 s (a WRN-10-1 took 4 minutes here).
  for (const model of [{ family: 'cnn', channels: [4, 8], hidden: 16, dropout: 0 }]) {
    it(`${model.family}: per-step losses agree`, async () => {
      expect(tf.getBackend()).toBe('webgpu');
      setOpsMode('stock');
      const stock = await losses(model);
      setOpsMode('ours');
      const device = { backend: 'webgpu', adapter: 'test', tfjs: tf.version_core };
      // A larger budget than the app's 2 s, so that more shapes are decided despite SwiftShader's compile times.
      const tuner = new Tuner(device, candidatesOf, new MemoryTuneCache(), { budgetMs: 10_000 });
      const tuned = await losses(model, tuner);
      console.table(
        tuner.summary().map((d) => ({ op: d.op, shape: d.shape, choice: d.choice, gain: d.gain, ...d.ms })),
      );
      expect(tuned).toHaveLength(50);
      for (let i = 0; i < 50; i++)
        expect(Math.abs(tuned[i] - stock[i]), `step ${i}`).toBeLessThan(1e-3 * Math.max(1, stock[i]));
      expect(tuner.summary().length).toBeGreaterThan(0);
    });
  }
});
