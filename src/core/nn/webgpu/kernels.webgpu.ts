// Each WGSL kernel equals tfjs's stock result on WebGPU (Node + Dawn; SwiftShader on CPU machines).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { checkWgslKernels } from './check';
import * as K from './index';
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
    expect(results.length).toBeGreaterThanOrEqual(63);
    for (const r of results) expect(r.relErr, `${r.kernel} ${r.shape}`).toBeLessThan(r.tol);
  });

  it('the stock counterparts (stock.ts, for timing pairs) agree with the WGSL kernels', async () => {
    const r = (shape: number[], seed: number, off = 0) => tf.randomUniform(shape, off - 1, off + 1, 'float32', seed);
    const x = r([2, 7, 7, 6], 1) as tf.Tensor4D;
    const w = r([3, 3, 6, 5], 2) as tf.Tensor4D;
    const dy = r([2, 4, 4, 5], 3) as tf.Tensor4D;
    const c = (n: number, seed: number, off = 1) => r([n], seed, off) as tf.Tensor1D;
    const [g, b, inv] = [c(6, 4), c(6, 5, 0), c(6, 6)];
    const h = { lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, beta1Power: 0.81, beta2Power: 0.998, wd: 1e-3 };
    const pairs: [string, tf.TensorContainer, tf.TensorContainer][] = [
      ['dW', K.convFilterGradWgsl(x, dy, 3, 3, 2), K.convFilterGradStock(x, dy, 3, 3, 2)],
      ['dX', K.convInputGradWgsl(dy, w, x.shape, 2), K.convInputGradStock(dy, w, x.shape, 2)],
      ['stats', K.bnStatsWgsl(x), K.bnStatsStock(x)],
      ['bnBack', K.bnBackwardWgsl(x, x, g, inv), K.bnBackwardStock(x, x, g, inv)],
      ['bnReluBack', K.bnReluBackwardWgsl(x, x, g, b, inv), K.bnReluBackwardStock(x, x, g, b, inv)],
      ['bnRelu', K.bnReluWgsl(x, b, inv, g, b), K.bnReluStock(x, b, inv, g, b)],
      ['bias', K.biasGradWgsl(x), K.biasGradStock(x)],
      ['sgd', K.sgdMomentumStepWgsl(w, w, w, 0.1, 0.9, 1e-3), K.sgdMomentumStepStock(w, w, w, 0.1, 0.9, 1e-3)],
      ['adam', K.adamStepWgsl(w, w, w, tf.abs(w), h), K.adamStepStock(w, w, w, tf.abs(w), h)],
    ];
    for (const [name, ours, stock] of pairs) {
      const flat = (t: tf.TensorContainer) =>
        (t instanceof tf.Tensor
          ? [t]
          : Object.entries(t as Record<string, tf.Tensor>)
              .sort(([p], [q]) => p.localeCompare(q))
              .map(([, v]) => v)) as tf.Tensor[];
      const [a, s] = [flat(ours), flat(stock)];
      expect(a.length, name).toBe(s.length);
      for (let i = 0; i < a.length; i++) {
        const [u, v] = (await Promise.all([a[i].data(), s[i].data()])) as Float32Array[];
        const scale = Math.max(...v.map(Math.abs));
        const err = Math.max(...u.map((q, j) => Math.abs(q - v[j]))) / scale;
        expect(err, `${name}[${i}]`).toBeLessThan(1e-4);
      }
      tf.dispose([...a, ...s]);
    }
    tf.dispose([x, w, dy, g, b, inv]);
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
