// Each WGSL kernel equals tfjs's stock result on WebGPU (Node + Dawn; SwiftShader on CPU machines).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkWgslKernels } from './check';
import { countDispatches } from './dispatches';
import { biasGradWgsl, bnBackwardWgsl, bnStatsWgsl, convFilterGradWgsl } from './index';

describe('WGSL training kernels on WebGPU', () => {
  it('every kernel matches the stock result (max relative error under its tolerance)', async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const results = await checkWgslKernels();
    console.table(results);
    expect(results.length).toBeGreaterThanOrEqual(40);
    for (const r of results) expect(r.relErr, `${r.kernel} ${r.shape}`).toBeLessThan(r.tol);
  });

  it('counts the programs each kernel dispatches', async () => {
    const x = tf.randomNormal([2, 8, 8, 4], 0, 1, 'float32', 7) as tf.Tensor4D;
    const dy = tf.randomNormal([2, 8, 8, 6], 0, 1, 'float32', 8) as tf.Tensor4D;
    const g = tf.ones([4]) as tf.Tensor1D;
    const counts = {
      dwOneSplit: await countDispatches(() => tf.tidy(() => convFilterGradWgsl(x, dy, 3, 3, 1, { splits: 1 }))),
      dwSplit: await countDispatches(() => tf.tidy(() => convFilterGradWgsl(x, dy, 3, 3, 1, { splits: 2 }))),
      stats: await countDispatches(() => tf.tidy(() => bnStatsWgsl(x))),
      back: await countDispatches(() => tf.tidy(() => bnBackwardWgsl(x, x, g, g))),
      bias: await countDispatches(() => tf.tidy(() => biasGradWgsl(dy))),
    };
    expect(counts.dwOneSplit.dispatches).toBe(1);
    expect(counts.dwSplit.dispatches).toBe(2); // GEMM + split-K sum
    expect(counts.stats.dispatches).toBe(3); // partials + mean + variance
    expect(counts.back.dispatches).toBe(4); // partials + dβ + dγ + dx
    expect(counts.bias.dispatches).toBe(1); // 128 rows: one chunk, no combine pass
    // The patch is gone afterwards: nothing counted outside.
    expect(Object.prototype.hasOwnProperty.call(tf.backend(), 'runWebGPUProgram')).toBe(false);
    for (const c of Object.values(counts)) tf.dispose(c.result as tf.Tensor | tf.Tensor[]);
    tf.dispose([x, dy, g]);
  });
});
