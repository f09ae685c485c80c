// x·W with gradients routed per backend (see routing.ts).
import * as tf from '@tensorflow/tfjs-core';
import { preferExplicitTranspose } from './routing';

// Built once: the forward pass is the training hot path.
const denseOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [xi, wi, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([xi, wi]);
  return {
    value: tf.matMul(xi, wi),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy2)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor;

export function matMulDense(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  if (!preferExplicitTranspose()) return tf.matMul(x, w);
  return denseOp(x, w) as tf.Tensor2D;
}
