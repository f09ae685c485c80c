// tfjs's Adam with each variable's update as one kernel instead of tfjs's 14 elementwise ones:
//  - WASM: a SIMD kernel (nn/wasm/kernels.wat). Measured on the default student (8 variables) its ~100 optimiser
//    kernels per step were ~5 % of a step, mostly per-kernel overhead. The same arithmetic in the same float32
//    order: bit-identical results (tested).
//  - WebGPU: the WGSL kernel of nn/webgpu/optim.ts, 3 dispatches with weight decay folded in (see fusedWgsl.ts
//    for when). The bias corrections 1 − β^t are computed on the device, as tfjs does: no readback.
// The same state either way (tfjs's moment variables and beta powers), so checkpoints and resume are unchanged.
// Elsewhere (other backends, non-float32 variables) it is tfjs's own.
import * as tf from '@tensorflow/tfjs-core';
import { adamStepWgsl } from '../nn/webgpu/optim';
import { heapOffset, heapTensor, simdKernels } from '../nn/wasm/module';
import { decayRate, slot, variablesOf, wgslOptimizerRuns, type Slot } from './fusedWgsl';
import { addWeightDecay } from './weightDecay';

interface AdamFields {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Slot[];
  accumulatedSecondMoment: Slot[];
  incrementIterations(): void;
}

// tfjs types a gradient map as variables; a gradient map of tensors is what it is given.
type Tfjs = Parameters<tf.AdamOptimizer['applyGradients']>[0];

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /** One update with coupled L2 decay of `decayed` (the WGSL kernel folds it in; elsewhere it is added first). */
  applyWithDecay(grads: tf.NamedTensorMap, decayed: tf.Variable[], wd: number): void {
    const { names, vars } = variablesOf(grads);
    if (!wgslOptimizerRuns(vars)) return this.applyGradients(addWeightDecay(grads, decayed, wd) as Tfjs);
    const s = this as unknown as AdamFields;
    const rate = decayRate(decayed, wd);
    tf.tidy(() => {
      const corrections = tf.sub(1, tf.concat([tf.reshape(s.accBeta1, [1]), tf.reshape(s.accBeta2, [1])]));
      const h = { lr: s.learningRate, beta1: s.beta1, beta2: s.beta2, epsilon: s.epsilon, corrections };
      names.forEach((name, i) => {
        const value = vars[i];
        const m = slot(s.accumulatedFirstMoment, i, `${name}/m`, value);
        const v = slot(s.accumulatedSecondMoment, i, `${name}/v`, value);
        const out = adamStepWgsl(value, grads[name], m, v, { ...h, wd: rate(name) });
        m.assign(out.m);
        v.assign(out.v);
        value.assign(out.w);
      });
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    s.incrementIterations();
  }

  override applyGradients(grads: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const k = simdKernels();
    const names = Array.isArray(grads) ? grads.map((g) => g.name) : Object.keys(grads);
    const vars = names.map((n) => tf.engine().registeredVariables[n]);
    if (!k || Array.isArray(grads) || vars.some((v) => v.dtype !== 'float32')) return super.applyGradients(grads);
    const s = this as unknown as AdamFields;
    const f = Math.fround;
    tf.tidy(() => {
      const omb1 = tf.sub(1, s.accBeta1);
      const omb2 = tf.sub(1, s.accBeta2);
      names.forEach((name, i) => {
        const value = vars[i];
        const m = slot(s.accumulatedFirstMoment, i, `${name}/m`, value);
        const v = slot(s.accumulatedSecondMoment, i, `${name}/v`, value);
        const g = (grads as tf.NamedTensorMap)[name];
        if (g == null) return;
        const [p1, m1, v1] = [0, 1, 2].map(() => heapTensor(value.shape));
        k.adam(
          heapOffset(value),
          heapOffset(g),
          heapOffset(m),
          heapOffset(v),
          heapOffset(p1),
          heapOffset(m1),
          heapOffset(v1),
          value.size,
          heapOffset(omb1),
          heapOffset(omb2),
          f(s.beta1),
          f(1 - s.beta1),
          f(s.beta2),
          f(1 - s.beta2),
          f(s.epsilon),
          f(-s.learningRate),
        );
        m.assign(m1);
        v.assign(v1);
        value.assign(p1);
      });
      s.accBeta1.assign(tf.mul(s.accBeta1, s.beta1));
      s.accBeta2.assign(tf.mul(s.accBeta2, s.beta2));
    });
    s.incrementIterations();
  }
}
