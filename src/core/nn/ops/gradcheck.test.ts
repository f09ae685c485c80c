// The shared gradient check (also run on WebGPU in Node and on WebGL in the browser) on cpu and wasm.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { checkOpGradients } from './gradcheck';

describe('checkOpGradients', () => {
  afterAll(() => useNodeBackend('cpu'));
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`every op matches tfjs's stock gradient on ${backend}`, async () => {
      await useNodeBackend(backend);
      const before = tf.memory().numTensors;
      const results = await checkOpGradients();
      expect(results.map((r) => r.op)).toEqual(expect.arrayContaining(['conv2d', 'dense', 'batchnorm']));
      for (const r of results) expect(r.relErr, `${r.op} ${r.shape}`).toBeLessThan(1e-4);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
