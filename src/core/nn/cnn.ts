// Plain CNN: conv3×3-ReLU-maxpool → conv3×3-ReLU-maxpool → dense-ReLU-dropout → dense.
import * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '../config/schema';
import type { Rng } from '../rng';
import { assembleModel, dropout, normalizer, Params, uniquePrefix } from './layers';
import type { Forward, InputInfo, Model } from './model';
import { convReluPool } from './ops/convBlock';
import { matMulDense } from './ops/dense';

type CnnSpec = Extract<ModelSpec, { family: 'cnn' }>;

export function buildCnn(spec: CnnSpec, input: InputInfo, rng: Rng): Model {
  const p = new Params(rng, uniquePrefix('cnn'));
  const [c1, c2] = spec.channels;
  const w1 = p.kernel('conv1/w', [3, 3, input.channels, c1]);
  const b1 = p.bias('conv1/b', c1);
  const w2 = p.kernel('conv2/w', [3, 3, c1, c2]);
  const b2 = p.bias('conv2/b', c2);
  const flat = Math.ceil(Math.ceil(input.height / 2) / 2) * Math.ceil(Math.ceil(input.width / 2) / 2) * c2;
  const w3 = p.kernel('fc1/w', [flat, spec.hidden]);
  const b3 = p.bias('fc1/b', spec.hidden);
  const w4 = p.kernel('fc2/w', [spec.hidden, input.numClasses]);
  const b4 = p.bias('fc2/b', input.numClasses);
  const norm = normalizer(input);

  const apply = (x: tf.Tensor4D, f: Forward): tf.Tensor2D => {
    let h = norm.apply(x);
    h = convReluPool(h, w1 as tf.Tensor4D, b1 as tf.Tensor1D, f.inputGrad !== false);
    h = convReluPool(h, w2 as tf.Tensor4D, b2 as tf.Tensor1D);
    let z = tf.reshape(h, [h.shape[0], flat]) as tf.Tensor2D;
    z = tf.relu(tf.add(matMulDense(z, w3 as tf.Tensor2D), b3)) as tf.Tensor2D;
    z = dropout(z, spec.dropout, f);
    return tf.add(matMulDense(z, w4 as tf.Tensor2D), b4);
  };

  return assembleModel(spec, input, p, norm, apply);
}
