// tfjs's Adam with each variable's update as one SIMD kernel on WASM (nn/wasm/kernels.wat) instead of ~12 tfjs
// kernels: measured on the default student (8 variables) its ~100 optimiser kernels per step were ~5 % of a
// step, mostly per-kernel overhead. The same arithmetic in the same float32 order (the results are bit-identical,
// tested), and the same state (tfjs's moment variables and beta powers), so checkpoints and resume are unchanged.
// Elsewhere (other backends, non-float32 variables) it is tfjs's own.
import * as tf from '@tensorflow/tfjs-core';
import { heapOffset, heapTensor, simdKernels } from '../nn/wasm/module';

interface AdamFields {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
  incrementIterations(): void;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
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
        s.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        s.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        const g = (grads as tf.NamedTensorMap)[name];
        if (g == null) return;
        const m = s.accumulatedFirstMoment[i].variable;
        const v = s.accumulatedSecondMoment[i].variable;
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
