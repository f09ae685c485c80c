// The CNN's block, maxPool2×2(relu(conv3×3(x) + b)), as one op on WASM. Why: tfjs runs it as five kernels forward
// and eight backward, each a pass over the largest activation (64×28×28×16 for the default student), and saves a
// copy of three of them for the gradient; measured on tfjs 4.22 (Node, this repo's 2-core machine) the backward
// of ReLU, pooling and bias took 13 ms at that size and the SIMD kernel 1.7 ms. Forward here: one fused XNNPACK
// conv (bias and ReLU in its output loop) and the pool; backward: the SIMD ReLU-pool-bias kernel, then the routed
// conv gradients. Elsewhere (other backends, odd sizes, the 'stock' mode) it is the plain composition.
import * as tf from '@tensorflow/tfjs-core';
import { reluPoolGrad, reluPoolGradApplies } from '../wasm/ops';
import { conv2d, convInputGrad, routedFilterGrad } from './conv';
import { maxPool2 } from './pool';
import { opsMode } from './routing';

type BlockOp = (x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D) => tf.Tensor4D;
const ops = new Map<boolean, BlockOp>();

function blockOp(inputGrad: boolean): BlockOp {
  let op = ops.get(inputGrad);
  if (!op) {
    op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, w, b, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.GradSaveFunc];
      // The kernel itself: tf.fused.conv2d unfuses bias and activation whenever a gradient is being recorded.
      const a = tf.engine().runKernel(
        'FusedConv2D',
        { x, filter: w, bias: b } as unknown as tf.NamedTensorMap,
        {
          strides: [1, 1],
          pad: 'same',
          dataFormat: 'NHWC',
          dilations: [1, 1],
          activation: 'relu',
        } as unknown as tf.NamedAttrMap,
      ) as tf.Tensor4D;
      save([x, w, a]);
      return {
        value: tf.maxPool(a, 2, 2, 'same'),
        gradFunc: (dp: tf.Tensor, saved: tf.Tensor[]) => {
          const [xs, ws, as] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
          const [dz, db] = reluPoolGrad(as, dp as tf.Tensor4D);
          const dw = routedFilterGrad(xs, dz, ws.shape[0], ws.shape[1], 1);
          const dx = inputGrad ? convInputGrad(dz, ws, xs.shape, 1) : tf.zerosLike(xs);
          return [dx, dw, db];
        },
      };
    }) as BlockOp;
    ops.set(inputGrad, op);
  }
  return op;
}

/** maxPool2(relu(conv2d(x, w) + b)), stride 1, 'same'. inputGrad false: nothing needs dx (a first layer). */
export function convReluPool(x: tf.Tensor4D, w: tf.Tensor4D, b: tf.Tensor1D, inputGrad = true): tf.Tensor4D {
  const [B, H, W] = x.shape;
  const fused = opsMode() !== 'stock' && B > 0 && reluPoolGradApplies([B, H, W, w.shape[3]], x.dtype);
  if (!fused) return maxPool2(tf.relu(tf.add(conv2d(x, w, 1, inputGrad), b)) as tf.Tensor4D);
  return blockOp(inputGrad)(x, w, b);
}
