// Our training ops' gradients equal tfjs's stock gradients on WebGPU (Node + Dawn; SwiftShader on CPU machines).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkOpGradients } from './gradcheck';

describe('gradient checks on WebGPU', () => {
  it('every op matches the stock gradient within 1e-3 (relative to the largest gradient)', async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const results = await checkOpGradients();
    console.table(results);
    expect(results.length).toBeGreaterThanOrEqual(8);
    for (const r of results) expect(r.relErr, `${r.op} ${r.shape} ${r.candidate}`).toBeLessThan(1e-3);
  });
});
