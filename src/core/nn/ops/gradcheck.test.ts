// The shared gradient check (also run on WebGPU in Node and on WebGL in the browser) on cpu and wasm: the routed
// ops and every candidate formulation the autotuner may pick.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { candidatesOf, OP_KINDS } from './candidates';
import { checkOpGradients } from './gradcheck';

describe('checkOpGradients', () => {
  afterAll(() => useNodeBackend('cpu'));
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`every op and every candidate matches tfjs's stock gradient on ${backend}`, async () => {
      await useNodeBackend(backend);
      const before = tf.memory().numTensors;
      const results = await checkOpGradients();
      expect(results.map((r) => r.op)).toEqual(expect.arrayContaining(['conv2d', 'convBlock', 'dense', 'batchnorm']));
      // Every candidate available on this backend was checked (tfjs-wasm has no stock filter gradient; the SIMD
      // kernels run only on wasm).
      const checked = new Set(results.map((r) => r.candidate));
      for (const op of OP_KINDS) {
        for (const c of candidatesOf(op)) {
          const expected =
            c.name !== 'stock-tiled' &&
            !(backend === 'wasm' && op === 'convFilterGrad' && c.name === 'stock') &&
            (c.name !== 'wasm-simd' || backend === 'wasm');
          expect(checked.has(`${op}/${c.name}`), `${op}/${c.name}`).toBe(expected);
        }
      }
      for (const r of results) expect(r.relErr, `${r.op} ${r.shape} ${r.candidate}`).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
