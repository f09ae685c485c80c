// Side-effect module: registers the WGSL kernels as the 'wgsl' candidates of the training ops (ops/candidates.ts),
// for the autotuner to time and the gradient checks to force. Import it where WebGPU can run (worker, WebGPU
// tests, the e2e gradcheck page, bench/gpu.ts). Each is available only on the webgpu backend and for arguments the
// kernel handles (stride 1 or 2, float32, a GEMM grid and register tile the device takes).
import * as tf from '@tensorflow/tfjs-core';
import type { Candidate } from '../tune/autotuner';
import { bnCandidate, registerCandidate } from '../ops/candidates';
import { closedFormNormalize, type Normalize, type Stats } from '../ops/bnGrads';
import { samePad } from '../ops/convGrads';
import {
  bnAffineWgsl,
  bnBackwardWgsl,
  bnReluBackwardWgsl,
  bnStatsWgsl,
  convFilterGradWgsl,
  convInputGradWgsl,
  gemmPlan,
} from './index';
import { MAX_GROUPS, webgpuBackend } from './program';
import { TK } from './gemm';

const onWebGpu = () => tf.getBackend() === 'webgpu';
const isF32 = (t: unknown): t is tf.Tensor4D => t instanceof tf.Tensor && t.rank === 4 && t.dtype === 'float32';

/** The GEMM runGemm would launch (default plan) fits the dispatch limits and the device's workgroup memory. */
function gemmFits(M: number, N: number, K: number, batched: boolean): boolean {
  const p = gemmPlan(M, N, K, batched ? { splits: 1 } : {});
  if (Math.ceil(N / p.tn) > MAX_GROUPS || Math.ceil(M / p.tm) > MAX_GROUPS) return false;
  const limit = webgpuBackend('wgsl').device.limits.maxComputeWorkgroupStorageSize;
  return 4 * TK * (p.tm + 1 + p.tn + 1) <= limit;
}

const strideOk = (s: unknown) => s === 1 || s === 2;

function filterGradFits(x: unknown, dy: unknown, kh: number, kw: number, stride: number): boolean {
  if (!onWebGpu() || !isF32(x) || !isF32(dy) || !strideOk(stride) || kh < 1 || kw < 1) return false;
  const [B, H, W, CI] = x.shape;
  const [B2, HO, WO, CO] = dy.shape;
  if (B2 !== B || HO !== samePad(H, kh, stride).out || WO !== samePad(W, kw, stride).out) return false;
  return gemmFits(kh * kw * CI, CO, B * HO * WO, false);
}

function inputGradFits(dy: unknown, w: unknown, xShape: unknown, stride: number): boolean {
  if (!onWebGpu() || !isF32(dy) || !isF32(w) || !Array.isArray(xShape) || !strideOk(stride)) return false;
  const [kh, kw, CI, CO] = w.shape;
  const [B, H, W] = xShape as number[];
  if (xShape[3] !== CI || dy.shape[3] !== CO || dy.shape[0] !== B) return false;
  if (dy.shape[1] !== samePad(H, kh, stride).out || dy.shape[2] !== samePad(W, kw, stride).out) return false;
  return stride === 2
    ? gemmFits(B * Math.ceil(H / 2) * Math.ceil(W / 2), CI, Math.ceil(kh / 2) * Math.ceil(kw / 2) * CO, true)
    : gemmFits(B * H * W, CI, kh * kw * CO, false);
}

/**
 * The closed-form normalisation of analyticNormalize with WGSL passes: x̂ and y in 2 dispatches (tfjs: 4), the
 * backward in the WGSL kernel (4 dispatches: 2 column sums, 2 tiny, 1 dx).
 */
export const wgslNormalize: Normalize = closedFormNormalize((dy, xh, gs, iv) => {
  const { dx, dgamma, dbeta } = bnBackwardWgsl(dy, xh, gs, iv);
  return [dx, dgamma, dbeta];
}, bnAffineWgsl);

/**
 * relu(γ·x̂ + β) with the ReLU fused in: the affine pass applies it (still 2 dispatches) and the backward masks dy
 * by it in its own passes, instead of a ReLU pass forward and a ReLU-gradient pass (2 dispatches) backward.
 */
export const wgslNormalizeRelu: Normalize = closedFormNormalize(
  (dy, xh, gs, iv, bs) => {
    const { dx, dgamma, dbeta } = bnReluBackwardWgsl(dy, xh, gs, bs, iv);
    return [dx, dgamma, dbeta];
  },
  (x, mean, inv, gamma, beta) => bnAffineWgsl(x, mean, inv, gamma, beta, true),
);

/**
 * The batch statistics in one read of x and two tiny passes (3 dispatches). tf.moments transposes x to put N, H, W
 * last for each of its two reductions: 6 dispatches and two extra passes over the activation.
 */
export const wgslStats: Stats = (x) => bnStatsWgsl(x);

const cand = (name: string, available: Candidate['available'], run: Candidate['run']): Candidate => ({
  name,
  available,
  run,
});

registerCandidate(
  'convFilterGrad',
  cand(
    'wgsl',
    (...a) => filterGradFits(a[0], a[1], a[2] as number, a[3] as number, a[4] as number),
    (...a) =>
      convFilterGradWgsl(a[0] as tf.Tensor4D, a[1] as tf.Tensor4D, a[2] as number, a[3] as number, a[4] as number),
  ),
);
registerCandidate(
  'convInputGrad',
  cand(
    'wgsl',
    (...a) => inputGradFits(a[0], a[1], a[2], a[3] as number),
    (...a) =>
      convInputGradWgsl(
        a[0] as tf.Tensor4D,
        a[1] as tf.Tensor4D,
        a[2] as [number, number, number, number],
        a[3] as number,
      ),
  ),
);
registerCandidate(
  'bnTrain',
  bnCandidate('wgsl', wgslNormalize, (x) => onWebGpu() && (!x || isF32(x)), wgslStats, wgslNormalizeRelu),
);
