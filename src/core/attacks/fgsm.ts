// Fast Gradient Sign Method (Goodfellow et al. 2015): one signed-gradient step of size ε, clamped to [0,1].
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../nn/model';
import { attackGoal, signedStep } from './objective';
import { checkAttack, type FgsmSpec, type Labels } from './types';

/** x_adv for a batch (a new tensor; x and y are not consumed). ε = 0 returns a clone of x. */
export function fgsm(model: Model, x: tf.Tensor4D, y: Labels, spec: FgsmSpec): tf.Tensor4D {
  checkAttack(spec, model.input.numClasses);
  if (spec.eps === 0) return x.clone();
  return tf.tidy(() => tf.clipByValue(signedStep(model, x, attackGoal(model, x, y, spec), spec.eps), 0, 1));
}
