// The batch-norm training formulations the autotuner chooses between. Both take the batch statistics from
// outside (tf.moments) and return y = γ·x̂ + β; they differ in how the gradient is computed.
import * as tf from '@tensorflow/tfjs-core';

export const BN_EPS = 1e-5;

/** tfjs's own batchNorm, differentiated by autodiff (which also differentiates through tf.moments). */
export function stockNormalize(
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor4D {
  return tf.batchNorm4d(x, mean, variance, beta, gamma, BN_EPS);
}

/**
 * y = γ·x̂ + β with x̂ = (x − μ)/√(σ² + ε), and the closed-form backward (two reductions):
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/(N·√(σ² + ε)) · (N·dy − Σ dy − x̂·Σ dy·x̂)
 * μ and σ² come from outside the custom op, so autodiff never differentiates through tf.moments (tfjs's
 * own batch-norm gradient does, and measured 10-20× slower on a real GPU). Sums run over N, H, W.
 */
export function analyticNormalize(
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor4D {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, g, b, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const inv = tf.rsqrt(tf.add(variance, BN_EPS));
    const xhat = tf.mul(tf.sub(xi, mean), inv) as tf.Tensor4D;
    save([xhat, inv, g]);
    return {
      value: tf.add(tf.mul(xhat, g), b) as tf.Tensor4D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, iv, gs] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D];
        const n = xh.shape[0] * xh.shape[1] * xh.shape[2];
        const sumDy = tf.sum(dy, [0, 1, 2]);
        const sumDyXhat = tf.sum(tf.mul(dy, xh), [0, 1, 2]);
        const scale = tf.mul(gs, tf.div(iv, n));
        const dx = tf.mul(scale, tf.sub(tf.sub(tf.mul(dy, n), sumDy), tf.mul(xh, sumDyXhat)));
        return [dx, sumDyXhat, sumDy];
      },
    };
  });
  return f(x, gamma, beta) as tf.Tensor4D;
}

export type Normalize = typeof analyticNormalize;

/** Forward (statistics and normalisation) and backward together, with a ones upstream gradient: what is timed. */
export function bnForwardBackward(normalize: Normalize, x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D) {
  return tf.grads((xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const { mean, variance } = tf.moments(xi, [0, 1, 2]) as { mean: tf.Tensor1D; variance: tf.Tensor1D };
    return normalize(xi as tf.Tensor4D, mean, variance, g as tf.Tensor1D, b as tf.Tensor1D);
  })([x, gamma, beta]);
}
