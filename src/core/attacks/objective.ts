// What every attack differentiates: per-example cross-entropy to the true label (ascended) or to a target
// class (descended), taken w.r.t. the input only, with the model in inference mode. tf.grad over x never
// touches the model's variables, and INFERENCE keeps dropout off and batch-norm on its running statistics
// (also for a Fickle teacher), so an attack cannot change weights or BN state.
import * as tf from '@tensorflow/tfjs-core';
import { INFERENCE, type Model } from '../nn/model';
import type { AttackSpec, Labels } from './types';

/** CE per example (no batch mean: each example's gradient is its own, whatever the batch size). */
export function perExampleCe(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.neg(tf.sum(tf.mul(tf.oneHot(labels, logits.shape[1]), tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
}

/** Labels as an int32 tensor (call inside a tidy). */
export function labelTensor(y: Labels): tf.Tensor1D {
  if (y instanceof tf.Tensor) return y.dtype === 'int32' ? y : tf.cast(y, 'int32');
  return tf.tensor1d(Int32Array.from(y), 'int32');
}

/** The labels the attack's CE is taken against, and whether to ascend (+1) or descend (−1) it. */
export interface Goal {
  labels: tf.Tensor1D;
  direction: 1 | -1;
}

/** Call inside a tidy. Least-likely targets come from the clean input's logits. */
export function attackGoal(model: Model, x: tf.Tensor4D, y: Labels, spec: AttackSpec): Goal {
  const labels = labelTensor(y);
  if (!spec.targeted) return { labels, direction: 1 };
  const K = model.input.numClasses;
  const t = spec.target;
  const target =
    t.mode === 'fixed'
      ? tf.fill([x.shape[0]], t.class, 'int32')
      : t.mode === 'next'
        ? tf.mod(tf.add(labels, tf.scalar(1, 'int32')), tf.scalar(K, 'int32'))
        : tf.argMin(model.apply(x, INFERENCE), 1);
  return { labels: target as tf.Tensor1D, direction: -1 };
}

/** ∇ₓ Σᵢ CE(labelsᵢ, model(x)ᵢ). Call inside a tidy. */
export function inputGradient(model: Model, x: tf.Tensor4D, labels: tf.Tensor1D): tf.Tensor4D {
  const f = (xi: tf.Tensor) => tf.sum(perExampleCe(model.apply(xi as tf.Tensor4D, INFERENCE), labels));
  return tf.grad(f)(x) as tf.Tensor4D;
}

/** One signed-gradient step x + direction·α·sign(∇). Call inside a tidy. */
export function signedStep(model: Model, x: tf.Tensor4D, goal: Goal, alpha: number): tf.Tensor4D {
  const g = inputGradient(model, x, goal.labels);
  return tf.add(x, tf.mul(tf.sign(g), goal.direction * alpha));
}
