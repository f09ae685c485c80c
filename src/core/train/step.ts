// One training step for any model under any recipe. What each model sees:
//   teacher (when distilling): the clean x, batch-norm in inference mode, dropout on only if fickle
//   student: x̃ = x + σ·ε with input noise, else x; CE labels corrupted with probability r
import * as tf from '@tensorflow/tfjs-core';
import { oneHot, type HostBatch } from '../data/batches';
import { corruptLabels } from '../methods/labelNoise';
import { crossEntropy, kdLoss } from '../methods/losses';
import type { Recipe } from '../methods/recipe';
import type { Forward, Model } from '../nn/model';
import type { Optim } from './optimizer';
import type { Rng } from '../rng';

export interface StepRngs {
  dropout: Rng;
  noise: Rng;
  labels: Rng;
}

export interface StepInputs {
  x: tf.Tensor4D; // clean
  xStudent: tf.Tensor4D; // what the student sees
  yTrue: tf.Tensor1D; // int32 true labels (for accuracy)
  yCe: tf.Tensor2D; // one-hot labels for the CE term (maybe corrupted)
  /** The CE term's labels on the host (the batch's own array when nothing is corrupted). */
  ceLabels: Uint8Array;
}

/** Builds the step's input tensors (call inside a tidy). labelNoise: the rate for this model's CE labels. */
export function stepInputs(
  b: HostBatch,
  shape: [number, number, number],
  K: number,
  recipe: Recipe,
  labelNoise: number,
  rngs: StepRngs,
): StepInputs {
  const x = tf.tensor4d(b.x, [b.size, ...shape]);
  let xStudent = x;
  if (recipe.inputNoise) {
    const { sigma, clip } = recipe.inputNoise;
    xStudent = tf.add(x, tf.randomNormal(x.shape, 0, sigma, 'float32', rngs.noise.seed()));
    if (clip) xStudent = tf.clipByValue(xStudent, 0, 1);
  }
  const yCeHost = corruptLabels(b.y, labelNoise, K, rngs.labels);
  return {
    x,
    xStudent,
    yTrue: tf.tensor1d(Int32Array.from(b.y), 'int32'),
    yCe: tf.tensor2d(oneHot(yCeHost, K), [b.size, K]),
    ceLabels: yCeHost,
  };
}

/**
 * The loss for a model given its logits (and the teacher's, when distilling). With Soft Randomization's
 * ceOnClean option the student runs a second, clean forward pass in training mode (so a batch-norm student
 * updates its running statistics from both the noisy and the clean batch).
 */
export function recipeLoss(
  recipe: Recipe,
  inp: Pick<StepInputs, 'yCe'>,
  logits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D | null,
  cleanLogits: () => tf.Tensor2D,
): tf.Scalar {
  const ceLogits =
    recipe.inputNoise?.mode === 'soft-randomization' && recipe.inputNoise.ceOnClean ? cleanLogits() : logits;
  if (!recipe.kd || !teacherLogits) return crossEntropy(inp.yCe, ceLogits);
  return kdLoss(inp.yCe, ceLogits, teacherLogits, logits, recipe.kd.temperature, recipe.kd.alpha);
}

export interface StepOutput {
  loss: tf.Scalar;
  correct: tf.Scalar;
  /** The labels the CE term used (host values; differ from the batch's where label noise flipped them). */
  ceLabels: Uint8Array;
}

/**
 * Runs one optimiser step on `model`. The teacher's logits are computed outside the gradient function,
 * and only `model.trainable` is differentiated, so the teacher stays frozen.
 * Returns tensors the caller owns (loss and number of correct predictions on the student's input).
 */
export function trainStep(
  model: Model,
  optim: Optim,
  weightDecay: number,
  recipe: Recipe,
  labelNoise: number,
  b: HostBatch,
  rngs: StepRngs,
  teacher: Model | null,
): StepOutput {
  const { height, width, channels, numClasses } = model.input;
  let correct: tf.Scalar | null = null;
  let ceLabels = b.y;
  const loss = tf.tidy(() => {
    const inp = stepInputs(b, [height, width, channels], numClasses, recipe, labelNoise, rngs);
    ceLabels = inp.ceLabels;
    const nextSeed = () => rngs.dropout.seed();
    const teacherLogits =
      recipe.kd && teacher ? teacher.apply(inp.x, { dropout: recipe.fickle, bnTraining: false, nextSeed }) : null;
    // inputGrad false: only the weights are differentiated here (the first conv skips its dx).
    const fwd: Forward = { dropout: true, bnTraining: true, nextSeed, inputGrad: false };
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.apply(inp.xStudent, fwd);
      correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), inp.yTrue), 'float32')) as tf.Scalar);
      return recipeLoss(recipe, inp, logits, teacherLogits, () => model.apply(inp.x, fwd));
    }, model.trainable);
    optim.apply(grads, model.decayed, weightDecay);
    return value;
  });
  return { loss, correct: correct!, ceLabels };
}
