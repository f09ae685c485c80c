// conv2d's inputGrad switch: without it the filter gradient is unchanged and dx is zeros (a model's first conv in
// training); with it (the default, which attacks rely on) dx is the real input gradient.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend, type NodeBackend } from '../../../cli/nodeBackend';
import { Rng } from '../../rng';
import { conv2d } from './conv';

const rand = (rng: Rng, shape: number[]) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1),
    shape,
  );

describe('conv2d inputGrad', () => {
  afterAll(() => useNodeBackend('cpu'));
  for (const backend of ['cpu', 'wasm'] as NodeBackend[]) {
    it(`${backend}: dW identical with and without; dx zeros without, non-zero with`, async () => {
      await useNodeBackend(backend);
      const rng = new Rng(5);
      const x = rand(rng, [2, 6, 6, 1]);
      const w = rand(rng, [3, 3, 1, 4]);
      const r = rand(rng, [2, 6, 6, 4]);
      const grads = (inputGrad: boolean) =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, inputGrad), r)),
        )([x, w]);
      const [dxOn, dwOn] = grads(true);
      const [dxOff, dwOff] = grads(false);
      expect(Array.from(await dwOff.data())).toEqual(Array.from(await dwOn.data()));
      expect((await dxOff.data()).every((v) => v === 0)).toBe(true);
      expect((await dxOn.data()).some((v) => v !== 0)).toBe(true);
      tf.dispose([x, w, r, dxOn, dwOn, dxOff, dwOff]);
    });
  }
});
