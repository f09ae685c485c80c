// Bias gradient: Σ dy over every axis but the last, read in place (2-D [B, C] or 4-D NHWC).
import type * as tf from '@tensorflow/tfjs-core';
import { colCombine, colPartial, type ColOpts } from './colsum';
import { webgpuBackend } from './program';

export function biasGradWgsl(dy: tf.Tensor, opts?: ColOpts): tf.Tensor1D {
  const backend = webgpuBackend('biasGradWgsl');
  if (dy.rank !== 2 && dy.rank !== 4) throw new Error(`biasGradWgsl: rank ${dy.rank} (2-D or 4-D only)`);
  const C = dy.shape[dy.rank - 1];
  const R = dy.size / C;
  const { partial, groups } = colPartial(backend, 'sum', [dy], R, C, opts);
  if (groups === 1) return partial as tf.Tensor1D;
  const out = colCombine(backend, partial, groups, C, { kind: 'sum', q: 0 });
  partial.dispose();
  return out;
}
