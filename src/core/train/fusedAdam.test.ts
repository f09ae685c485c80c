// The fused Adam step on WASM against tfjs's AdamOptimizer: the same variables, moments and beta powers bit for
// bit over several steps (odd sizes exercise the kernel's scalar tail), and no tensor leaks.
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../cli/nodeBackend';
import { Rng } from '../rng';
import { disableSimdKernels } from '../nn/wasm/module';
import { FusedAdamOptimizer } from './fusedAdam';

const shapes = [[3, 3, 1, 16], [16], [37], [1568, 64], [5, 3]];

async function run(fused: boolean): Promise<Float32Array[]> {
  const rng = new Rng(9);
  const rand = (shape: number[]) =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1),
      shape,
    );
  const vars = shapes.map((s, i) => {
    const init = rand(s);
    const v = tf.variable(init, true, `fusedAdamTest${fused}${i}`);
    init.dispose();
    return v;
  });
  const opt = fused ? new FusedAdamOptimizer(0.01, 0.9, 0.999) : tf.train.adam(0.01);
  for (let step = 0; step < 4; step++) {
    const grads: Record<string, tf.Tensor> = {};
    for (const v of vars) grads[v.name] = rand(v.shape);
    opt.applyGradients(grads as unknown as tf.NamedTensorMap as never);
    tf.dispose(Object.values(grads));
  }
  const weights = await opt.getWeights();
  const out = await Promise.all(
    [...vars, ...weights.slice(1).map((w) => w.tensor)].map((t) => t.data() as Promise<Float32Array>),
  );
  const inner = opt as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
  out.push((await inner.accBeta1.data()) as Float32Array, (await inner.accBeta2.data()) as Float32Array);
  weights[0].tensor.dispose();
  opt.dispose();
  tf.dispose(vars);
  return out;
}

describe('FusedAdamOptimizer', () => {
  afterAll(() => useNodeBackend('cpu'));

  it("equals tfjs's Adam bit for bit on wasm, and leaks nothing", async () => {
    await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const ref = await run(false);
    const got = await run(true);
    expect(tf.memory().numTensors).toBe(before);
    expect(got.length).toBe(ref.length);
    for (let i = 0; i < ref.length; i++) expect(Array.from(got[i]), `tensor ${i}`).toEqual(Array.from(ref[i]));
  });

  it("is tfjs's Adam where the kernels do not run (cpu; wasm with them off)", async () => {
    await useNodeBackend('cpu');
    expect(await run(true)).toEqual(await run(false));
    await useNodeBackend('wasm');
    disableSimdKernels(true);
    try {
      expect(await run(true)).toEqual(await run(false));
    } finally {
      disableSimdKernels(false);
    }
  });
});
