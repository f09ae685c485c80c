// Batch-norm: training mode normalises with batch statistics, the running statistics update as PyTorch
// does (momentum 0.1, unbiased variance), inference mode uses the running statistics.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../rng';
import { BN_EPS, BN_MOMENTUM, batchNormInfer, batchNormTrain, type BnParams, updateRunningStats } from './batchnorm';

const B = 4;
const H = 3;
const W = 5;
const C = 3;
const N = B * H * W;

/** x[..., c] = offset_c + scale_c · u, u uniform in [−1, 1]. */
function hostX(seed: number): Float32Array {
  const rng = new Rng(seed);
  const offs = [2, -1, 0.5];
  const scales = [0.5, 3, 1];
  return Float32Array.from({ length: N * C }, (_, i) => offs[i % C] + scales[i % C] * (rng.next() * 2 - 1));
}

function channelStats(a: ArrayLike<number>): { mean: number[]; varB: number[] } {
  const mean = new Array(C).fill(0);
  const varB = new Array(C).fill(0);
  for (let i = 0; i < a.length; i++) mean[i % C] += a[i] / N;
  for (let i = 0; i < a.length; i++) varB[i % C] += (a[i] - mean[i % C]) ** 2 / N;
  return { mean, varB };
}

let counter = 0;
function params(gamma: number[], beta: number[], runMean: number[], runVar: number[]): BnParams {
  const id = `bn-test${++counter}`;
  const v = (vals: number[], n: string, trainable: boolean) => {
    const t = tf.tensor1d(vals);
    const r = tf.variable(t, trainable, `${id}/${n}`);
    t.dispose();
    return r;
  };
  return {
    gamma: v(gamma, 'gamma', true),
    beta: v(beta, 'beta', true),
    runMean: v(runMean, 'mean', false),
    runVar: v(runVar, 'var', false),
  };
}

const disposeParams = (p: BnParams) => tf.dispose([p.gamma, p.beta, p.runMean, p.runVar]);

describe('batchNormTrain', () => {
  it('gives per-channel mean ≈ 0 and variance ≈ 1 before the affine, and returns the batch statistics', async () => {
    const xh = hostX(1);
    const p = params([1, 1, 1], [0, 0, 0], [0, 0, 0], [1, 1, 1]);
    const x = tf.tensor4d(xh, [B, H, W, C]);
    const { y, mean, variance } = batchNormTrain(x, p);
    const [yv, mv, vv] = await Promise.all([y.data(), mean.data(), variance.data()]);
    const s = channelStats(yv);
    const ref = channelStats(xh);
    for (let c = 0; c < C; c++) {
      expect(Math.abs(s.mean[c])).toBeLessThan(1e-5);
      expect(s.varB[c]).toBeCloseTo(ref.varB[c] / (ref.varB[c] + BN_EPS), 4);
      expect(mv[c]).toBeCloseTo(ref.mean[c], 5);
      expect(vv[c]).toBeCloseTo(ref.varB[c], 4); // biased (population) variance for normalising
    }
    tf.dispose([x, y, mean, variance]);
    disposeParams(p);
  });

  it('applies γ and β after normalising', async () => {
    const p = params([2, 0.5, 3], [1, -2, 0.25], [0, 0, 0], [1, 1, 1]);
    const x = tf.tensor4d(hostX(2), [B, H, W, C]);
    const { y, mean, variance } = batchNormTrain(x, p);
    const s = channelStats(await y.data());
    [1, -2, 0.25].forEach((b, c) => expect(s.mean[c]).toBeCloseTo(b, 4));
    [2, 0.5, 3].forEach((g, c) => expect(Math.sqrt(s.varB[c])).toBeCloseTo(g, 3));
    tf.dispose([x, y, mean, variance]);
    disposeParams(p);
  });

  it('its input gradient is invariant to per-channel shifts and scales (flows through the batch statistics)', async () => {
    const xh = hostX(3);
    const p = params([1.5, 0.7, 1], [0.1, 0, -0.3], [0, 0, 0], [1, 1, 1]);
    const rng = new Rng(9);
    const up = tf.tensor4d(
      Float32Array.from({ length: N * C }, () => rng.next() - 0.5),
      [B, H, W, C],
    );
    const x = tf.tensor4d(xh, [B, H, W, C]);
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(batchNormTrain(a as tf.Tensor4D, p).y, up)))(x);
    const g = await dx.data();
    const { mean } = channelStats(xh);
    const sum = new Array(C).fill(0);
    const dot = new Array(C).fill(0);
    let scale = 0;
    for (let i = 0; i < g.length; i++) {
      sum[i % C] += g[i];
      dot[i % C] += g[i] * (xh[i] - mean[i % C]);
      scale = Math.max(scale, Math.abs(g[i]));
    }
    expect(scale).toBeGreaterThan(1e-3);
    for (let c = 0; c < C; c++) {
      expect(Math.abs(sum[c])).toBeLessThan(1e-4);
      expect(Math.abs(dot[c])).toBeLessThan(1e-3);
    }
    tf.dispose([up, x, dx]);
    disposeParams(p);
  });
});

describe('updateRunningStats', () => {
  it('running = (1−m)·running + m·batch, with the unbiased batch variance', async () => {
    const p = params([1, 1, 1], [0, 0, 0], [0.5, -1, 2], [1, 4, 0.25]);
    const mean = tf.tensor1d([1, 2, 3]);
    const variance = tf.tensor1d([0.3, 0.6, 0.9]);
    const n = 20;
    updateRunningStats(p, mean, variance, n);
    const m = BN_MOMENTUM;
    expect(m).toBe(0.1);
    const rm = await p.runMean.data();
    const rv = await p.runVar.data();
    [0.5, -1, 2].forEach((r, c) => expect(rm[c]).toBeCloseTo((1 - m) * r + m * [1, 2, 3][c], 6));
    [1, 4, 0.25].forEach((r, c) => expect(rv[c]).toBeCloseTo((1 - m) * r + m * [0.3, 0.6, 0.9][c] * (n / (n - 1)), 6));
    tf.dispose([mean, variance]);
    disposeParams(p);
  });

  it('creates no lasting tensors', () => {
    const p = params([1], [0], [0], [1]);
    const mean = tf.tensor1d([1]);
    const variance = tf.tensor1d([2]);
    const before = tf.memory().numTensors;
    updateRunningStats(p, mean, variance, 10);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([mean, variance]);
    disposeParams(p);
  });
});

describe('batchNormInfer', () => {
  it('uses the running statistics: (x − μ_run)/√(σ²_run + ε)·γ + β', async () => {
    const gamma = [2, 0.5, 1];
    const beta = [0, 1, -1];
    const rm = [1, -1, 0.5];
    const rv = [4, 0.25, 1];
    const p = params(gamma, beta, rm, rv);
    const xh = hostX(4);
    const x = tf.tensor4d(xh, [B, H, W, C]);
    const y = batchNormInfer(x, p);
    const yv = await y.data();
    for (let i = 0; i < xh.length; i++) {
      const c = i % C;
      expect(yv[i]).toBeCloseTo(((xh[i] - rm[c]) / Math.sqrt(rv[c] + BN_EPS)) * gamma[c] + beta[c], 4);
    }
    tf.dispose([x, y]);
    disposeParams(p);
  });
});
