// Coupled L2 weight decay, as PyTorch's SGD/Adam `weight_decay`: the gradient of each decayed variable (conv and
// dense kernels) gains wd·v before the optimiser sees it. The WGSL optimiser kernels fold it into their update.
import * as tf from '@tensorflow/tfjs-core';

/** grads[v] += wd·v for every decayed variable (inside the caller's tidy). */
export function addWeightDecay(grads: tf.NamedTensorMap, decayed: tf.Variable[], wd: number): tf.NamedTensorMap {
  if (wd <= 0) return grads;
  for (const v of decayed) {
    const g = grads[v.name];
    if (g) grads[v.name] = tf.add(g, tf.mul(v, wd));
  }
  return grads;
}
