// 2×2 max pooling, stride 2, 'same' padding (the CNN's pool), with its gradient computed in JavaScript on WASM.
// Measured on this repo's 2-core machine (tfjs 4.22, Node): tfjs-wasm's MaxPoolGrad took 21–28 ms per step for the
// default student's first pool (64×28×28×16), a third of the whole training step; the JS loop below 5–6 ms. tfjs-wasm's
// kernel also sends the gradient of a window whose maximum is ≤ 0 to the window's first element, which is not
// a maximum when the values are negative; this one follows the definition. Ties go to the last maximum in
// row-major order, as tfjs-wasm does for positive windows (the CNN pools after a ReLU, so only all-zero windows
// tie, and their gradient is zeroed by the ReLU either way).
import * as tf from '@tensorflow/tfjs-core';
import { onWasm, wasmKernel } from './wasmHeap';
import { opsMode } from './routing';

/** dx for 2×2/2 max pooling of x [B,H,W,C] (H, W even) given dy [B,H/2,W/2,C]. */
export function maxPool2GradWasm(x: tf.Tensor4D, dy: tf.Tensor4D): tf.Tensor4D {
  const [B, H, W, C] = x.shape;
  const Ho = H / 2;
  const Wo = W / 2;
  return wasmKernel<tf.Rank.R4>(x.shape, [x, dy], (o, [xs, ds]) => {
    const row = W * C;
    for (let b = 0; b < B; b++) {
      for (let i = 0; i < Ho; i++) {
        const top = (b * H + 2 * i) * row;
        let d = (b * Ho + i) * Wo * C;
        for (let j = 0; j < Wo; j++) {
          const p00 = top + 2 * j * C;
          const p01 = p00 + C;
          const p10 = p00 + row;
          const p11 = p10 + C;
          for (let c = 0; c < C; c++, d++) {
            // Every output element is written once (no separate zero fill).
            const a = xs[p00 + c];
            const b1 = xs[p01 + c];
            const c1 = xs[p10 + c];
            const e = xs[p11 + c];
            let k = 0;
            let v = a;
            if (b1 >= v) ((k = 1), (v = b1));
            if (c1 >= v) ((k = 2), (v = c1));
            if (e >= v) k = 3;
            const g = ds[d];
            o[p00 + c] = k === 0 ? g : 0;
            o[p01 + c] = k === 1 ? g : 0;
            o[p10 + c] = k === 2 ? g : 0;
            o[p11 + c] = k === 3 ? g : 0;
          }
        }
      }
    }
  });
}

const pool2 = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor4D, tf.GradSaveFunc];
  save([x]);
  return {
    value: tf.maxPool(x, 2, 2, 'same'),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => maxPool2GradWasm(saved[0] as tf.Tensor4D, dy as tf.Tensor4D),
  };
}) as (x: tf.Tensor4D) => tf.Tensor4D;

/** maxPool(x, 2, 2, 'same'); on WASM (even H and W) with the JavaScript gradient above. */
export function maxPool2(x: tf.Tensor4D): tf.Tensor4D {
  if (!onWasm() || opsMode() === 'stock' || x.shape[1] % 2 || x.shape[2] % 2 || x.dtype !== 'float32')
    return tf.maxPool(x, 2, 2, 'same');
  return pool2(x);
}
