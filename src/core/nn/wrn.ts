// Wide residual network WRN-d-k (Zagoruyko & Komodakis), pre-activation basic blocks:
// BN-ReLU-conv3×3-[dropout]-BN-ReLU-conv3×3 with a 1×1 projection where the shape changes.
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '../config/schema';
import type { Rng } from '../rng';
import { assembleModel, dropout, normalizer, Params, uniquePrefix } from './layers';
import type { Forward, InputInfo, Model } from './model';
import { batchNormInfer, batchNormTrain, type BnParams, updateRunningStats } from './ops/batchnorm';
import { conv2d } from './ops/conv';
import { matMulDense } from './ops/dense';

type WrnSpec = Extract<ModelSpec, { family: 'wrn' }>;

interface Block {
  bn1: BnParams;
  w1: tf.Variable;
  bn2: BnParams;
  w2: tf.Variable;
  shortcut?: tf.Variable;
  stride: number;
}

export function buildWrn(spec: WrnSpec, input: InputInfo, rng: Rng): Model {
  const p = new Params(rng, uniquePrefix('wrn'));
  const n = (spec.depth - 4) / 6;
  const widths = [16, 16 * spec.widen, 32 * spec.widen, 64 * spec.widen];
  const stem = p.kernel('stem/w', [3, 3, input.channels, widths[0]]);
  const blocks: Block[] = [];
  let cin = widths[0];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < n; i++) {
      const cout = widths[g + 1];
      const stride = i === 0 && g > 0 ? 2 : 1;
      const name = `g${g}b${i}`;
      blocks.push({
        bn1: p.bn(`${name}/bn1`, cin),
        w1: p.kernel(`${name}/conv1`, [3, 3, cin, cout]),
        bn2: p.bn(`${name}/bn2`, cout),
        w2: p.kernel(`${name}/conv2`, [3, 3, cout, cout]),
        shortcut: cin !== cout || stride !== 1 ? p.kernel(`${name}/short`, [1, 1, cin, cout]) : undefined,
        stride,
      });
      cin = cout;
    }
  }
  const bnOut = p.bn('out/bn', cin);
  const fcW = p.kernel('fc/w', [cin, input.numClasses]);
  const fcB = p.bias('fc/b', input.numClasses);
  const norm = normalizer(input);

  const bnRelu = (x: tf.Tensor4D, bn: BnParams, f: Forward): tf.Tensor4D => {
    if (!f.bnTraining) return tf.relu(batchNormInfer(x, bn));
    const { y, mean, variance } = batchNormTrain(x, bn, true);
    updateRunningStats(bn, mean, variance, x.shape[0] * x.shape[1] * x.shape[2]);
    return y;
  };

  const apply = (x: tf.Tensor4D, f: Forward): tf.Tensor2D => {
    let h = conv2d(norm.apply(x), stem as tf.Tensor4D, 1, f.inputGrad !== false);
    for (const b of blocks) {
      const a = bnRelu(h, b.bn1, f);
      let r = conv2d(a, b.w1 as tf.Tensor4D, b.stride);
      r = dropout(bnRelu(r, b.bn2, f), spec.dropout, f);
      r = conv2d(r, b.w2 as tf.Tensor4D);
      const s = b.shortcut ? conv2d(a, b.shortcut as tf.Tensor4D, b.stride) : h;
      h = tf.add(r, s);
    }
    const pooled = tf.mean(bnRelu(h, bnOut, f), [1, 2]) as tf.Tensor2D;
    return tf.add(matMulDense(pooled, fcW as tf.Tensor2D), fcB);
  };

  return assembleModel(spec, input, p, norm, apply);
}
