// Batch norm's running-statistics update on WebGPU: the WGSL form (2 dispatches) equals the tfjs form ('stock'
// ops mode, 7 dispatches) and leaks nothing.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../../rng';
import { updateRunningStats, type BnParams } from '../ops/batchnorm';
import { setOpsMode } from '../ops/routing';
import { bnStatsWgsl } from './bn';
import { countDispatches } from './dispatches';

async function update(mode: 'ours' | 'stock', C: number, n: number) {
  setOpsMode(mode);
  const rng = new Rng(C);
  const vec = (lo: number) => tf.tensor1d(Float32Array.from({ length: C }, () => lo + rng.next()));
  const p = {
    gamma: tf.variable(vec(0)),
    beta: tf.variable(vec(0)),
    runMean: tf.variable(vec(-0.5)),
    runVar: tf.variable(vec(0.5)),
  } as BnParams;
  // Batch statistics from a GPU program, as in training: tfjs-webgpu runs small ops whose inputs are all still on
  // the host on its CPU backend, which would hide the stock form's dispatches.
  const x = tf.tensor4d(Float32Array.from({ length: n * C }, () => rng.next() * 2 - 1), [n, 1, 1, C]);
  const { mean, variance } = bnStatsWgsl(x);
  x.dispose();
  const before = tf.memory().numTensors;
  const { dispatches } = await countDispatches(() => updateRunningStats(p, mean, variance, n));
  const leaked = tf.memory().numTensors - before;
  const out = [await p.runMean.data(), await p.runVar.data()];
  tf.dispose([mean, variance, ...Object.values(p)]);
  return { out, dispatches, leaked };
}

describe('running statistics on WebGPU', () => {
  afterEach(() => setOpsMode('ours'));

  for (const [C, n] of [
    [16, 4 * 8 * 8],
    [37, 2],
    [1, 1],
  ]) {
    it(`C ${C}, n ${n}: as the tfjs form, in 2 dispatches`, async () => {
      expect(tf.getBackend()).toBe('webgpu');
      const ours = await update('ours', C, n);
      const stock = await update('stock', C, n);
      expect(ours.leaked).toBe(0);
      expect(ours.dispatches).toBe(2);
      expect(stock.dispatches).toBeGreaterThan(ours.dispatches);
      ours.out.forEach((o, k) =>
        o.forEach((v, i) =>
          expect(Math.abs(v - stock.out[k][i])).toBeLessThanOrEqual(2e-7 * Math.abs(stock.out[k][i])),
        ),
      );
    });
  }
});
