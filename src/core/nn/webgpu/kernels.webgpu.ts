// Each WGSL kernel equals tfjs's stock result on WebGPU (Node + Dawn; SwiftShader on CPU machines).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkWgslKernels } from './check';
import { countDispatches } from './dispatches';
import {
  adamStepWgsl,
  biasGradWgsl,
  bnBackwardWgsl,
  bnStatsWgsl,
  convFilterGradWgsl,
  sgdMomentumStepWgsl,
} from './index';

describe('WGSL training kernels on WebGPU', () => {
  it('every kernel matches the stock result (max relative error under its tolerance)', async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const results = await checkWgslKernels();
    console.table(results);
    expect(results.length).toBeGreaterThanOrEqual(57);
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
      sgd: await countDispatches(() => tf.tidy(() => sgdMomentumStepWgsl(g, g, g, 0.1, 0.9, 5e-4))),
      adam: await countDispatches(() =>
        tf.tidy(() =>
          adamStepWgsl(g, g, g, g, {
            lr: 0.1,
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-7,
            beta1Power: 0.9,
            beta2Power: 0.999,
          }),
        ),
      ),
    };
    expect(counts.dwOneSplit.dispatches).toBe(1);
    expect(counts.dwSplit.dispatches).toBe(2); // GEMM + split-K sum
    expect(counts.stats.dispatches).toBe(3); // partials + mean + variance
    expect(counts.back.dispatches).toBe(4); // partials + dβ + dγ + dx
    expect(counts.bias.dispatches).toBe(1); // 128 rows: one chunk, no combine pass
    expect(counts.sgd.dispatches).toBe(2); // accumulator + weights
    expect(counts.adam.dispatches).toBe(3); // m + v + weights
    // The patch is gone afterwards: nothing counted outside.
    expect(Object.prototype.hasOwnProperty.call(tf.backend(), 'runWebGPUProgram')).toBe(false);
    for (const c of Object.values(counts)) tf.dispose(c.result as tf.Tensor | tf.Tensor[]);
    tf.dispose([x, dy, g]);
  });
});
