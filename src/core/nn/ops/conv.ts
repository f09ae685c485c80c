// 2-D convolution ('same' padding, NHWC, HWIO filters) with its filter gradient computed as a
// convolution over transposed tensors. The WASM backend of tfjs 4.22 has no Conv2DBackpropFilter
// kernel, so without this it cannot train convolutions at all; on cpu/webgl it was measured faster too.
import * as tf from '@tensorflow/tfjs-core';
import { customConvFilterGrad, preferExplicitTranspose } from './routing';

/** TensorFlow's 'same' padding: total = max((out-1)*s + k - in, 0), the extra pixel at the end. */
export function samePad(inSize: number, k: number, s: number): { out: number; before: number; after: number } {
  const out = Math.ceil(inSize / s);
  const total = Math.max((out - 1) * s + k - inSize, 0);
  const before = Math.floor(total / 2);
  return { out, before, after: total - before };
}

/**
 * dW[kh,kw,ci,co] = Σ_b,i,j xpad[b, i·s+kh, j·s+kw, ci] · dy[b,i,j,co]
 * = conv2d(input = xpadᵀ [ci,Hp,Wp,B], filter = dyᵀ [Ho,Wo,B,co], dilation s) → [ci,kh,kw,co].
 */
export function convFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number, stride: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [, H, W] = x.shape;
    const [, Ho, Wo] = dy.shape;
    const ph = samePad(H, kh, stride);
    const pw = samePad(W, kw, stride);
    let xp: tf.Tensor4D = x;
    if (ph.before || ph.after || pw.before || pw.after) {
      xp = tf.pad(x, [
        [0, 0],
        [ph.before, ph.after],
        [pw.before, pw.after],
        [0, 0],
      ]);
    }
    // Keep exactly the rows/cols the forward pass touched (strided 1×1 convs skip the last ones).
    const needH = (Ho - 1) * stride + kh;
    const needW = (Wo - 1) * stride + kw;
    if (xp.shape[1] !== needH || xp.shape[2] !== needW) xp = tf.slice(xp, [0, 0, 0, 0], [-1, needH, needW, -1]);
    const xt = tf.transpose(xp, [3, 1, 2, 0]);
    const dyt = tf.transpose(dy, [1, 2, 0, 3]);
    const dw = tf.conv2d(xt, dyt as tf.Tensor4D, 1, 'valid', 'NHWC', stride);
    return tf.transpose(dw, [1, 2, 0, 3]);
  });
}

/** dX: for stride 1 on WASM, a 'same' conv of dy with the 180°-rotated, in/out-swapped filter. */
export function convInputGrad(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
): tf.Tensor4D {
  if (stride !== 1 || !preferExplicitTranspose() || w.shape[0] % 2 === 0 || w.shape[1] % 2 === 0) {
    return tf.conv2dTranspose(dy, w, xShape, stride, 'same');
  }
  return tf.tidy(() => tf.conv2d(dy, tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D, 1, 'same'));
}

type ConvOp = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor;
const convOps = new Map<number, ConvOp>();

/** The custom-gradient conv for one stride, built once (the forward pass is the training hot path). */
function convOp(stride: number): ConvOp {
  let op = convOps.get(stride);
  if (!op) {
    op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x4, w4, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
      save([x4, w4]);
      return {
        value: tf.conv2d(x4, w4, stride, 'same'),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
          const dy4 = dy as tf.Tensor4D;
          const dx = convInputGrad(dy4, ws, xs.shape, stride);
          const dw = convFilterGrad(xs, dy4, ws.shape[0], ws.shape[1], stride);
          return [dx, dw];
        },
      };
    }) as ConvOp;
    convOps.set(stride, op);
  }
  return op;
}

export function conv2d(x: tf.Tensor4D, w: tf.Tensor4D, stride = 1): tf.Tensor4D {
  if (!customConvFilterGrad()) return tf.conv2d(x, w, stride, 'same');
  return convOp(stride)(x, w) as tf.Tensor4D;
}
