// Batch norm in training mode on WASM with the SIMD kernels (kernels.wat): statistics in two passes (sums, then
// squared deviations: no E[x²] − E[x]² cancellation), the normalisation in one pass writing x̂ and y, and the
// closed-form backward (bnGrads.ts) as one pass for both reductions and one elementwise pass. Why: tfjs-wasm runs
// them as ~20 kernels over the activation, with tf.moments and the reductions over N·H·W transposing first;
// measured on WRN-10-1 (32×32×3, batch 64, Node) they took ~100 ms of a ~470 ms step.
import * as tf from '@tensorflow/tfjs-core';
import { closedFormNormalize, type Normalize, type Stats } from '../ops/bnGrads';
import { heapOffset as at, heapTensor, simdKernels } from './module';

/** Whether the kernels run for x: float32, channels a multiple of 4 (the SIMD width). */
export function simdBnApplies(x: tf.Tensor4D | undefined): boolean {
  return simdKernels() !== null && (!x || (x.shape[3] % 4 === 0 && x.dtype === 'float32'));
}

const rowsOf = (x: tf.Tensor4D) => x.shape[0] * x.shape[1] * x.shape[2];

/** Mean and biased variance over N, H, W. */
export const simdStats: Stats = (x) => {
  const k = simdKernels()!;
  const R = rowsOf(x);
  const C = x.shape[3];
  return tf.tidy(() => {
    const sum = heapTensor<tf.Rank.R1>([C]);
    k.channelSums(at(x), 0, at(sum), R, C, 0);
    const mean = tf.div(sum, R) as tf.Tensor1D;
    const sq = heapTensor<tf.Rank.R1>([C]);
    k.channelSums(at(x), at(mean), at(sq), R, C, 1);
    return { mean, variance: tf.div(sq, R) as tf.Tensor1D };
  });
};

/** y = γ·x̂ + β with the closed-form backward (bnGrads.ts), every pass over the activation a SIMD kernel. */
export const simdNormalize: Normalize = closedFormNormalize(
  (dy, xh, gs, iv) => {
    const k = simdKernels()!;
    const R = rowsOf(xh);
    const C = xh.shape[3];
    const sdy = heapTensor<tf.Rank.R1>([C]);
    const sdyx = heapTensor<tf.Rank.R1>([C]);
    k.bnBackwardSums(at(dy), at(xh), at(sdy), at(sdyx), R, C);
    // dx = γ/(N·√(σ²+ε)) · (N·dy − Σdy − x̂·Σdy·x̂), in analyticNormalize's order
    const scale = tf.mul(gs, tf.div(iv, R));
    const dx = heapTensor<tf.Rank.R4>(xh.shape);
    k.bnBackwardDx(at(dy), at(xh), at(scale), at(sdy), at(sdyx), at(dx), R, C, Math.fround(R));
    return [dx, sdyx, sdy];
  },
  (x, mean, inv, gamma, beta) => {
    const xhat = heapTensor<tf.Rank.R4>(x.shape);
    const y = heapTensor<tf.Rank.R4>(x.shape);
    simdKernels()!.bnNormalize(at(x), at(mean), at(inv), at(gamma), at(beta), at(xhat), at(y), rowsOf(x), x.shape[3]);
    return { xhat, y };
  },
);
