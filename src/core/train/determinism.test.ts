// A run is reproducible from its config and seed: same seed → identical metrics and weights; another seed
// → different ones. Covers every random stream (init, shuffle, dropout, input noise, label corruption).
import { describe, expect, it } from 'vitest';
import { experimentConfig, type ExperimentConfig } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import type { EpochMetrics } from './events';
import { runExperiment } from './trainer';

const DATA_SEED = 5;

function config(seed: number): ExperimentConfig {
  return experimentConfig.parse({
    seed,
    data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8, channels: 1 },
    teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 1 },
    student: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.2 }, epochs: 2 },
    students: [
      { method: 'fickle-teacher' },
      { method: 'soft-randomization', sigma: 0.2 },
      { method: 'messy-collaboration', rate: 0.3, target: 'TS' },
    ],
    optimizer: { type: 'adam', lr: 0.01 },
    schedule: 'cosine',
    batchSize: 16,
  });
}

const data: Dataset = syntheticDataset({ trainSize: 64, testSize: 32, size: 8, channels: 1, seed: DATA_SEED });

/** Per-epoch metrics without the timing fields, and every model's weights, by phase id. */
async function run(seed: number) {
  const epochs: Omit<EpochMetrics, 'seconds' | 'imgPerSec'>[] = [];
  const out = await runExperiment(config(seed), data, {
    keepTeachers: true,
    maxStepsPerEpoch: 3,
    listener: {
      onEpochEnd: ({ seconds: _s, imgPerSec: _i, ...m }) => epochs.push(m),
    },
  });
  const weights = new Map<string, Float32Array[]>();
  for (const [id, m] of out.models) {
    weights.set(
      id,
      await Promise.all([...m.trainable, ...m.state].map(async (v) => Float32Array.from(await v.data()))),
    );
    m.dispose();
  }
  return { epochs, weights };
}

describe('determinism', () => {
  it('the same config and seed give identical per-epoch metrics and weights; another seed differs', async () => {
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);

    // 2 teachers (clean and r=0.3) + 3 students.
    expect([...a.weights.keys()].sort()).toEqual(['student-1', 'student-2', 'student-3', 'teacher', 'teacher-r0.3']);
    expect(a.epochs).toHaveLength(2 * 1 + 3 * 2);
    expect(b.epochs).toEqual(a.epochs);
    expect(a.epochs.every((e) => Number.isFinite(e.cleanTrainLoss) && Number.isFinite(e.cleanTrainAcc))).toBe(true);
    for (const [id, ws] of a.weights) {
      const other = b.weights.get(id)!;
      ws.forEach((w, i) => expect(Array.from(other[i])).toEqual(Array.from(w)));
    }

    expect(c.epochs.map((e) => e.trainLoss)).not.toEqual(a.epochs.map((e) => e.trainLoss));
    for (const [id, ws] of a.weights) {
      const other = c.weights.get(id)!;
      const differs = ws.some((w, i) => w.some((v, j) => v !== other[i][j]));
      expect(differs, `weights of ${id} should depend on the seed`).toBe(true);
    }
  });

  it('crop+flip augmentation is seeded: same seed, same weights; it changes what the model sees', async () => {
    const colour = syntheticDataset({ trainSize: 64, testSize: 32, size: 8, channels: 3, seed: DATA_SEED });
    const cfg = experimentConfig.parse({
      ...config(3),
      data: { dataset: 'synthetic', trainSize: 64, testSize: 32, size: 8, channels: 3 },
      students: [{ method: 'hinton-kd' }],
    });
    const weightsOf = async (d: Dataset) => {
      const out = await runExperiment(cfg, d, { maxStepsPerEpoch: 2 });
      const ws = await Promise.all(out.models.get('student-1')!.trainable.map(async (v) => Array.from(await v.data())));
      for (const m of out.models.values()) m.dispose();
      return ws.flat();
    };
    const aug: Dataset = { ...colour, augment: 'crop-flip' };
    const a = await weightsOf(aug);
    expect(await weightsOf(aug)).toEqual(a);
    expect(await weightsOf(colour)).not.toEqual(a);
  });

  it('the synthetic data set is a function of its seed', () => {
    const again = syntheticDataset({ trainSize: 64, testSize: 32, size: 8, channels: 1, seed: DATA_SEED });
    expect(Array.from(again.train.images)).toEqual(Array.from(data.train.images));
  });
});
