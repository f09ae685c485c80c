// Tiny hand-made models and data sets for the attack and robustness tests (not used by the app).
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '../config/schema';
import type { Dataset } from '../data/types';
import type { InputInfo, Model } from '../nn/model';

let counter = 0;

/** z = flatten(x)·W + b, W of shape [H·W·C, K] (row-major, NHWC flatten). */
export function linearModel(W: ArrayLike<number>, b: ArrayLike<number>, input: InputInfo): Model {
  const D = input.height * input.width * input.channels;
  const K = input.numClasses;
  const id = `linear${++counter}`;
  const w0 = tf.tensor2d(Float32Array.from(W), [D, K]);
  const b0 = tf.tensor1d(Float32Array.from(b));
  const w = tf.variable(w0, true, `${id}/w`);
  const bias = tf.variable(b0, true, `${id}/b`);
  tf.dispose([w0, b0]);
  return {
    spec: { family: 'cnn', channels: [1, 1], hidden: 1, dropout: 0 } as ModelSpec,
    input,
    trainable: [w, bias],
    decayed: [w],
    state: [],
    apply: (x) => tf.add(tf.matMul(tf.reshape(x, [x.shape[0], D]), w), bias),
    paramCount: () => w.size + bias.size,
    dispose: () => tf.dispose([w, bias]),
  };
}

export const PIXEL: InputInfo = { height: 1, width: 1, channels: 1, numClasses: 2, mean: [0], std: [1] };

/** One-pixel, two-class threshold model: class 1 iff x > 0.5 (inverted: iff x < 0.5). */
export function thresholdModel(inverted = false): Model {
  const s = inverted ? -1 : 1;
  return linearModel([-10 * s, 10 * s], [5 * s, -5 * s], PIXEL);
}

/** A test split from uint8 pixels and labels (the same data as train and test). */
export function tinyDataset(pixels: number[], labels: number[], shape = PIXEL): Dataset {
  const split = { images: Uint8Array.from(pixels), labels: Uint8Array.from(labels), count: labels.length };
  return {
    name: 'tiny',
    height: shape.height,
    width: shape.width,
    channels: shape.channels,
    numClasses: shape.numClasses,
    classNames: Array.from({ length: shape.numClasses }, (_, i) => `${i}`),
    train: split,
    test: split,
    mean: shape.mean,
    std: shape.std,
  };
}
