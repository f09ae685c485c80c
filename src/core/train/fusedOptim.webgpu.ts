// The optimisers' WGSL update kernels on WebGPU (Node + Dawn) against tfjs's own optimisers with the decay added
// to the gradients: the same variables and slots over several steps (odd sizes, decayed and undecayed variables),
// their dispatch counts, no leaks, the 'stock' ops mode running tfjs's own, and a checkpoint taken from the fused
// optimiser resuming exactly.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import { countDispatches } from '../nn/webgpu/dispatches';
import { setOpsMode } from '../nn/ops/routing';
import { exportOptimState, importOptimState, makeOptimizer, type Optim } from './optimizer';
import { addWeightDecay } from './weightDecay';
import type { OptimizerSpec } from '../config/schema';

const SHAPES = [[3, 3, 1, 16], [16], [37], [1568, 64], [5, 3]];
const WD = 5e-4;
const SPECS: OptimizerSpec[] = [
  { type: 'adam', lr: 0.01, weightDecay: WD } as OptimizerSpec,
  { type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: WD } as OptimizerSpec,
];

let serial = 0;
function setup(seed: number) {
  const rng = new Rng(seed);
  const rand = (shape: number[]) =>
    tf.tensor(
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1),
      shape,
    );
  const vars = SHAPES.map((s) => {
    const init = rand(s);
    const v = tf.variable(init, true, `fusedOptim${serial++}`);
    init.dispose();
    return v;
  });
  // Kernels decay (as conv/dense kernels are), vectors do not.
  const decayed = vars.filter((v) => v.rank > 1);
  const grads = (): tf.NamedTensorMap => Object.fromEntries(vars.map((v) => [v.name, rand(v.shape)]));
  return { vars, decayed, grads };
}

async function values(vars: tf.Variable[], o: Optim): Promise<Float32Array[]> {
  const state = await exportOptimState(o);
  const out = await Promise.all(vars.map((v) => v.data() as Promise<Float32Array>));
  return [...out, ...state.slots.map((s) => s.data), Float32Array.from(state.betaPowers ?? [])];
}

/** Steps with `optim.apply` (fused) or tfjs's applyGradients on decayed gradients (reference). */
async function train(spec: OptimizerSpec, fused: boolean, steps = 4) {
  const { vars, decayed, grads } = setup(11);
  const o = makeOptimizer(spec);
  for (let t = 0; t < steps; t++)
    tf.tidy(() => {
      const g = grads();
      if (fused) o.apply(g, decayed, WD);
      else o.opt.applyGradients(addWeightDecay(g, decayed, WD) as never);
    });
  const out = await values(vars, o);
  o.dispose();
  tf.dispose(vars);
  return out;
}

function maxRelErr(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1e-3, Math.abs(b[i])));
  return worst;
}

describe('fused optimiser updates on WebGPU', () => {
  afterEach(() => setOpsMode('ours'));

  for (const spec of SPECS) {
    it(`${spec.type}: the WGSL update equals tfjs's own with the decay added, and leaks nothing`, async () => {
      expect(tf.getBackend()).toBe('webgpu');
      const ref = await train(spec, false);
      const before = tf.memory().numTensors;
      const got = await train(spec, true);
      expect(tf.memory().numTensors).toBe(before);
      expect(got.length).toBe(ref.length);
      // Float order differs (fma, the decay folded in): a few float32 ulps over 4 steps.
      got.forEach((g, i) => expect(maxRelErr(g, ref[i]), `tensor ${i}`).toBeLessThan(1e-5));
    });

    it(`${spec.type}: dispatches per update, fused vs tfjs's own ('stock' ops mode)`, async () => {
      const count = async (mode: 'ours' | 'stock') => {
        setOpsMode(mode);
        const { vars, decayed, grads } = setup(12);
        const o = makeOptimizer(spec);
        tf.tidy(() => o.apply(grads(), decayed, WD)); // first step: slots created, pipelines compiled
        const g = grads();
        const { dispatches } = await countDispatches(() => tf.tidy(() => o.apply(g, decayed, WD)));
        tf.dispose(Object.values(g));
        o.dispose();
        tf.dispose(vars);
        return dispatches;
      };
      const [fused, stock] = [await count('ours'), await count('stock')];
      const n = SHAPES.length;
      // Adam: 3 per variable and a few for the beta powers; SGD: 2 per variable.
      expect(fused).toBeLessThanOrEqual(spec.type === 'adam' ? 3 * n + 6 : 2 * n);
      expect(stock).toBeGreaterThan(2 * fused);
      console.log(`${spec.type}: ${fused} dispatches fused, ${stock} tfjs's own, for ${n} variables`);
    });
  }

  it("the 'stock' ops mode runs tfjs's own update, bit for bit", async () => {
    setOpsMode('stock');
    const got = await train(SPECS[0], true);
    const ref = await train(SPECS[0], false);
    got.forEach((g, i) => expect(Array.from(g), `tensor ${i}`).toEqual(Array.from(ref[i])));
  });

  for (const spec of SPECS) {
    it(`${spec.type}: a checkpoint of the fused optimiser resumes exactly`, async () => {
      const whole = await train(spec, true, 4);
      const { vars, decayed, grads } = setup(11);
      let o = makeOptimizer(spec);
      for (let t = 0; t < 4; t++) {
        if (t === 2) {
          const state = await exportOptimState(o);
          o.dispose();
          o = makeOptimizer(spec);
          await importOptimState(o, state, vars);
        }
        tf.tidy(() => o.apply(grads(), decayed, WD));
      }
      const resumed = await values(vars, o);
      o.dispose();
      tf.dispose(vars);
      resumed.forEach((r, i) => expect(Array.from(r), `tensor ${i}`).toEqual(Array.from(whole[i])));
    });
  }
});
