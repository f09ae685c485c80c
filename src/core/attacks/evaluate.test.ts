// Robust accuracy, ε sweeps, transfer and the gallery: hand-checkable counts on one-pixel threshold models,
// consistency with the clean evaluation on a nearest-centroid model, progress / stop, and no tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { range } from '../data/batches';
import { syntheticDataset } from '../data/synthetic';
import type { Dataset } from '../data/types';
import { StoppedError } from '../train/control';
import { evaluate } from '../train/evaluate';
import { epsSweep, robustAccuracy, transfer } from './evaluate';
import { craftGallery } from './gallery';
import type { Model } from '../nn/model';
import { linearModel, thresholdModel, tinyDataset } from './testModels';
import type { AttackSpec, PgdSpec } from './types';

// x = pixel/255: 0.102, 0.451, 0.549, 0.902, 0.302, 0.702, 0.451. The threshold model says 1 iff x > 0.5, so
// examples 0–3 are right and 4–6 wrong. At ε = 0.1 the attack flips 1 and 2 (within 0.1 of 0.5).
const d = tinyDataset([26, 115, 140, 230, 77, 179, 115], [0, 0, 1, 1, 1, 0, 1]);
const all = range(7);
let model: Model;
let inverted: Model;
beforeAll(() => {
  model = thresholdModel();
  inverted = thresholdModel(true);
});
afterAll(() => {
  model.dispose();
  inverted.dispose();
});

const FGSM: AttackSpec = { kind: 'fgsm', eps: 0.1 };
const PGD: PgdSpec = { kind: 'pgd', eps: 0.1, stepSize: 0.025, steps: 10, randomStart: true };

/** CE of the threshold model (logit difference 20x − 10) at host x. */
function ce(x: number, y: number): number {
  const dz = 20 * x - 10;
  return Math.log1p(Math.exp(y === 1 ? -dz : dz));
}

describe('robustAccuracy (white-box)', () => {
  for (const spec of [FGSM, PGD]) {
    it(`${spec.kind}: counts clean, adversarial and robust examples by hand; padded last batch ignored`, async () => {
      const progress: number[] = [];
      const r = await robustAccuracy({ a: model }, d, d.test, all, spec, {
        batchSize: 3,
        onProgress: (p) => progress.push(p.done / p.total),
      });
      expect(r.count).toBe(7);
      expect(r.models.a.clean).toBeCloseTo(4 / 7, 6);
      expect(r.models.a.adv).toBeCloseTo(2 / 7, 6);
      expect(r.models.a.robust).toBeCloseTo(2 / 7, 6);
      // From 0, then within each batch of 3 (clean pass, attack: two ticks per batch), never repeating a value.
      expect(progress).toEqual([0, 1 / 7, 3 / 7, 4 / 7, 6 / 7, 1]);
      const xs = [26, 115, 140, 230, 77, 179, 115].map((p) => Math.fround(p / 255));
      const ys = [0, 0, 1, 1, 1, 0, 1];
      const cleanLoss = xs.reduce((s, x, i) => s + ce(x, ys[i]), 0) / 7;
      // The attack moves x by ε against its label: up for y = 0, down for y = 1.
      const advLoss = xs.reduce((s, x, i) => s + ce(Math.min(1, Math.max(0, x + (ys[i] ? -0.1 : 0.1))), ys[i]), 0) / 7;
      expect(r.models.a.cleanLoss).toBeCloseTo(cleanLoss, 4);
      expect(r.models.a.advLoss).toBeCloseTo(advLoss, 4);
    });
  }

  it('a batch larger than the subset, a Map of models, a subset of indices', async () => {
    const r = await robustAccuracy(new Map([['a', model]]), d, d.test, [0, 1, 4], FGSM, { batchSize: 100 });
    expect(r.models.a.clean).toBeCloseTo(2 / 3, 6);
    expect(r.models.a.robust).toBeCloseTo(1 / 3, 6);
  });

  it('rejects bad indices, batch sizes and seeds', async () => {
    await expect(robustAccuracy({ a: model }, d, d.test, [0, 7], FGSM)).rejects.toThrow(/outside 0..6/);
    await expect(robustAccuracy({ a: model }, d, d.test, all, FGSM, { batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(robustAccuracy({ a: model }, d, d.test, all, FGSM, { seed: 0 })).rejects.toThrow(/seed/);
  });
});

describe('epsSweep', () => {
  it('ε = 0 is the clean accuracy; the curve falls as ε grows (FGSM and PGD agree on the threshold model)', async () => {
    for (const spec of [FGSM, PGD]) {
      const s = await epsSweep({ a: model, inv: inverted }, d, d.test, all, spec, [0, 0.02, 0.1, 0.5], {
        batchSize: 4,
      });
      expect(s.epsList).toEqual([0, 0.02, 0.1, 0.5]);
      expect(s.clean.a).toBeCloseTo(4 / 7, 6);
      expect(s.models.a.map((p) => p.eps)).toEqual([0, 0.02, 0.1, 0.5]);
      expect(s.models.a.map((p) => Math.round(p.robust * 7))).toEqual([4, 4, 2, 0]);
      expect(s.models.a[0].adv).toBeCloseTo(s.clean.a, 6);
      // The inverted model gets exactly the examples the threshold model misses (x never equals 0.5).
      expect(s.clean.inv).toBeCloseTo(3 / 7, 6);
      for (const m of ['a', 'inv']) {
        const r = s.models[m].map((p) => p.robust);
        r.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(r[i]));
      }
    }
  });

  it('default ε lists: MNIST-like for one channel, k/255 for colour', async () => {
    const s = await epsSweep({ a: model }, d, d.test, all, FGSM);
    expect(s.epsList).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.3]);
  });
});

