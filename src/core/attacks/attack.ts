// One entry point for any AttackSpec.
import type * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../nn/model';
import type { Rng } from '../rng';
import { fgsm } from './fgsm';
import { pgd } from './pgd';
import type { AttackSpec, Labels } from './types';

/** x_adv for a batch (a new tensor owned by the caller). */
export function attack(model: Model, x: tf.Tensor4D, y: Labels, spec: AttackSpec, rng?: Rng): tf.Tensor4D {
  return spec.kind === 'fgsm' ? fgsm(model, x, y, spec) : pgd(model, x, y, spec, rng);
}
