// The SIMD kernels (kernels.wat) on tfjs-wasm's heap against tfjs's own formulations on the cpu backend (filter and
// input gradients of convs, the ReLU-pool-bias backward, batch norm, the fused CNN block), and the committed assembly against a
// fresh one.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble, render } from '../../../../scripts/build-wasm.mjs';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { Rng } from '../../rng';
import { stockInputGrad, transposedConvFilterGrad } from '../ops/convGrads';
import { bnForward, stockNormalize, tfMoments, type Normalize, type Stats } from '../ops/bnGrads';
import { convReluPool } from '../ops/convBlock';
import { setOpsMode } from '../ops/routing';
import { simdNormalize, simdStats } from './batchnorm';
import { disableSimdKernels, simdKernels } from './module';
import { reluPoolGrad, simdFilterGrad, simdInputGrad } from './ops';

const host = (shape: number[], seed: number, offset = 0) => {
  const rng = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + rng.next() * 2 - 1);
};

function relErr(got: Float32Array, ref: Float32Array): number {
  let d = 0;
  let s = 1e-6;
  for (let i = 0; i < ref.length; i++) {
    d = Math.max(d, Math.abs(got[i] - ref[i]));
    s = Math.max(s, Math.abs(ref[i]));
  }
  return d / s;
}

/** Runs f on a backend with fresh tensors made from host arrays; returns its outputs' values. */
async function on(backend: 'cpu' | 'wasm', inputs: [Float32Array, number[]][], f: (...t: tf.Tensor[]) => tf.Tensor[]) {
  await useNodeBackend(backend);
  const ts = inputs.map(([v, s]) => tf.tensor(v, s));
  const outs = f(...ts);
  const vals = await Promise.all(outs.map((o) => o.data() as Promise<Float32Array>));
  tf.dispose([...ts, ...outs]);
  return vals;
}

