// Batch normalisation over N,H,W. Training mode normalises with batch statistics and returns the new
// running statistics for the caller to assign; inference mode uses the running statistics.
import * as tf from '@tensorflow/tfjs-core';
import { BN_EPS } from './bnGrads';
import { choose, dims } from './routing';

export { BN_EPS };
export const BN_MOMENTUM = 0.1; // PyTorch convention: running = (1-m)·running + m·batch

export interface BnParams {
  gamma: tf.Variable;
  beta: tf.Variable;
  runMean: tf.Variable;
  runVar: tf.Variable;
}

export function batchNormTrain(
  x: tf.Tensor4D,
  p: BnParams,
): { y: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const { mean, variance } = tf.moments(x, [0, 1, 2]) as { mean: tf.Tensor1D; variance: tf.Tensor1D };
  const gamma = p.gamma as tf.Tensor1D;
  const beta = p.beta as tf.Tensor1D;
  // Stock: tfjs's batchNorm with autodiff through the moments; analytic: bnGrads.ts (as tuned, or by rule).
  const c = choose('bnTrain', [x, gamma, beta], () => `x${dims(x.shape)}`);
  return { y: c.run(x, mean, variance, gamma, beta) as tf.Tensor4D, mean, variance };
}

export function batchNormInfer(x: tf.Tensor4D, p: BnParams): tf.Tensor4D {
  return tf.batchNorm4d(
    x,
    p.runMean as tf.Tensor1D,
    p.runVar as tf.Tensor1D,
    p.beta as tf.Tensor1D,
    p.gamma as tf.Tensor1D,
    BN_EPS,
  );
}

/** Running-statistics update (unbiased batch variance, as PyTorch does). Run outside the gradient tape. */
export function updateRunningStats(p: BnParams, mean: tf.Tensor1D, variance: tf.Tensor1D, n: number): void {
  tf.tidy(() => {
    const m = BN_MOMENTUM;
    const unbiased = tf.mul(variance, n / Math.max(n - 1, 1));
    p.runMean.assign(tf.add(tf.mul(p.runMean, 1 - m), tf.mul(mean, m)));
    p.runVar.assign(tf.add(tf.mul(p.runVar, 1 - m), tf.mul(unbiased, m)));
  });
}
