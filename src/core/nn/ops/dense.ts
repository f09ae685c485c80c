// x·W with its gradient routed (routing.ts): transpose flags (stock) or explicit transposes, as tuned or by rule.
import * as tf from '@tensorflow/tfjs-core';
import { choose, customPath, dims } from './routing';

// Built once: the forward pass is the training hot path.
const denseOp = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [xi, wi, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([xi, wi]);
  return {
    value: tf.matMul(xi, wi),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const a = [xs, ws, dy];
      const c = choose('denseGrad', a, () => `x${dims(xs.shape)}|w${dims(ws.shape)}`);
      return c.run(...a) as tf.Tensor[];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor;

export function matMulDense(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  if (!customPath([['denseGrad', []]])) return tf.matMul(x, w);
  return denseOp(x, w) as tf.Tensor2D;
}
