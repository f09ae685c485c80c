// The stock tfjs counterparts of every WGSL kernel, with the same signatures (tuning argument ignored), so a
// tuner or benchmark can time each pair uniformly. Backend-agnostic: these run wherever tfjs does.
import * as tf from '@tensorflow/tfjs-core';
import type { AdamHyper } from './optim';

// The conv gradients: the routed ops' own stock candidates (ops/convGrads.ts), under the names paired with the WGSL ones.
export { stockFilterGrad as convFilterGradStock, stockInputGrad as convInputGradStock } from '../ops/convGrads';

export function bnStatsStock(x: tf.Tensor4D): { mean: tf.Tensor1D; variance: tf.Tensor1D } {
  return tf.moments(x, [0, 1, 2]) as { mean: tf.Tensor1D; variance: tf.Tensor1D };
}

/** The analytic BN backward in plain tf ops (as ../ops/batchnorm.ts computes it). */
export function bnBackwardStock(
  dy: tf.Tensor4D,
  xhat: tf.Tensor4D,
  gamma: tf.Tensor1D,
  inv: tf.Tensor1D,
): { dx: tf.Tensor4D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  const n = dy.shape[0] * dy.shape[1] * dy.shape[2];
  const dbeta = tf.sum(dy, [0, 1, 2]) as tf.Tensor1D;
  const dgamma = tf.sum(tf.mul(dy, xhat), [0, 1, 2]) as tf.Tensor1D;
  const dx = tf.mul(tf.mul(gamma, tf.div(inv, n)), tf.sub(tf.sub(tf.mul(dy, n), dbeta), tf.mul(xhat, dgamma)));
  return { dx: dx as tf.Tensor4D, dgamma, dbeta };
}

/** ReLU gradient (mask from γ·x̂ + β) followed by bnBackwardStock. */
export function bnReluBackwardStock(
  dy: tf.Tensor4D,
  xhat: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  inv: tf.Tensor1D,
): { dx: tf.Tensor4D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  const masked = tf.mul(dy, tf.step(tf.add(tf.mul(xhat, gamma), beta))) as tf.Tensor4D;
  return bnBackwardStock(masked, xhat, gamma, inv);
}

export function bnReluStock(
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  inv: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor4D {
  return tf.relu(tf.add(tf.mul(tf.mul(tf.sub(x, mean), inv), gamma), beta)) as tf.Tensor4D;
}

export function biasGradStock(dy: tf.Tensor): tf.Tensor1D {
  return tf.sum(dy, dy.shape.map((_, i) => i).slice(0, -1)) as tf.Tensor1D;
}

/** tfjs MomentumOptimizer's arithmetic as plain ops (with the coupled decay added to the gradient). */
export function sgdMomentumStepStock(
  w: tf.Tensor,
  g: tf.Tensor,
  accum: tf.Tensor,
  lr: number,
  momentum: number,
  wd = 0,
): { w: tf.Tensor; accum: tf.Tensor } {
  const gd = wd ? tf.add(g, tf.mul(w, wd)) : g;
  const a = tf.add(tf.mul(accum, momentum), gd);
  return { w: tf.add(tf.mul(a, -lr), w), accum: a };
}

/** tfjs AdamOptimizer's arithmetic as plain ops (with the coupled decay added to the gradient). */
export function adamStepStock(
  w: tf.Tensor,
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  h: AdamHyper,
): { w: tf.Tensor; m: tf.Tensor; v: tf.Tensor } {
  const gd = h.wd ? tf.add(g, tf.mul(w, h.wd)) : g;
  const nm = tf.add(tf.mul(m, h.beta1), tf.mul(gd, 1 - h.beta1));
  const nv = tf.add(tf.mul(v, h.beta2), tf.mul(tf.square(gd), 1 - h.beta2));
  const [c1, c2] = h.corrections ? tf.split(h.corrections, 2) : [1 - h.beta1Power!, 1 - h.beta2Power!];
  const mh = tf.div(nm, c1);
  const vh = tf.div(nv, c2);
  return { w: tf.add(tf.mul(tf.div(mh, tf.add(tf.sqrt(vh), h.epsilon)), -h.lr), w), m: nm, v: nv };
}
