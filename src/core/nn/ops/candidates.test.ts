// Routing with a tuner (cpu): the tuner's choice runs, 'stock' mode overrides it, the prior rule runs until a
// choice exists; a registered candidate (the WGSL kernels' slot) is routed and gradient-checked like the others.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../cli/nodeBackend';
import { Tuner } from '../tune/autotuner';
import { MemoryTuneCache, tuneKey } from '../tune/cache';
import { candidatesOf, registerCandidate, unregisterCandidate } from './candidates';
import { filterGradShape } from './conv';
import { shiftedMatmulFilterGrad } from './convGrads';
import { checkOpGradients } from './gradcheck';
import { choose, setActiveTuner, setOpsMode } from './routing';

const device = { backend: 'cpu', adapter: 'JavaScript', tfjs: tf.version_core };

describe('routing with candidates', () => {
  beforeAll(() => useNodeBackend('cpu'));
  afterEach(() => {
    setActiveTuner(null);
    setOpsMode('ours');
    unregisterCandidate('convFilterGrad', 'registered');
  });

  it("follows the tuner's choice; 'stock' mode forces stock; the prior rule runs before a choice", async () => {
    const x = tf.zeros([2, 6, 6, 3]) as tf.Tensor4D;
    const dy = tf.zeros([2, 6, 6, 4]) as tf.Tensor4D;
    const args = [x, dy, 3, 3, 1];
    const shape = filterGradShape(x, dy, 3, 3, 1);
    const cache = new MemoryTuneCache();
    const rec = {
      op: 'convFilterGrad',
      shape,
      choice: 'shifted-matmul',
      ms: {},
      baseline: 'stock',
      gain: 2,
      measuredAt: 0,
    };
    await cache.set(tuneKey(device, 'convFilterGrad', shape), rec);
    const tuner = new Tuner(device, candidatesOf, cache);
    setActiveTuner(tuner);
    tuner.beginModel();
    expect(choose('convFilterGrad', args, () => shape).name).toBe('transposed-conv'); // prior rule on cpu
    await tuner.finishModel(); // from the cache
    expect(choose('convFilterGrad', args, () => shape).name).toBe('shifted-matmul');
    setOpsMode('stock');
    expect(choose('convFilterGrad', args, () => shape).name).toBe('stock');
    tf.dispose([x, dy]);
  });

  it('a registered candidate is routed and gradient-checked; stock cannot be replaced', async () => {
    let calls = 0;
    registerCandidate('convFilterGrad', {
      name: 'registered',
      available: () => true,
      run: (...a: unknown[]) => {
        calls++;
        const [x, dy, kh, kw, s] = a as [tf.Tensor4D, tf.Tensor4D, number, number, number];
        return shiftedMatmulFilterGrad(x, dy, kh, kw, s);
      },
    });
    expect(candidatesOf('convFilterGrad').map((c) => c.name)).toContain('registered');
    const results = (await checkOpGradients()).filter((r) => r.candidate === 'convFilterGrad/registered');
    expect(results.length).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(0);
    for (const r of results) expect(r.relErr).toBeLessThan(1e-4);
    expect(() => registerCandidate('convFilterGrad', { ...candidatesOf('convFilterGrad')[0] })).toThrow(/stock/);
  });
});
