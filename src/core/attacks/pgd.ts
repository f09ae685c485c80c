// Projected Gradient Descent, L∞ (Madry et al. 2018): signed steps of size α, each iterate projected onto the
// ε-ball around x intersected with [0,1] (one box, precomputed), optionally from a seeded random start.
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../nn/model';
import type { Rng } from '../rng';
import { attackGoal, signedStep } from './objective';
import { checkAttack, type Labels, type PgdSpec } from './types';

export interface PgdHooks {
  /**
   * Called with iterate k (0 = the start point, after the random start) outside any tidy. The tensor is
   * disposed once the next iterate exists (the last one is the result): clone it to keep it.
   */
  onIterate?: (k: number, xAdv: tf.Tensor4D) => void;
}

/** x_adv for a batch (a new tensor). ε = 0 returns a clone of x. A random start needs rng (a fresh seed per call). */
export function pgd(model: Model, x: tf.Tensor4D, y: Labels, spec: PgdSpec, rng?: Rng, hooks?: PgdHooks): tf.Tensor4D {
  checkAttack(spec, model.input.numClasses);
  if (spec.eps === 0) return x.clone();
  if (spec.randomStart && !rng) throw new Error('attack pgd: randomStart needs an Rng (seeded random start)');
  const { goal, lo, hi } = tf.tidy(() => {
    const g = attackGoal(model, x, y, spec);
    return {
      goal: tf.clone(g.labels), // never the caller's y: it is disposed below
      lo: tf.clipByValue(tf.sub(x, spec.eps), 0, 1),
      hi: tf.clipByValue(tf.add(x, spec.eps), 0, 1),
    };
  });
  const direction = spec.targeted ? -1 : 1;
  const project = (t: tf.Tensor4D) => tf.minimum(tf.maximum(t, lo), hi) as tf.Tensor4D;
  let xAdv = spec.randomStart
    ? tf.tidy(() => project(tf.add(x, tf.randomUniform(x.shape, -spec.eps, spec.eps, 'float32', rng!.seed()))))
    : x.clone();
  try {
    hooks?.onIterate?.(0, xAdv);
    for (let k = 1; k <= spec.steps; k++) {
      const next = tf.tidy(() => project(signedStep(model, xAdv, { labels: goal, direction }, spec.stepSize)));
      xAdv.dispose();
      xAdv = next;
      hooks?.onIterate?.(k, xAdv);
    }
  } catch (e) {
    xAdv.dispose();
    throw e;
  } finally {
    tf.dispose([goal, lo, hi]);
  }
  return xAdv;
}
