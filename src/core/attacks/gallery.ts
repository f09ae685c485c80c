// A handful of adversarial examples to look at: crafted on one source model, with every model's prediction and
// confidence before and after. One batch (the images given), read back with await data() at the end.
import * as tf from '@tensorflow/tfjs-core';
import { hostBatch } from '../data/batches';
import type { Dataset, Split } from '../data/types';
import { imageSize } from '../data/types';
import { INFERENCE, type Model } from '../nn/model';
import { stream } from '../rng';
import { attack } from './attack';
import { checkIndices, type ModelSet, modelEntries, seedOf } from './loop';
import type { AttackSpec } from './types';

export interface Prediction {
  cls: number;
  /** Softmax probability of cls. */
  conf: number;
}

export interface GalleryItem {
  /** Index into the split. */
  index: number;
  label: number;
  /** H×W×C in [0,1]. */
  original: Float32Array;
  adversarial: Float32Array;
  /** adversarial − original, in [−ε, ε]. */
  perturbation: Float32Array;
  /** The perturbation for display: 128 + 127·δ/ε (mid-grey = unchanged). */
  perturbationImage: Uint8Array;
  before: Record<string, Prediction>;
  after: Record<string, Prediction>;
}

export async function craftGallery(
  models: ModelSet,
  source: Model,
  d: Dataset,
  split: Split,
  indices: ArrayLike<number>,
  spec: AttackSpec,
  opts: { seed?: number } = {},
): Promise<GalleryItem[]> {
  checkIndices(split, indices);
  const entries = modelEntries(models);
  const n = indices.length;
  const P = imageSize(d);
  const b = hostBatch(split, indices, 0, n, d);
  const x = tf.tensor4d(b.x, [n, d.height, d.width, d.channels]);
  const xAdv = attack(source, x, b.y, spec, stream(seedOf(opts), 'attack', 'gallery'));
  // [M, 2 (clean, adv), 2 (class, conf), n]
  const preds = tf.tidy(() =>
    tf.stack(
      entries.map(([, m]) =>
        tf.stack(
          [x, xAdv].map((input) => {
            const p = tf.softmax(m.apply(input, INFERENCE));
            return tf.stack([tf.cast(tf.argMax(p, 1), 'float32'), tf.max(p, 1)]);
          }),
        ),
      ),
    ),
  );
  try {
    const [adv, pv] = (await Promise.all([xAdv.data(), preds.data()])) as Float32Array[];
    const pred = (m: number, after: number, i: number): Prediction => ({
      cls: pv[((m * 2 + after) * 2 + 0) * n + i],
      conf: pv[((m * 2 + after) * 2 + 1) * n + i],
    });
    return Array.from({ length: n }, (_, i) => {
      const original = b.x.slice(i * P, (i + 1) * P);
      const adversarial = adv.slice(i * P, (i + 1) * P);
      const perturbation = adversarial.map((v, j) => v - original[j]);
      const scale = spec.eps > 0 ? 127 / spec.eps : 0;
      const perturbationImage = Uint8Array.from(perturbation, (v) => Math.round(128 + v * scale));
      return {
        index: indices[i],
        label: b.y[i],
        original,
        adversarial,
        perturbation,
        perturbationImage,
        before: Object.fromEntries(entries.map(([id], m) => [id, pred(m, 0, i)])),
        after: Object.fromEntries(entries.map(([id], m) => [id, pred(m, 1, i)])),
      };
    });
  } finally {
    tf.dispose([x, xAdv, preds]);
  }
}
