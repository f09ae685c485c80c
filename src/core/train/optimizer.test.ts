// Optimisers: the scheduled learning rate takes effect, weight decay is coupled L2 on kernels only, and
// disposing an optimiser releases every tensor it made.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { addWeightDecay, makeOptimizer } from './optimizer';

async function stepOnce(opt: tf.Optimizer, v: tf.Variable, grad: number[]): Promise<number[]> {
  tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor1d(grad) }));
  return Array.from(await v.data());
}

describe('makeOptimizer', () => {
  it('SGD with momentum follows v ← v − lr·(μ·acc + g), with setLearningRate taking effect', async () => {
    const v = tf.variable(tf.tensor1d([1, 2]), true, 'opt-test/sgd');
    const o = makeOptimizer({ type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 });
    const a = await stepOnce(o.opt, v, [1, -1]);
    expect(a[0]).toBeCloseTo(0.9, 6);
    expect(a[1]).toBeCloseTo(2.1, 6);
    o.setLearningRate(0.01);
    const b = await stepOnce(o.opt, v, [1, -1]); // acc = 0.9·1 + 1 = 1.9
    expect(b[0]).toBeCloseTo(0.9 - 0.019, 6);
    expect(b[1]).toBeCloseTo(2.1 + 0.019, 6);
    o.dispose();
    v.dispose();
  });

  it('Adam: setLearningRate changes the step size (first step moves by ≈ lr)', async () => {
    const v = tf.variable(tf.tensor1d([1, 1]), true, 'opt-test/adam');
    const o = makeOptimizer({ type: 'adam', lr: 0.1, weightDecay: 0 });
    o.setLearningRate(0.01);
    const a = await stepOnce(o.opt, v, [3, -0.5]);
    expect(a[0]).toBeCloseTo(0.99, 4);
    expect(a[1]).toBeCloseTo(1.01, 4);
    o.dispose();
    v.dispose();
  });

  for (const spec of [
    { type: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 0 },
    { type: 'adam', lr: 0.1, weightDecay: 0 },
  ] as const) {
    it(`${spec.type}: dispose() releases every tensor the optimiser made (incl. after learning-rate changes)`, async () => {
      const v = tf.variable(tf.tensor1d([1, 1]), true, `opt-test/leak-${spec.type}`);
      const before = tf.memory().numTensors;
      const o = makeOptimizer(spec);
      o.setLearningRate(0.05);
      await stepOnce(o.opt, v, [1, 1]);
      o.setLearningRate(0.02);
      await stepOnce(o.opt, v, [1, 1]);
      o.dispose();
      expect(tf.memory().numTensors).toBe(before);
      v.dispose();
    });
  }
});

describe('addWeightDecay', () => {
  it('adds wd·v to the gradients of decayed variables only', async () => {
    const k = tf.variable(tf.tensor1d([2, -4]), true, 'wd-test/kernel');
    const bias = tf.variable(tf.tensor1d([10]), true, 'wd-test/bias');
    const out = tf.tidy(() => {
      const g = addWeightDecay({ [k.name]: tf.tensor1d([1, 1]), [bias.name]: tf.tensor1d([1]) }, [k], 0.5);
      return [g[k.name], g[bias.name]];
    });
    expect(Array.from(await out[0].data())).toEqual([2, -1]);
    expect(Array.from(await out[1].data())).toEqual([1]);
    tf.dispose([...out, k, bias]);
  });

  it('is a no-op at wd = 0', () => {
    const grads = {};
    expect(addWeightDecay(grads, [], 0)).toBe(grads);
  });
});
