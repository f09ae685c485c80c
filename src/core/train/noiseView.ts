// "See the noise": what a model's noise sources do to one image right now, as plain arrays for the UI. The input
// noise is a fresh draw from the recipe's σ (as trainStep adds it, not the batch's own draw); the teacher's soft
// targets are softmax(z/T) on the clean image, and a fickle teacher's come from FICKLE_MASKS dropout masks (one
// forward pass on that many copies: tf.dropout draws a mask per element). Own RNG streams: training is untouched.
import * as tf from '@tensorflow/tfjs-core';
import type { Recipe } from '../methods/recipe';
import { INFERENCE, type Model } from '../nn/model';
import type { Rng } from '../rng';

/** How many dropout masks a fickle teacher's spread is measured over. */
export const FICKLE_MASKS = 8;

export interface NoiseViewInput {
  recipe: Recipe;
  /** The model in training (its prediction on what it sees); null shows only the noise. */
  model: Model | null;
  /** Its frozen teacher when it distils. */
  teacher: Model | null;
  /** One image, H×W×C in [0, 1]. */
  image: Float32Array;
  shape: [number, number, number];
  rngs: { noise: Rng; dropout: Rng };
}

export interface Prediction {
  predicted: number;
  confidence: number;
}

export interface NoiseViewData {
  /** The clean image as uint8 H×W×C pixels. */
  clean: Uint8Array;
  /** x + σε (clipped to [0, 1] when the recipe clips; the pixels always are), and what it changed. */
  input: {
    mode: 'augment' | 'soft-randomization';
    sigma: number;
    clip: boolean;
    noisy: Uint8Array;
    /** Mean |x̃ − x| over the pixels, in [0, 1] units. */
    meanAbsChange: number;
  } | null;
  /** The teacher's soft targets softmax(z/T) on the clean image (inference mode); null unless it distils. */
  targets: { temperature: number; probs: number[] } | null;
  /** A fickle teacher's soft targets over FICKLE_MASKS dropout masks: mean, min and max per class. */
  spread: { temperature: number; masks: number; mean: number[]; min: number[]; max: number[] } | null;
  /** The model's prediction on what it sees (x̃ with input noise, else x). */
  prediction: Prediction | null;
}

const toPixels = (v: ArrayLike<number>): Uint8Array =>
  Uint8Array.from(v, (p) => Math.min(255, Math.max(0, Math.round(p * 255))));

export async function noiseView(i: NoiseViewInput): Promise<NoiseViewData> {
  const { recipe, model, shape, rngs } = i;
  const kd = recipe.kd && i.teacher ? recipe.kd : null;
  const teacher = kd ? i.teacher : null;
  const noise = recipe.inputNoise;
  const out = tf.tidy(() => {
    const x = tf.tensor4d(i.image, [1, ...shape]);
    let seen = x;
    if (noise) {
      seen = tf.add(x, tf.randomNormal(x.shape, 0, noise.sigma, 'float32', rngs.noise.seed()));
      if (noise.clip) seen = tf.clipByValue(seen, 0, 1);
    }
    const t: Record<string, tf.Tensor> = {};
    if (noise) t.noisy = seen;
    if (model) t.probs = tf.softmax(model.apply(seen, INFERENCE));
    if (teacher && kd) {
      if (recipe.fickle) {
        const nextSeed = () => rngs.dropout.seed();
        const z = teacher.apply(tf.tile(x, [FICKLE_MASKS, 1, 1, 1]), { dropout: true, bnTraining: false, nextSeed });
        t.spread = tf.softmax(tf.div(z, kd.temperature));
      } else t.targets = tf.softmax(tf.div(teacher.apply(x, INFERENCE), kd.temperature));
    }
    return t;
  });
  const read = async (k: string) => (out[k] ? Array.from(await out[k].data()) : null);
  try {
    const [noisy, probs, targets, spread] = await Promise.all(['noisy', 'probs', 'targets', 'spread'].map(read));
    return {
      clean: toPixels(i.image),
      input:
        noise && noisy
          ? {
              mode: noise.mode,
              sigma: noise.sigma,
              clip: noise.clip,
              noisy: toPixels(noisy),
              meanAbsChange: noisy.reduce((s, v, j) => s + Math.abs(v - i.image[j]), 0) / noisy.length,
            }
          : null,
      targets: kd && targets ? { temperature: kd.temperature, probs: targets } : null,
      spread: kd && spread ? { temperature: kd.temperature, ...spreadOf(spread, FICKLE_MASKS) } : null,
      prediction: probs ? argMax(probs) : null,
    };
  } finally {
    tf.dispose(Object.values(out));
  }
}

/** Per-class mean, min and max of `masks` rows of probabilities. */
export function spreadOf(
  rows: number[],
  masks: number,
): { masks: number; mean: number[]; min: number[]; max: number[] } {
  const K = rows.length / masks;
  const mean = new Array<number>(K).fill(0);
  const min = new Array<number>(K).fill(Infinity);
  const max = new Array<number>(K).fill(-Infinity);
  for (let m = 0; m < masks; m++) {
    for (let k = 0; k < K; k++) {
      const p = rows[m * K + k];
      mean[k] += p / masks;
      min[k] = Math.min(min[k], p);
      max[k] = Math.max(max[k], p);
    }
  }
  return { masks, mean, min, max };
}

/** The most probable class and its probability. */
export function argMax(probs: ArrayLike<number>): Prediction {
  let best = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k] > probs[best]) best = k;
  return { predicted: best, confidence: probs[best] };
}
