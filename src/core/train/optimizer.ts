// tfjs optimisers (their state is exportable for checkpoints) with coupled L2 weight decay added to the
// gradients of conv/dense kernels, as PyTorch's SGD/Adam `weight_decay` does.
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '../config/schema';

export interface Optim {
  readonly opt: tf.Optimizer;
  setLearningRate(lr: number): void;
  dispose(): void;
}

export function makeOptimizer(spec: OptimizerSpec): Optim {
  if (spec.type === 'sgd') {
    const opt = tf.train.momentum(spec.lr, spec.momentum, false);
    return {
      opt,
      setLearningRate: (lr) => opt.setLearningRate(lr),
      // MomentumOptimizer.dispose() (tfjs 4.22) skips SGDOptimizer's, leaking its learning-rate scalar.
      dispose: () => {
        opt.dispose();
        tf.SGDOptimizer.prototype.dispose.call(opt);
      },
    };
  }
  const opt = tf.train.adam(spec.lr);
  return {
    opt,
    setLearningRate: (lr) => {
      (opt as unknown as { learningRate: number }).learningRate = lr;
    },
    dispose: () => opt.dispose(),
  };
}

/** grads[v] += wd·v for every decayed variable (inside the caller's tidy). */
export function addWeightDecay(grads: tf.NamedTensorMap, decayed: tf.Variable[], wd: number): tf.NamedTensorMap {
  if (wd <= 0) return grads;
  for (const v of decayed) {
    const g = grads[v.name];
    if (g) grads[v.name] = tf.add(g, tf.mul(v, wd));
  }
  return grads;
}