describe('transfer', () => {
  it('crafted on the inverted model: counts an example that becomes correct as adversarial, never as robust', async () => {
    // The inverted source pushes x the other way: the target keeps examples 0–3 and now gets example 6 right.
    const r = await transfer(inverted, { a: model, src: inverted }, d, d.test, all, FGSM, { batchSize: 2 });
    expect(r.models.a.clean).toBeCloseTo(4 / 7, 6);
    expect(r.models.a.adv).toBeCloseTo(5 / 7, 6);
    expect(r.models.a.robust).toBeCloseTo(4 / 7, 6);
    // On the source itself this is the white-box attack.
    const w = await robustAccuracy({ src: inverted }, d, d.test, all, FGSM, { batchSize: 2 });
    expect(r.models.src).toEqual(w.models.src);
  });
});

describe('on a learnt model', () => {
  // Nearest-centroid linear classifier on the synthetic set: W_k = μ_k, b_k = −|μ_k|²/2.
  const syn: Dataset = syntheticDataset({ trainSize: 200, testSize: 60, size: 8, channels: 1, seed: 3 });
  const D = 64;
  const mu = new Float64Array(D * 10);
  const cnt = new Float64Array(10);
  for (let i = 0; i < syn.train.count; i++) {
    const k = syn.train.labels[i];
    cnt[k]++;
    for (let j = 0; j < D; j++) mu[j * 10 + k] += syn.train.images[i * D + j] / 255;
  }
  mu.forEach((v, i) => (mu[i] = v / cnt[i % 10]));
  const b = Array.from(
    { length: 10 },
    (_, k) => -0.5 * Array.from({ length: D }, (_, j) => mu[j * 10 + k] ** 2).reduce((a, v) => a + v),
  );
  let centroid: Model;
  beforeAll(() => {
    centroid = linearModel(mu, b, { height: 8, width: 8, channels: 1, numClasses: 10, mean: [0], std: [1] });
  });
  afterAll(() => centroid.dispose());

  it('robust ≤ clean, clean agrees with train/evaluate, and no tensor leaks (PGD sweep, transfer, stop)', async () => {
    const before = tf.memory().numTensors;
    const ref = await evaluate(centroid, syn, syn.test, 25);
    const spec: PgdSpec = { kind: 'pgd', eps: 0.1, stepSize: 0.025, steps: 5, randomStart: true };
    const r = await robustAccuracy({ c: centroid }, syn, syn.test, range(60), spec, { batchSize: 16, seed: 5 });
    expect(ref.acc).toBeGreaterThan(0.5);
    expect(r.models.c.clean).toBeCloseTo(ref.acc, 6);
    expect(r.models.c.cleanLoss).toBeCloseTo(ref.loss, 4);
    expect(r.models.c.robust).toBeLessThanOrEqual(r.models.c.clean);
    expect(r.models.c.robust).toBeLessThan(r.models.c.clean);
    expect(r.models.c.advLoss).toBeGreaterThan(r.models.c.cleanLoss);
    // Reproducible from the seed.
    const again = await robustAccuracy({ c: centroid }, syn, syn.test, range(60), spec, { batchSize: 16, seed: 5 });
    expect(again.models.c).toEqual(r.models.c);
    // A failing run must not leak either: the one-pixel model cannot take 8×8 inputs.
    await expect(
      epsSweep({ c: centroid, t: model }, syn, syn.test, range(60), spec, [0, 0.1], { batchSize: 16 }),
    ).rejects.toThrow();
    await transfer(centroid, { c: centroid }, syn, syn.test, range(60), spec, { batchSize: 16 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between batches (shouldStop, AbortSignal), awaits the checkpoint, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    let seen = 0;
    await expect(
      robustAccuracy({ c: centroid }, syn, syn.test, range(60), PGD, {
        batchSize: 16,
        onProgress: (p) => (seen = p.done),
        shouldStop: () => seen >= 32,
      }),
    ).rejects.toBeInstanceOf(StoppedError);
    expect(seen).toBe(32); // two whole batches, then stopped between batches
    const ac = new AbortController();
    ac.abort();
    await expect(robustAccuracy({ c: centroid }, syn, syn.test, range(60), PGD, { signal: ac.signal })).rejects.toThrow(
      StoppedError,
    );
    let checkpoints = 0;
    await robustAccuracy({ c: centroid }, syn, syn.test, range(60), FGSM, {
      batchSize: 16,
      checkpoint: async () => void checkpoints++,
    });
    expect(checkpoints).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('craftGallery', () => {
  it('original, adversarial, perturbation and every model’s prediction before / after', async () => {
    const before = tf.memory().numTensors;
    const g = await craftGallery({ a: model, inv: inverted }, model, d, d.test, [0, 1, 4], FGSM);
    expect(tf.memory().numTensors).toBe(before);
    expect(g.map((i) => i.index)).toEqual([0, 1, 4]);
    expect(g.map((i) => i.label)).toEqual([0, 0, 1]);
    const x = [26, 115, 77].map((p) => p / 255);
    const sign = [1, 1, -1];
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    g.forEach((item, i) => {
      expect(item.original[0]).toBeCloseTo(x[i], 6);
      expect(item.adversarial[0]).toBeCloseTo(x[i] + 0.1 * sign[i], 5);
      expect(item.perturbation[0]).toBeCloseTo(0.1 * sign[i], 5);
      expect(item.perturbationImage[0]).toBe(sign[i] > 0 ? 255 : 1);
      const z0 = 20 * x[i] - 10;
      const z1 = 20 * item.adversarial[0] - 10;
      expect(item.before.a).toEqual({ cls: z0 > 0 ? 1 : 0, conf: expect.closeTo(sigmoid(Math.abs(z0)), 5) });
      expect(item.after.a).toEqual({ cls: z1 > 0 ? 1 : 0, conf: expect.closeTo(sigmoid(Math.abs(z1)), 5) });
      expect(item.after.inv.cls).toBe(1 - item.after.a.cls);
    });
    // Example 1 (x = 0.451, label 0) is flipped by the attack; example 0 is not.
    expect([g[1].before.a.cls, g[1].after.a.cls]).toEqual([0, 1]);
    expect([g[0].before.a.cls, g[0].after.a.cls]).toEqual([0, 0]);
  });
});
