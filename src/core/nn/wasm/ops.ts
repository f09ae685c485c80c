// tfjs-shaped wrappers of the SIMD kernels (module.ts): inputs are float32 tensors on the WASM heap, outputs new
// tensors owned by the caller's tidy. Each says where it applies; elsewhere callers keep the tfjs formulation.
import * as tf from '@tensorflow/tfjs-core';
import { samePad } from '../ops/convGrads';
import { heapOffset, heapTensor, simdKernels } from './module';

const f32 = (...ts: tf.Tensor[]) => ts.every((t) => t.dtype === 'float32');

/** Whether simdFilterGrad runs for dy's channel count: the kernel's register block is 8 output channels. */
export function simdFilterGradApplies(x: tf.Tensor4D | null, dy: tf.Tensor4D | null): boolean {
  return simdKernels() !== null && (!dy || (dy.shape[3] % 8 === 0 && f32(dy))) && (!x || f32(x));
}

/** dW [kh,kw,Ci,Co] of a 'same'-padded conv (any stride), from x as the forward pass saw it and dy. */
export function simdFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number, stride: number): tf.Tensor4D {
  const k = simdKernels()!;
  return tf.tidy(() => {
    const [B, H, W, Ci] = x.shape;
    const [, Ho, Wo, Co] = dy.shape;
    const ph = samePad(H, kh, stride);
    const pw = samePad(W, kw, stride);
    // The rows and columns the forward pass touched (a strided 1×1 conv skips some).
    const Hp = (Ho - 1) * stride + kh;
    const Wp = (Wo - 1) * stride + kw;
    let xp: tf.Tensor4D = x;
    if (Hp !== H || Wp !== W || ph.before || pw.before) {
      xp = heapTensor<tf.Rank.R4>([B, Hp, Wp, Ci]);
      k.pad(heapOffset(x), heapOffset(xp), B, H, W, Ci, Hp, Wp, ph.before, pw.before);
    }
    const M = kh * kw * Ci;
    const Mp = Math.ceil(M / 4) * 4;
    const out = heapTensor<tf.Rank.R2>([Mp, Co]);
    k.convFilterGrad(heapOffset(xp), heapOffset(dy), heapOffset(out), B, Hp, Wp, Ci, Ho, Wo, Co, kh, kw, stride);
    const dw = Mp === M ? out : tf.slice(out, [0, 0], [M, Co]);
    return tf.reshape(dw, [kh, kw, Ci, Co]) as tf.Tensor4D;
  });
}

/** Whether simdInputGrad runs: the kernel's register block is 8 input channels. */
export function simdInputGradApplies(w: tf.Tensor4D): boolean {
  return simdKernels() !== null && w.shape[2] % 8 === 0 && f32(w);
}

/** dX of a 'same'-padded conv (any stride and kernel): scattered into x's padded frame, then cropped. */
export function simdInputGrad(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
): tf.Tensor4D {
  const k = simdKernels()!;
  return tf.tidy(() => {
    const [B, H, W, Ci] = xShape;
    const [kh, kw, , Co] = w.shape;
    const [, Ho, Wo] = dy.shape;
    const ph = samePad(H, kh, stride);
    const pw = samePad(W, kw, stride);
    const Hp = (Ho - 1) * stride + kh;
    const Wp = (Wo - 1) * stride + kw;
    const wt = tf.transpose(w, [0, 1, 3, 2]);
    const framed = Hp !== H || Wp !== W || ph.before > 0 || pw.before > 0;
    const dxp = heapTensor<tf.Rank.R4>(framed ? [B, Hp, Wp, Ci] : xShape);
    k.convInputGrad(heapOffset(dy), heapOffset(wt), heapOffset(dxp), B, Ho, Wo, Co, Hp, Wp, Ci, kh, kw, stride);
    if (!framed) return dxp;
    const dx = heapTensor<tf.Rank.R4>(xShape);
    k.crop(heapOffset(dxp), heapOffset(dx), B, H, W, Ci, Hp, Wp, ph.before, pw.before);
    return dx;
  });
}

/** Whether reluPoolGrad runs: 2×2/2 pooling of even sizes, channels a multiple of 4 (the SIMD width). */
export function reluPoolGradApplies(shape: readonly number[], dtype: tf.DataType): boolean {
  return (
    simdKernels() !== null && shape[1] % 2 === 0 && shape[2] % 2 === 0 && shape[3] % 4 === 0 && dtype === 'float32'
  );
}

/**
 * The backward of maxPool2×2(relu(z)) given a = relu(z) and the pooled gradient dp: [dz, db] with db the sum of dz
 * over batch, rows and columns (the gradient of a bias added to z).
 */
export function reluPoolGrad(a: tf.Tensor4D, dp: tf.Tensor4D): [tf.Tensor4D, tf.Tensor1D] {
  const k = simdKernels()!;
  const [B, H, W, C] = a.shape;
  const dz = heapTensor<tf.Rank.R4>(a.shape);
  const db = heapTensor<tf.Rank.R1>([C]);
  k.reluPoolGrad(heapOffset(a), heapOffset(dp), heapOffset(dz), heapOffset(db), B, H, W, C);
  return [dz, db];
}
