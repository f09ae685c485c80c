// The analytic batch-norm backward equals tfjs's own gradient (autodiff through moments + batchNorm).
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { Rng } from '../../rng';
import { batchNormTrain, type BnParams } from './batchnorm';
import { setOpsMode } from './routing';

const shapes: [number, number, number, number][] = [
  [2, 3, 3, 1],
  [4, 5, 4, 3],
  [8, 2, 2, 16],
];

function randn(rng: Rng, n: number, scale = 1, offset = 0): Float32Array {
  return Float32Array.from({ length: n }, () => offset + scale * (rng.next() * 2 - 1));
}

async function grads(mode: 'ours' | 'stock', shape: [number, number, number, number], seed: number) {
  setOpsMode(mode);
  const rng = new Rng(seed);
  const C = shape[3];
  const size = shape.reduce((a, b) => a * b, 1);
  const x = tf.tensor4d(randn(rng, size, 2, 0.5), shape);
  const r = tf.tensor4d(randn(rng, size), shape); // a random upstream gradient
  const gamma = tf.tensor1d(randn(rng, C, 0.5, 1));
  const beta = tf.tensor1d(randn(rng, C));
  const mk = (t: tf.Tensor1D) => t as unknown as tf.Variable;
  const f = (xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) => {
    const p = { gamma: mk(gi as tf.Tensor1D), beta: mk(bi as tf.Tensor1D) } as BnParams;
    return tf.sum(tf.mul(batchNormTrain(xi as tf.Tensor4D, p).y, r));
  };
  const [dx, dg, db] = tf.grads(f)([x, gamma, beta]);
  const out = await Promise.all([dx.data(), dg.data(), db.data()]);
  tf.dispose([x, r, gamma, beta, dx, dg, db]);
  setOpsMode('ours');
  return out;
}

function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1e-6;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let err = 0;
  for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
  return err / scale;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`analytic batch-norm gradient on ${backend}`, () => {
    afterAll(async () => {
      await useNodeBackend('cpu');
    });
    for (const [i, shape] of shapes.entries()) {
      it(`matches tfjs's gradient for x ${shape.join('×')}`, async () => {
        await useNodeBackend(backend);
        const ours = await grads('ours', shape, 10 + i);
        const stock = await grads('stock', shape, 10 + i);
        for (let k = 0; k < 3; k++) expect(maxRelErr(ours[k], stock[k])).toBeLessThan(1e-4);
        // The input gradient of a batch-normalised layer sums to ~0 per channel: a check on the formula itself.
        const C = shape[3];
        const sums = new Array(C).fill(0);
        ours[0].forEach((v, j) => (sums[j % C] += v));
        for (const s of sums) expect(Math.abs(s)).toBeLessThan(1e-3);
      });
    }
  });
}
