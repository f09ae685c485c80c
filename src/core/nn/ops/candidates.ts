// The candidate formulations of each training op, for the autotuner (nn/tune) and the routing. 'stock' (tfjs's
// own) is always the first and, where the backend has it, the baseline. Every candidate is gradient-checked
// against stock (gradcheck.ts) on cpu, wasm, WebGPU (Node) and WebGL (e2e).
import * as tf from '@tensorflow/tfjs-core';
import type { Candidate } from '../tune/autotuner';
import {
  analyticNormalize,
  bnForward,
  bnForwardBackward,
  stockNormalize,
  tfMoments,
  type Normalize,
  type Stats,
} from './bnGrads';
import {
  flagRegistered,
  hasStockFilterGrad,
  rotatedConvApplies,
  rotatedConvInputGrad,
  shiftedMatmulFilterGrad,
  stockFilterGrad,
  stockInputGrad,
  transposedConvFilterGrad,
  withFlag,
} from './convGrads';
import { simdBnApplies, simdNormalize, simdStats } from '../wasm/batchnorm';
import { simdFilterGrad, simdFilterGradApplies, simdInputGrad, simdInputGradApplies } from '../wasm/ops';

export type OpKind = 'convFilterGrad' | 'convInputGrad' | 'denseGrad' | 'bnTrain';
export const OP_KINDS: readonly OpKind[] = ['convFilterGrad', 'convInputGrad', 'denseGrad', 'bnTrain'];

// Argument lists, per op (the tuner passes the recorded ones back in this order):
//   convFilterGrad (x, dy, kh, kw, stride) → dW      convInputGrad (dy, w, xShape, stride) → dX
//   denseGrad (x, w, dy) → [dX, dW]                   bnTrain (x, gamma, beta, relu) → [y, mean, variance]
type Fn = (...a: never[]) => tf.Tensor | tf.Tensor[];
const cand = (name: string, available: (...a: never[]) => boolean, run: Fn, time?: Fn): Candidate =>
  ({ name, available, run, time }) as unknown as Candidate;
const always = () => true;

const NAIVE_TRANSPOSE = 'WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE';

/**
 * A batch-norm candidate from a normalisation (its backward: autodiff or custom), a statistics function (the
 * slots for WGSL kernels) and, optionally, a normalisation with the ReLU fused in: `run` gives [y, mean, variance]
 * (y after the ReLU when asked); the tuner times forward and backward together.
 */
export function bnCandidate(
  name: string,
  normalize: Normalize,
  available: (x?: tf.Tensor4D) => boolean = always,
  stats: Stats = tfMoments,
  normalizeRelu?: Normalize,
): Candidate {
  const forward = (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D, relu?: boolean) =>
    bnForward(normalize, stats, x, g, b, relu === true, normalizeRelu);
  return cand(name, available, forward, (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D, relu?: boolean) =>
    bnForwardBackward((xi, gi, bi) => forward(xi, gi, bi, relu)[0], x, g, b),
  );
}

const registry = new Map<OpKind, Candidate[]>([
  [
    'convFilterGrad',
    [
      cand('stock', hasStockFilterGrad, stockFilterGrad),
      cand('transposed-conv', always, transposedConvFilterGrad),
      cand('shifted-matmul', always, shiftedMatmulFilterGrad),
      // WASM: a SIMD kernel over the heap (wasm/kernels.wat), no packing of dy as XNNPACK weights.
      cand('wasm-simd', (x: tf.Tensor4D, dy: tf.Tensor4D) => simdFilterGradApplies(x, dy), simdFilterGrad),
    ],
  ],
  [
    'convInputGrad',
    [
      cand('stock', always, stockInputGrad),
      cand(
        'rotated-conv',
        (_dy: tf.Tensor4D, w: tf.Tensor4D, _x: unknown, s: number) => rotatedConvApplies(w, s),
        (dy: tf.Tensor4D, w: tf.Tensor4D) => rotatedConvInputGrad(dy, w),
      ),
      cand(
        'stock-tiled',
        () => tf.getBackend() === 'webgpu' && flagRegistered(NAIVE_TRANSPOSE),
        (dy: tf.Tensor4D, w: tf.Tensor4D, xShape: [number, number, number, number], s: number) =>
          withFlag(NAIVE_TRANSPOSE, false, () => stockInputGrad(dy, w, xShape, s)),
      ),
      // WASM, any stride: a SIMD kernel scattering into x's padded frame (tfjs-wasm's Conv2DBackpropInput is a
      // scalar loop: 99–110 ms vs 10–11 ms for WRN-10-1's stride-2 convs at batch 64).
      cand(
        'wasm-simd',
        (_dy: tf.Tensor4D, w: tf.Tensor4D) => simdInputGradApplies(w),
        (dy: tf.Tensor4D, w: tf.Tensor4D, xShape: [number, number, number, number], s: number) =>
          simdInputGrad(dy, w, xShape, s),
      ),
    ],
  ],
  [
    'denseGrad',
    [
      // What tfjs's MatMul gradient runs: transpose flags.
      cand('stock', always, (x: tf.Tensor2D, w: tf.Tensor2D, dy: tf.Tensor2D) => [
        tf.matMul(dy, w, false, true),
        tf.matMul(x, dy, true, false),
      ]),
      // Explicit transposes: flags run 10-15× slower on WASM (XNNPACK).
      cand('explicit-transpose', always, (x: tf.Tensor2D, w: tf.Tensor2D, dy: tf.Tensor2D) => [
        tf.matMul(dy, tf.transpose(w)),
        tf.matMul(tf.transpose(x), dy),
      ]),
    ],
  ],
  [
    'bnTrain',
    [
      bnCandidate('stock', stockNormalize),
      bnCandidate('analytic', analyticNormalize),
      // WASM: statistics, normalisation and backward as SIMD passes over the activation (wasm/batchnorm.ts).
      bnCandidate('wasm-simd', simdNormalize, simdBnApplies, simdStats),
    ],
  ],
]);

export function candidatesOf(op: OpKind | string): readonly Candidate[] {
  return registry.get(op as OpKind) ?? [];
}

export function candidate(op: OpKind, name: string): Candidate | undefined {
  return registry.get(op)?.find((c) => c.name === name);
}

/**
 * REGISTRATION POINT for formulations written elsewhere (the WGSL kernels of src/core/nn/webgpu/): the lead calls,
 * when merging, e.g.
 *   registerCandidate('convFilterGrad', { name: 'wgsl', available: () => tf.getBackend() === 'webgpu',
 *     run: (x, dy, kh, kw, stride) => convFilterGradWgsl(x, dy, kh, kw, stride) });
 * (same argument order as above; for 'bnTrain': bnCandidate('wgsl', normalize, available, stats)). Replaces a candidate of the same name; 'stock'
 * cannot be replaced. The new candidate is gradient-checked by gradcheck.ts like the others.
 */
export function registerCandidate(op: OpKind, c: Candidate): void {
  if (c.name === 'stock') throw new Error("the 'stock' candidate is tfjs's own and cannot be replaced");
  const list = registry.get(op)!;
  const i = list.findIndex((x) => x.name === c.name);
  if (i >= 0) list[i] = c;
  else list.push(c);
}

/** Removes a registered candidate (tests). */
export function unregisterCandidate(op: OpKind, name: string): void {
  if (name === 'stock') return;
  const list = registry.get(op)!;
  const i = list.findIndex((x) => x.name === name);
  if (i >= 0) list.splice(i, 1);
}
