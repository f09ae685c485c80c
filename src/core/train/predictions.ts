// Live predictions: a few fixed test images (seeded, one per class in turn while classes last) and what each model
// predicts for them, read with `await data()` (never a synchronous read on the training path).
import * as tf from '@tensorflow/tfjs-core';
import { hostBatch, type HostBatch } from '../data/batches';
import { imageSize, type Dataset } from '../data/types';
import { INFERENCE, type Model } from '../nn/model';
import { stream, type Rng } from '../rng';
import { argMax, type Prediction } from './noiseView';

/** How many test images the prediction grid shows. */
export const PREVIEW_IMAGES = 8;

/**
 * `n` test indices in a seeded order, class-balanced where possible: the classes take turns (in the order their
 * first image comes up), each giving its next image, until n are picked or the images run out.
 */
export function previewIndices(labels: ArrayLike<number>, count: number, n: number, rng: Rng): number[] {
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const byClass = new Map<number, number[]>();
  for (const i of order) {
    const list = byClass.get(labels[i]) ?? [];
    list.push(i);
    byClass.set(labels[i], list);
  }
  const queues = [...byClass.values()];
  const picked: number[] = [];
  for (let round = 0; picked.length < Math.min(n, count); round++) {
    for (const q of queues) if (round < q.length && picked.length < n) picked.push(q[round]);
  }
  return picked;
}

/** A model's prediction (class and softmax probability) for each of `size` images (B×H×W×C in [0, 1]). */
export async function predictImages(
  model: Model,
  x: Float32Array,
  size: number,
  shape: [number, number, number],
): Promise<Prediction[]> {
  const probs = tf.tidy(() => tf.softmax(model.apply(tf.tensor4d(x, [size, ...shape]), INFERENCE)));
  try {
    const p = await probs.data();
    const K = p.length / size;
    return Array.from({ length: size }, (_, i) => argMax(p.subarray(i * K, (i + 1) * K)));
  } finally {
    probs.dispose();
  }
}

/** The fixed preview images of a data set for a run's seed: their test indices, a batch of them, uint8 pixels. */
export function previewImages(
  d: Dataset,
  seed: number,
  n = PREVIEW_IMAGES,
): { indices: number[]; batch: HostBatch; pixels: Uint8Array } {
  const indices = previewIndices(d.test.labels, d.test.count, n, stream(seed, 'data', 'preview'));
  const size = imageSize(d);
  const pixels = new Uint8Array(indices.length * size);
  indices.forEach((src, i) => pixels.set(d.test.images.subarray(src * size, (src + 1) * size), i * size));
  return { indices, batch: hostBatch(d.test, indices, 0, indices.length, d), pixels };
}
