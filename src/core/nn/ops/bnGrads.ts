// The batch-norm training formulations the autotuner chooses between: a statistics function (tf.moments here) and
// a normalisation y = γ·x̂ + β taking those statistics from outside; they differ in how the gradient is computed.
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

export type Normalize = (
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
) => tf.Tensor4D;

/** The closed-form backward from x̂, γ and 1/√(σ² + ε) (and β, for a fused ReLU's mask): [dx, dγ, dβ]. */
export type BnBackward = (
  dy: tf.Tensor4D,
  xhat: tf.Tensor4D,
  gamma: tf.Tensor1D,
  inv: tf.Tensor1D,
  beta: tf.Tensor1D,
) => tf.Tensor[];

/** x̂ = (x − μ)·inv and y = γ·x̂ + β, given inv = 1/√(σ² + ε). */
export type BnAffine = (
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  inv: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
) => { xhat: tf.Tensor4D; y: tf.Tensor4D };

const tfAffine: BnAffine = (x, mean, inv, gamma, beta) => {
  const xhat = tf.mul(tf.sub(x, mean), inv) as tf.Tensor4D;
  return { xhat, y: tf.add(tf.mul(xhat, gamma), beta) as tf.Tensor4D };
};

/**
 * y = γ·x̂ + β with x̂ = (x − μ)/√(σ² + ε) (computed by `affine`), differentiated by `backward` (the closed form,
 * two reductions):
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/(N·√(σ² + ε)) · (N·dy − Σ dy − x̂·Σ dy·x̂)
 * μ and σ² come from outside the custom op, so autodiff never differentiates through tf.moments (tfjs's
 * own batch-norm gradient does, and measured 10-20× slower on a real GPU). Sums run over N, H, W.
 */
export function closedFormNormalize(backward: BnBackward, affine: BnAffine = tfAffine): Normalize {
  return (x, mean, variance, gamma, beta) => {
    const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [xi, g, b, save] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
      const inv = tf.rsqrt(tf.add(variance, BN_EPS)) as tf.Tensor1D;
      const { xhat, y } = affine(xi, mean, inv, g, b);
      save([xhat, inv, g, b]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xh, iv, gs, bs] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
          return backward(dy as tf.Tensor4D, xh, gs, iv, bs);
        },
      };
    });
    return f(x, gamma, beta) as tf.Tensor4D;
  };
}

/** The closed-form backward in plain tfjs ops. */
export const analyticNormalize = closedFormNormalize((dy, xh, gs, iv) => {
  const n = xh.shape[0] * xh.shape[1] * xh.shape[2];
  const sumDy = tf.sum(dy, [0, 1, 2]);
  const sumDyXhat = tf.sum(tf.mul(dy, xh), [0, 1, 2]);
  const scale = tf.mul(gs, tf.div(iv, n));
  const dx = tf.mul(scale, tf.sub(tf.sub(tf.mul(dy, n), sumDy), tf.mul(xh, sumDyXhat)));
  return [dx, sumDyXhat, sumDy];
});

/** The batch statistics over N, H, W (biased variance). */
export type Stats = (x: tf.Tensor4D) => { mean: tf.Tensor1D; variance: tf.Tensor1D };
export const tfMoments: Stats = (x) => tf.moments(x, [0, 1, 2]) as { mean: tf.Tensor1D; variance: tf.Tensor1D };

/**
 * Statistics and normalisation: [y, mean, variance], y = relu(γ·x̂ + β) with `relu` (WRN's pre-activation blocks):
 * by `normalizeRelu` where the formulation fuses it, else a separate tf.relu.
 */
export function bnForward(
  normalize: Normalize,
  stats: Stats,
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  relu = false,
  normalizeRelu?: Normalize,
) {
  const { mean, variance } = stats(x);
  if (!relu) return [normalize(x, mean, variance, gamma, beta), mean, variance];
  const y = normalizeRelu
    ? normalizeRelu(x, mean, variance, gamma, beta)
    : tf.relu(normalize(x, mean, variance, gamma, beta));
  return [y, mean, variance];
}

/** Forward (y of a bnForward) and backward together, with a ones upstream gradient: what the tuner times. */
export function bnForwardBackward(
  forward: (x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D) => tf.Tensor,
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
) {
  return tf.grads((xi: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
    forward(xi as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D),
  )([x, gamma, beta]);
}
