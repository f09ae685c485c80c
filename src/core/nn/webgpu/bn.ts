// Batch-norm statistics, backward and fused forward in WGSL, per channel over N,H,W (NHWC, read in place).
import type * as tf from '@tensorflow/tfjs-core';
import { colCombine, colPartial, type ColOpts } from './colsum';
import { MAIN, WG, flatDispatch, runProgram, webgpuBackend } from './program';

const rowsOf = (x: tf.Tensor4D) => x.shape[0] * x.shape[1] * x.shape[2];

/** Mean and biased variance over N,H,W: one read of x (shifted sum and sum of squares), then two tiny passes. */
export function bnStatsWgsl(x: tf.Tensor4D, opts?: ColOpts): { mean: tf.Tensor1D; variance: tf.Tensor1D } {
  const backend = webgpuBackend('bnStatsWgsl');
  const R = rowsOf(x);
  const C = x.shape[3];
  const { partial, groups } = colPartial(backend, 'stats', [x], R, C, opts);
  const mean = colCombine(backend, partial, groups, C, { kind: 'mean', n: R }, x);
  const variance = colCombine(backend, partial, groups, C, { kind: 'var', n: R });
  partial.dispose();
  return { mean, variance };
}

/**
 * dβ = Σ dy, dγ = Σ dy·x̂ (one read of dy and x̂ for both), then
 * dx = γ·inv/N · (N·dy − Σdy − x̂·Σdy·x̂) in one elementwise pass.
 */
export function bnBackwardWgsl(
  dy: tf.Tensor4D,
  xhat: tf.Tensor4D,
  gamma: tf.Tensor1D,
  inv: tf.Tensor1D,
  opts?: ColOpts,
): { dx: tf.Tensor4D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  return bnBack('bnBackwardWgsl', dy, xhat, gamma, inv, undefined, opts);
}

/**
 * Backward of relu(BN(x)) in the same four passes as bnBackwardWgsl: dy (the gradient at the ReLU's output)
 * is masked where γ·x̂ + β ≤ 0, recomputed from x̂ rather than stored, so no separate ReLU-gradient pass.
 */
export function bnReluBackwardWgsl(
  dy: tf.Tensor4D,
  xhat: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  inv: tf.Tensor1D,
  opts?: ColOpts,
): { dx: tf.Tensor4D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  return bnBack('bnReluBackwardWgsl', dy, xhat, gamma, inv, beta, opts);
}

function bnBack(
  op: string,
  dy: tf.Tensor4D,
  xhat: tf.Tensor4D,
  gamma: tf.Tensor1D,
  inv: tf.Tensor1D,
  beta: tf.Tensor1D | undefined,
  opts?: ColOpts,
): { dx: tf.Tensor4D; dgamma: tf.Tensor1D; dbeta: tf.Tensor1D } {
  const backend = webgpuBackend(op);
  const R = rowsOf(dy);
  const C = dy.shape[3];
  const { partial, groups } = beta
    ? colPartial(backend, 'dyxhatRelu', [dy, xhat, gamma, beta], R, C, opts)
    : colPartial(backend, 'dyxhat', [dy, xhat], R, C, opts);
  const dbeta = colCombine(backend, partial, groups, C, { kind: 'sum', q: 0 });
  const dgamma = colCombine(backend, partial, groups, C, { kind: 'sum', q: 1 });
  partial.dispose();
  const size = R * C;
  const dx = runProgram(
    backend,
    {
      key: `bndx_${size}_${C}_${beta ? 'relu' : ''}`,
      inputs: ['dy', 'xhat', 'gamma', 'inv', 'sdy', 'sdyx', ...(beta ? ['beta'] : [])],
      outputShape: dy.shape,
      dispatch: flatDispatch(size),
      code: `
  ${MAIN} {
    for (var i = i32(workgroupId.x) * ${WG} + i32(localId.x); i < ${size}; i += i32(numWorkgroups.x) * ${WG}) {
      let c = i % ${C};
      let n = f32(${R});
      let xh = xhat[i];
      let d = ${beta ? 'select(0.0, dy[i], fma(gamma[c], xh, beta[c]) > 0.0)' : 'dy[i]'};
      result[i] = gamma[c] * inv[c] / n * (n * d - sdy[c] - xh * sdyx[c]);
    }
  }`,
    },
    beta ? [dy, xhat, gamma, inv, dbeta, dgamma, beta] : [dy, xhat, gamma, inv, dbeta, dgamma],
  ) as tf.Tensor4D;
  return { dx, dgamma, dbeta };
}

/** y = relu(γ·(x − μ)·inv + β) in one pass (inv = 1/√(σ² + ε), supplied by the caller). */
export function bnReluWgsl(
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  inv: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
): tf.Tensor4D {
  const backend = webgpuBackend('bnReluWgsl');
  const C = x.shape[3];
  const size = x.size;
  return runProgram(
    backend,
    {
      key: `bnrelu_${size}_${C}`,
      inputs: ['x', 'mean', 'inv', 'gamma', 'beta'],
      outputShape: x.shape,
      dispatch: flatDispatch(size),
      code: `
  ${MAIN} {
    for (var i = i32(workgroupId.x) * ${WG} + i32(localId.x); i < ${size}; i += i32(numWorkgroups.x) * ${WG}) {
      let c = i % ${C};
      result[i] = max(fma(gamma[c] * inv[c], x[i] - mean[c], beta[c]), 0.0);
    }
  }`,
    },
    [x, mean, inv, gamma, beta],
  ) as tf.Tensor4D;
}

/**
 * Batch norm's affine pass for the closed-form normalisation (ops/bnGrads.ts): x̂ = (x − μ)·inv and y = x̂·γ + β,
 * one dispatch each (a program has one output) instead of tfjs's four broadcasting binaries. The same float32
 * operations in the same order as the tfjs form (no fma), so it rounds alike. With `relu`, y = max(γ·x̂ + β, 0)
 * as an fma, the very expression bnReluBackwardWgsl masks its gradient by, so both agree on every zero.
 */
export function bnAffineWgsl(
  x: tf.Tensor4D,
  mean: tf.Tensor1D,
  inv: tf.Tensor1D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  relu = false,
): { xhat: tf.Tensor4D; y: tf.Tensor4D } {
  const backend = webgpuBackend('bnAffineWgsl');
  const C = x.shape[3];
  const pass = (key: string, inputs: string[], body: string, ts: tf.Tensor[]) =>
    runProgram(
      backend,
      {
        key: `bnaffine_${key}_${C}`,
        inputs,
        outputShape: x.shape,
        dispatch: flatDispatch(x.size),
        size: true,
        code: `
  ${MAIN} {
    for (var i = i32(workgroupId.x) * ${WG} + i32(localId.x); i < uniforms.size; i += i32(numWorkgroups.x) * ${WG}) {
      let c = i % ${C};
      ${body}
    }
  }`,
      },
      ts,
    ) as tf.Tensor4D;
  const xhat = pass('xhat', ['x', 'mean', 'inv'], 'let d = x[i] - mean[c]; result[i] = d * inv[c];', [x, mean, inv]);
  const yBody = relu
    ? 'result[i] = max(fma(gamma[c], xhat[i], beta[c]), 0.0);'
    : 'let s = xhat[i] * gamma[c]; result[i] = s + beta[c];';
  const y = pass(relu ? 'yrelu' : 'y', ['xhat', 'gamma', 'beta'], yBody, [xhat, gamma, beta]);
  return { xhat, y };
}
