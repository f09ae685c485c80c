// 2-D convolution ('same' padding, NHWC, HWIO filters) whose gradients run the formulation routing.ts chooses
// (the autotuner's, measured on this device, or the prior rule). The WASM backend of tfjs 4.22 has no
// Conv2DBackpropFilter kernel, so without a custom filter gradient it cannot train convolutions at all.
import * as tf from '@tensorflow/tfjs-core';
import type { OpKind } from './candidates';
import { transposedConvFilterGrad } from './convGrads';
import { choose, customPath, dims } from './routing';

export { samePad } from './convGrads';

/** The conv-over-transposed-tensors filter gradient (the prior rule off WebGPU). */
export const convFilterGrad = transposedConvFilterGrad;

export function filterGradShape(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number, stride: number): string {
  return `x${dims(x.shape)}|k${kh}x${kw}|s${stride}|co${dy.shape[3]}`;
}

/** dW by the routed formulation. */
export function routedFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number, stride: number): tf.Tensor4D {
  const args = [x, dy, kh, kw, stride];
  return choose('convFilterGrad', args, () => filterGradShape(x, dy, kh, kw, stride)).run(...args) as tf.Tensor4D;
}

/** dX by the routed formulation (for stride 1 on WASM, before tuning: the rotated-filter conv). */
export function convInputGrad(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
): tf.Tensor4D {
  const args = [dy, w, xShape, stride];
  const shape = () => `dy${dims(dy.shape)}|w${dims(w.shape)}|s${stride}`;
  return choose('convInputGrad', args, shape).run(...args) as tf.Tensor4D;
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
          const dw = routedFilterGrad(xs, dy4, ws.shape[0], ws.shape[1], stride);
          return [dx, dw];
        },
      };
    }) as ConvOp;
    convOps.set(stride, op);
  }
  return op;
}

export function conv2d(x: tf.Tensor4D, w: tf.Tensor4D, stride = 1): tf.Tensor4D {
  const routed: [OpKind, unknown[]][] = [
    ['convFilterGrad', []],
    ['convInputGrad', [null, w, null, stride]],
  ];
  if (!customPath(routed)) return tf.conv2d(x, w, stride, 'same');
  return convOp(stride)(x, w) as tf.Tensor4D;
}