describe('SIMD kernels on WASM', () => {
  afterAll(() => useNodeBackend('cpu'));

  it('kernels.gen.ts is the assembly of kernels.wat (npm run wasm:build)', async () => {
    const dir = new URL('./', import.meta.url);
    const fresh = render(await assemble(readFileSync(new URL('kernels.wat', dir), 'utf8')));
    expect(readFileSync(new URL('kernels.gen.ts', dir), 'utf8')).toBe(fresh);
  });

  it('load on the wasm backend only, and can be switched off', async () => {
    await useNodeBackend('cpu');
    expect(simdKernels()).toBeNull();
    await useNodeBackend('wasm');
    expect(simdKernels()).not.toBeNull();
    disableSimdKernels(true);
    expect(simdKernels()).toBeNull();
    disableSimdKernels(false);
  });

  // [x shape, kernel, out channels, stride]: 1 and 5 input channels, odd sizes, stride 2, strided 1×1, batch 1
  // (the input gradient takes those with a multiple of 8 input channels, and one with 5 output channels).
  const cases: [number[], number, number, number][] = [
    [[2, 9, 7, 8], 3, 16, 2],
    [[2, 8, 8, 16], 1, 8, 2],
    [[3, 9, 7, 1], 3, 16, 1],
    [[2, 6, 6, 5], 3, 8, 1],
    [[3, 9, 7, 5], 3, 8, 2],
    [[2, 8, 8, 6], 1, 16, 2],
    [[1, 5, 5, 3], 3, 24, 1],
    [[4, 14, 14, 16], 3, 32, 1],
  ];
  for (const [xs, k, co, s] of cases) {
    it(`filter gradient equals the conv over transposed tensors on cpu: x ${xs.join('×')}, ${k}×${k}→${co}, stride ${s}`, async () => {
      const dys = [xs[0], Math.ceil(xs[1] / s), Math.ceil(xs[2] / s), co];
      const inputs: [Float32Array, number[]][] = [
        [host(xs, 1), xs],
        [host(dys, 2), dys],
      ];
      const [ref] = await on('cpu', inputs, (x, dy) => [
        transposedConvFilterGrad(x as tf.Tensor4D, dy as tf.Tensor4D, k, k, s),
      ]);
      const before = tf.memory().numTensors;
      const [got] = await on('wasm', inputs, (x, dy) => [simdFilterGrad(x as tf.Tensor4D, dy as tf.Tensor4D, k, k, s)]);
      expect(relErr(got, ref)).toBeLessThan(1e-5);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  for (const [xs, k, co, s] of cases.filter(([xs]) => xs[3] % 8 === 0).concat([[[2, 9, 7, 8], 3, 5, 2]])) {
    it(`input gradient equals tfjs's Conv2DBackpropInput on cpu: x ${xs.join('×')}, ${k}×${k}→${co}, stride ${s}`, async () => {
      const dys = [xs[0], Math.ceil(xs[1] / s), Math.ceil(xs[2] / s), co];
      const ws = [k, k, xs[3], co];
      const xShape = xs as [number, number, number, number];
      const inputs: [Float32Array, number[]][] = [
        [host(dys, 8), dys],
        [host(ws, 9), ws],
      ];
      const [ref] = await on('cpu', inputs, (dy, w) => [
        stockInputGrad(dy as tf.Tensor4D, w as tf.Tensor4D, xShape, s),
      ]);
      const before = tf.memory().numTensors;
      const [got] = await on('wasm', inputs, (dy, w) => [
        simdInputGrad(dy as tf.Tensor4D, w as tf.Tensor4D, xShape, s),
      ]);
      expect(relErr(got, ref)).toBeLessThan(1e-5);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  for (const [shape, offset] of [
    [[2, 4, 6, 8], 0],
    [[3, 6, 4, 4], 0.5],
    [[8, 14, 14, 16], 0],
  ] as [number[], number][]) {
    it(`ReLU-pool-bias backward equals tfjs's autodiff on cpu: a ${shape.join('×')}, values around ${offset}`, async () => {
      const [B, H, W, C] = shape;
      const dps = [B, H / 2, W / 2, C];
      // z with all-negative (ReLU-zeroed) windows among the rest
      const z = host(shape, 3, offset);
      for (let i = 0; i < z.length; i += 7 * C) z.fill(-1, i, Math.min(i + 2 * C, z.length));
      const inputs: [Float32Array, number[]][] = [
        [z, shape],
        [host(dps, 4), dps],
      ];
      const ref = await on('cpu', inputs, (zt, dp) =>
        tf.grads((zz: tf.Tensor, bb: tf.Tensor) =>
          tf.sum(tf.mul(tf.maxPool(tf.relu(tf.add(zz, bb)) as tf.Tensor4D, 2, 2, 'same'), dp)),
        )([zt, tf.zeros([C])]),
      );
      const got = await on('wasm', inputs, (zt, dp) => reluPoolGrad(tf.relu(zt) as tf.Tensor4D, dp as tf.Tensor4D));
      // exactly equal, −0 (a masked negative gradient on cpu) counted as 0
      const pos = (a: Float32Array) => Array.from(a, (v) => v + 0);
      expect(pos(got[0])).toEqual(pos(ref[0]));
      expect(relErr(got[1], ref[1])).toBeLessThan(1e-5);
    });
  }

  for (const shape of [
    [3, 5, 7, 4],
    [16, 8, 8, 64],
  ]) {
    it(`batch norm (statistics, y, and dx, dγ, dβ) equals tfjs's own on cpu: x ${shape.join('×')}`, async () => {
      const C = shape[3];
      const inputs: [Float32Array, number[]][] = [
        [host(shape, 10, 2), shape],
        [host([C], 11, 1), [C]],
        [host([C], 12), [C]],
        [host(shape, 13), shape],
      ];
      const run = (normalize: Normalize, stats: Stats) => (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor, r: tf.Tensor) => {
        const [y, mean, variance] = bnForward(normalize, stats, x as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D);
        const grads = tf.grads((xi: tf.Tensor, gi: tf.Tensor, bi: tf.Tensor) =>
          tf.sum(tf.mul(bnForward(normalize, stats, xi as tf.Tensor4D, gi as tf.Tensor1D, bi as tf.Tensor1D)[0], r)),
        )([x, g, b]);
        return [y, mean, variance, ...grads];
      };
      const ref = await on('cpu', inputs, run(stockNormalize, tfMoments));
      const got = await on('wasm', inputs, run(simdNormalize, simdStats));
      for (let i = 0; i < ref.length; i++) expect(relErr(got[i], ref[i]), `output ${i}`).toBeLessThan(1e-4);
    });
  }

  it('the CNN block runs fused on wasm (no separate ReLU, bias or pooling kernels) and plain in stock mode', async () => {
    await useNodeBackend('wasm');
    const x = tf.tensor(host([4, 8, 8, 3], 5), [4, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.tensor(host([3, 3, 3, 8], 6), [3, 3, 3, 8]) as tf.Tensor4D;
    const b = tf.tensor(host([8], 7), [8]) as tf.Tensor1D;
    const kernels = async () => {
      const p = await tf.profile(() => {
        const g = tf.grads((ww: tf.Tensor, bb: tf.Tensor) =>
          tf.sum(convReluPool(x, ww as tf.Tensor4D, bb as tf.Tensor1D, false)),
        )([w, b]);
        return g[0];
      });
      return new Set(p.kernels.map((k) => k.name));
    };
    const fused = await kernels();
    expect(fused.has('FusedConv2D')).toBe(true);
    for (const k of ['Relu', 'Step', 'MaxPoolGrad', 'Add']) expect(fused.has(k), k).toBe(false);
    setOpsMode('stock');
    try {
      const plain = await kernels();
      expect(plain.has('Relu') && plain.has('MaxPoolGrad')).toBe(true);
    } finally {
      setOpsMode('ours');
    }
    tf.dispose([x, w, b]);
  });
});
