// maxPool2's JavaScript gradient on WASM against the definition, computed by tfjs's cpu backend (whose MaxPoolGrad
// is correct) on the same inputs: distinct values (no ties), positive, negative and mixed windows.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { Rng } from '../../rng';
import { maxPool2 } from './pool';

const shapes: [number, number, number, number][] = [
  [2, 4, 4, 1],
  [3, 6, 8, 5],
  [64, 28, 28, 16],
];

function host(shape: number[], seed: number, offset: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + rng.next() * 2 - 1);
}

async function poolGrad(x: Float32Array, dy: Float32Array, shape: [number, number, number, number]) {
  const [B, H, W, C] = shape;
  const xt = tf.tensor4d(x, shape);
  const dyt = tf.tensor4d(dy, [B, H / 2, W / 2, C]);
  const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(maxPool2(a as tf.Tensor4D), dyt)))(xt);
  const y = maxPool2(xt);
  const out = { g: await g.data(), y: await y.data() };
  tf.dispose([xt, dyt, g, y]);
  return out;
}

describe('maxPool2 on WASM', () => {
  afterAll(async () => {
    await useNodeBackend('cpu');
  });

  for (const shape of shapes) {
    for (const offset of [0, 2, -2]) {
      it(`value and gradient equal the cpu backend's, x ${shape.join('×')}, values around ${offset}`, async () => {
        const x = host(shape, 11, offset);
        const [B, H, W, C] = shape;
        const dy = host([B, H / 2, W / 2, C], 12, 0);
        await useNodeBackend('cpu');
        const ref = await poolGrad(x, dy, shape);
        await useNodeBackend('wasm');
        const got = await poolGrad(x, dy, shape);
        expect(Array.from(got.y)).toEqual(Array.from(ref.y));
        expect(Array.from(got.g)).toEqual(Array.from(ref.g));
      });
    }
  }
});
