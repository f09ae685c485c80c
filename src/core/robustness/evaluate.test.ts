// Accuracy under corruptions: hand-checkable cells on a one-pixel threshold model, a host-side reference on a
// nearest-centroid model (padded batches, per-image seeds), progress, stop, and no tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearModel, thresholdModel, tinyDataset } from '../attacks/testModels';
import { range } from '../data/batches';
import { syntheticDataset } from '../data/synthetic';
import type { Model } from '../nn/model';
import { StoppedError } from '../train/control';
import { evaluate } from '../train/evaluate';
import { corruptImages } from './corruptions';
import { corruptionAccuracy } from './evaluate';

let threshold: Model;
let centroid: Model;
const syn = syntheticDataset({ trainSize: 200, testSize: 40, size: 8, channels: 1, seed: 3 });
const D = 64;
const K = 10;
// Nearest-centroid linear classifier: W_k = μ_k, b_k = −|μ_k|²/2 (host copies for the reference).
const W = new Float64Array(D * K);
const bias = new Float64Array(K);
beforeAll(() => {
  const cnt = new Float64Array(K);
  for (let i = 0; i < syn.train.count; i++) {
    cnt[syn.train.labels[i]]++;
    for (let j = 0; j < D; j++) W[j * K + syn.train.labels[i]] += syn.train.images[i * D + j] / 255;
  }
  W.forEach((v, i) => (W[i] = v / cnt[i % K]));
  for (let k = 0; k < K; k++) for (let j = 0; j < D; j++) bias[k] -= 0.5 * W[j * K + k] ** 2;
  threshold = thresholdModel();
  centroid = linearModel(W, bias, { height: 8, width: 8, channels: 1, numClasses: K, mean: [0], std: [1] });
});
afterAll(() => {
  threshold.dispose();
  centroid.dispose();
});

describe('corruptionAccuracy', () => {
  it('counts by hand on one-pixel images: brightness flips x = 0.451; contrast of one pixel changes nothing', async () => {
    // x = 0.451 (label 0), 0.902 (1), 0.102 (0): all right when clean; +0.05 brightness pushes 0.451 past 0.5.
    const d = tinyDataset([115, 230, 26], [0, 1, 0]);
    const progress: number[] = [];
    const r = await corruptionAccuracy({ t: threshold }, d, d.test, range(3), {
      corruptions: ['brightness', 'contrast'],
      batchSize: 2,
      onProgress: (p) => progress.push(p.done),
    });
    const m = r.models.t;
    expect(m.clean).toBe(1);
    expect(m.acc.brightness!.map((a) => a * 3)).toEqual([2, 2, 2, 2, 2]);
    expect(m.acc.contrast).toEqual([1, 1, 1, 1, 1]);
    expect(m.perCorruption.brightness).toBeCloseTo(2 / 3, 6);
    expect(m.mean).toBeCloseTo((2 / 3 + 1) / 2, 6);
    expect(r.severities).toEqual([1, 2, 3, 4, 5]);
    expect(progress[progress.length - 1]).toBe(3 * 11);
    expect(progress).toHaveLength(2 * 11);
  });

  it('agrees with a host-side reference (padded last batch, per-image seeds) and with train/evaluate', async () => {
    const before = tf.memory().numTensors;
    const r = await corruptionAccuracy({ c: centroid }, syn, syn.test, range(40), {
      corruptions: ['gaussian-noise', 'fog'],
      severities: [3, 5],
      batchSize: 16,
      seed: 9,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.models.c.clean).toBeCloseTo((await evaluate(centroid, syn, syn.test)).acc, 6);
    const x = Float32Array.from(syn.test.images, (v) => v / 255);
    const shape = { height: 8, width: 8, channels: 1 };
    for (const kind of ['gaussian-noise', 'fog'] as const) {
      const accs = [3, 5].map((s) => {
        const xc = corruptImages(kind, x, shape, s as 3 | 5, 9, range(40));
        let hits = 0;
        for (let i = 0; i < 40; i++) {
          const z = Array.from(
            { length: K },
            (_, k) =>
              bias[k] + Array.from({ length: D }, (_, j) => xc[i * D + j] * W[j * K + k]).reduce((a, v) => a + v),
          );
          if (z.indexOf(Math.max(...z)) === syn.test.labels[i]) hits++;
        }
        return hits / 40;
      });
      expect(r.models.c.acc[kind]).toEqual(accs);
    }
    expect(r.models.c.acc.fog![1]).toBeLessThan(r.models.c.clean);
  });

  it('stops between batches without leaking; rejects unknown corruptions', async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    await expect(
      corruptionAccuracy({ c: centroid }, syn, syn.test, range(40), {
        batchSize: 16,
        onProgress: () => calls++,
        shouldStop: () => calls >= 4,
      }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(calls).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    await expect(
      corruptionAccuracy({ c: centroid }, syn, syn.test, range(4), { corruptions: ['frost' as never] }),
    ).rejects.toThrow(/unknown corruption "frost"/);
  });
});
