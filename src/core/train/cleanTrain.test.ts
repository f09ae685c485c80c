// The clean cross-entropy on a training subset after every epoch (the loss chart's comparable curve), on the real
// engine: present and finite for every model, equal to a direct clean evaluation of the trained model on that
// subset, different from the training objective where the method adds noise, and without effect on training.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { experimentConfig, type ExperimentConfigInput } from '../config/schema';
import { syntheticDataset } from '../data/synthetic';
import type { Model } from '../nn/model';
import { buildModel } from '../nn/build';
import { stream } from '../rng';
import { CLEAN_TRAIN_MAX, cleanTrainIndices, cleanTrainSize } from './cleanTrain';
import { RunControl, StoppedError } from './control';
import { evaluate } from './evaluate';
import type { EpochMetrics } from './events';
import { inputInfo, runExperiment, type TrainerOptions } from './trainer';

// Test set (40) smaller than the training set (96): the subset is 40 images, every 2.4th.
const data = syntheticDataset({ trainSize: 96, testSize: 40, size: 8, channels: 1, seed: 3 });

// A dropout teacher; a student per kind of training noise: none, soft labels, noisy inputs, corrupted labels.
const cfg = experimentConfig.parse({
  seed: 4,
  data: { dataset: 'synthetic', trainSize: 96, testSize: 40, size: 8, channels: 1 },
  teacher: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.3 }, epochs: 1 },
  student: { model: { family: 'cnn', channels: [2, 4], hidden: 8, dropout: 0.2 }, epochs: 2 },
  students: [
    { method: 'student-alone' },
    { method: 'hinton-kd' },
    { method: 'soft-randomization', sigma: 0.3 },
    { method: 'messy-collaboration', rate: 0.4, target: 'S' },
  ],
  optimizer: { type: 'adam', lr: 0.01 },
  schedule: 'cosine',
  batchSize: 16,
} satisfies ExperimentConfigInput);

async function run(opts: TrainerOptions = {}) {
  const epochs: EpochMetrics[] = [];
  const out = await runExperiment(cfg, data, {
    keepTeachers: true,
    maxStepsPerEpoch: 3,
    ...opts,
    listener: { onEpochEnd: (e) => epochs.push(e) },
  });
  return { epochs, out };
}

async function weightsOf(models: Map<string, Model>): Promise<Map<string, number[][]>> {
  const w = new Map<string, number[][]>();
  for (const [id, m] of models)
    w.set(id, await Promise.all([...m.trainable, ...m.state].map(async (v) => Array.from(await v.data()))));
  return w;
}

describe('the clean training subset', () => {
  it('is min(train, test, 2000) images spread evenly over the training set, drawn without randomness', () => {
    expect(cleanTrainSize(8000, 2000)).toBe(2000);
    expect(cleanTrainSize(60000, 10000)).toBe(CLEAN_TRAIN_MAX);
    expect(cleanTrainSize(96, 40)).toBe(40);
    expect(cleanTrainSize(64, 128)).toBe(64);
    expect(cleanTrainSize(96, 40, 0)).toBe(0);
    const idx = cleanTrainIndices(8000, 2000);
    expect(idx).toHaveLength(2000);
    expect(new Set(idx).size).toBe(2000);
    expect([idx[0], idx[1], idx[1999]]).toEqual([0, 4, 7996]);
    expect(Array.from(cleanTrainIndices(64, 64))).toEqual(Array.from({ length: 64 }, (_, i) => i));
    expect(Array.from(cleanTrainIndices(96, 40))).toEqual(Array.from(cleanTrainIndices(96, 40)));
  });

  it('a stop queued while it is evaluated ends the evaluation at the next batch, without leaks', async () => {
    const big = syntheticDataset({ trainSize: 1000, testSize: 1000, size: 8, channels: 1, seed: 1 });
    const m = buildModel(
      { family: 'cnn', channels: [2, 2], hidden: 8, dropout: 0 },
      inputInfo(big),
      stream(1, 'init', 'x'),
    );
    const before = tf.memory().numTensors;
    const c = new RunControl();
    setTimeout(() => c.stop(), 0);
    const idx = cleanTrainIndices(big.train.count, cleanTrainSize(big.train.count, big.test.count));
    await expect(evaluate(m, big, big.train, 50, c, idx)).rejects.toBeInstanceOf(StoppedError);
    expect(tf.memory().numTensors).toBe(before);
    m.dispose();
  });
});

describe('cleanTrainLoss / cleanTrainAcc per epoch', () => {
  it('are finite for every model and epoch and equal a direct clean evaluation of the trained model', async () => {
    const { epochs, out } = await run();
    expect(epochs).toHaveLength(1 + 4 * 2);
    for (const e of epochs) {
      expect(Number.isFinite(e.cleanTrainLoss), `${e.id} epoch ${e.epoch}`).toBe(true);
      expect(e.cleanTrainLoss).toBeGreaterThan(0);
      expect(e.cleanTrainAcc).toBeGreaterThanOrEqual(0);
      expect(e.cleanTrainAcc).toBeLessThanOrEqual(1);
    }
    const idx = cleanTrainIndices(data.train.count, cleanTrainSize(data.train.count, data.test.count));
    for (const r of out.results) {
      const direct = await evaluate(out.models.get(r.id)!, data, data.train, undefined, undefined, idx);
      const last = r.history.at(-1)!;
      expect(last.cleanTrainLoss, r.id).toBe(direct.loss);
      expect(last.cleanTrainAcc, r.id).toBe(direct.acc);
    }
    // Where the method trains on something else than the clean true labels, the objective is another number.
    const byId = (id: string) => epochs.filter((e) => e.id === id);
    for (const id of ['student-2', 'student-3', 'student-4'])
      for (const e of byId(id)) expect(Math.abs(e.cleanTrainLoss! - e.trainLoss), `${id}`).toBeGreaterThan(1e-4);
    for (const m of out.models.values()) m.dispose();
  });

  it('do not change training: metrics and weights are those of a run without them (cleanTrainMax 0)', async () => {
    const baseline = tf.memory().numTensors;
    const a = await run();
    const b = await run({ cleanTrainMax: 0 });
    expect(b.epochs.every((e) => !('cleanTrainLoss' in e) && !('cleanTrainAcc' in e))).toBe(true);
    const core = ({ id, epoch, trainLoss, trainAcc, testLoss, testAcc }: EpochMetrics) => ({
      id,
      epoch,
      trainLoss,
      trainAcc,
      testLoss,
      testAcc,
    });
    expect(a.epochs.map(core)).toEqual(b.epochs.map(core));
    const wa = await weightsOf(a.out.models);
    const wb = await weightsOf(b.out.models);
    expect([...wa.keys()]).toEqual([...wb.keys()]);
    for (const [id, ws] of wa) ws.forEach((w, i) => expect(wb.get(id)![i], `${id} variable ${i}`).toEqual(w));
    for (const m of [...a.out.models.values(), ...b.out.models.values()]) m.dispose();
    expect(tf.memory().numTensors, 'tensors left').toBe(baseline);
  });
});
