// Batch normalisation over N,H,W. Training mode normalises with batch statistics and returns the new
// running statistics for the caller to assign; inference mode uses the running statistics.
import * as tf from '@tensorflow/tfjs-core';
import { BN_EPS } from './bnGrads';
import { choose, dims, wgslRulesApply } from './routing';
import { runningStatsWgsl } from '../webgpu/runningStats';

export { BN_EPS };
export const BN_MOMENTUM = 0.1; // PyTorch convention: running = (1-m)·running + m·batch

export interface BnParams {
  gamma: tf.Variable;
  beta: tf.Variable;
  runMean: tf.Variable;
  runVar: tf.Variable;
}

/** relu: y = relu(BN(x)), fused into the batch norm where the chosen formulation can (WGSL), else a tf.relu. */
export function batchNormTrain(
  x: tf.Tensor4D,
  p: BnParams,
  relu = false,
): { y: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const args = [x, p.gamma, p.beta, relu];
  // Stock: tfjs's batchNorm with autodiff through the moments; analytic: bnGrads.ts (as tuned, or by rule).
  const key = () => `x${dims(x.shape)}${relu ? ' relu' : ''}`;
  const [y, mean, variance] = choose('bnTrain', args, key).run(...args) as tf.Tensor[];
  return { y: y as tf.Tensor4D, mean: mean as tf.Tensor1D, variance: variance as tf.Tensor1D };
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

/**
 * Running-statistics update (unbiased batch variance, as PyTorch does). Run outside the gradient tape. On WebGPU
 * (not in the 'stock' mode) one WGSL dispatch per statistic instead of 3 and 4 (webgpu/runningStats.ts): a fixed
 * rule, as for the optimisers' updates, since an elementwise pass in fewer dispatches wins on every device.
 */
export function updateRunningStats(p: BnParams, mean: tf.Tensor1D, variance: tf.Tensor1D, n: number): void {
  tf.tidy(() => {
    const m = BN_MOMENTUM;
    if (wgslRulesApply() && mean.dtype === 'float32') {
      const next = runningStatsWgsl(p.runMean as tf.Tensor1D, p.runVar as tf.Tensor1D, mean, variance, n, m);
      p.runMean.assign(next.mean);
      p.runVar.assign(next.variance);
      return;
    }
    const unbiased = tf.mul(variance, n / Math.max(n - 1, 1));
    p.runMean.assign(tf.add(tf.mul(p.runMean, 1 - m), tf.mul(mean, m)));
    p.runVar.assign(tf.add(tf.mul(p.runVar, 1 - m), tf.mul(unbiased, m)));
  });
}
