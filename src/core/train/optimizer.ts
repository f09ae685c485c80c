// tfjs optimisers (their state is exportable for checkpoints) with coupled L2 weight decay added to the
// gradients of conv/dense kernels (weightDecay.ts), as PyTorch's SGD/Adam `weight_decay` does.
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSpec } from '../config/schema';
import { FusedAdamOptimizer } from './fusedAdam';
import { FusedMomentumOptimizer } from './fusedMomentum';

export { addWeightDecay } from './weightDecay';

export interface Optim {
  readonly type: OptimizerSpec['type'];
  readonly opt: tf.Optimizer;
  /** One update from `grads`, with coupled L2 decay wd·v on the `decayed` variables (call inside a tidy). */
  apply(grads: tf.NamedTensorMap, decayed: tf.Variable[], wd: number): void;
  setLearningRate(lr: number): void;
  dispose(): void;
}

/** A slot variable (Adam m or v, SGD momentum accumulator), in the order of the model's trainable variables. */
export interface OptimSlot {
  shape: number[];
  data: Float32Array;
}

/** Everything an optimiser carries between steps, as plain data (structured-cloneable) for checkpoints. */
export interface OptimState {
  type: 'sgd' | 'adam';
  iterations: number;
  /** SGD: one momentum accumulator per variable. Adam: every m, then every v. */
  slots: OptimSlot[];
  /** Adam's β1^t and β2^t as the float32 running products tfjs keeps. */
  betaPowers?: [number, number];
}

export function makeOptimizer(spec: OptimizerSpec): Optim {
  if (spec.type === 'sgd') {
    // tf.train.momentum (no Nesterov); its update is one WGSL kernel on WebGPU.
    const opt = new FusedMomentumOptimizer(spec.lr, spec.momentum);
    return {
      type: 'sgd',
      opt,
      apply: (grads, decayed, wd) => opt.applyWithDecay(grads, decayed, wd),
      setLearningRate: (lr) => opt.setLearningRate(lr),
      // MomentumOptimizer.dispose() (tfjs 4.22) skips SGDOptimizer's, leaking its learning-rate scalar.
      dispose: () => {
        opt.dispose();
        tf.SGDOptimizer.prototype.dispose.call(opt);
      },
    };
  }
  // tf.train.adam's defaults (β1 0.9, β2 0.999, the backend's ε); one fused kernel per variable on WASM and WebGPU.
  const opt = new FusedAdamOptimizer(spec.lr, 0.9, 0.999);
  return {
    type: 'adam',
    opt,
    apply: (grads, decayed, wd) => opt.applyWithDecay(grads, decayed, wd),
    setLearningRate: (lr) => {
      (opt as unknown as { learningRate: number }).learningRate = lr;
    },
    dispose: () => opt.dispose(),
  };
}

// tfjs keeps Adam's beta powers private, and its setWeights() recomputes them as pow(β, t+1), which differs in
// the last bits from the running product it maintains while training: a resumed run would drift. We read and
// write them directly (checked at runtime so a tfjs upgrade that renames them fails loudly, not silently).
interface AdamInternals {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

function betaVars(opt: tf.Optimizer): [tf.Variable, tf.Variable] {
  const { accBeta1, accBeta2 } = opt as unknown as AdamInternals;
  if (!(accBeta1 instanceof tf.Variable) || !(accBeta2 instanceof tf.Variable)) {
    throw new Error('This tfjs version keeps Adam state differently: checkpoints cannot save the optimiser');
  }
  return [accBeta1, accBeta2];
}

/** Reads the optimiser's state (with `await data()`, so never a sync read on the training path). */
export async function exportOptimState(o: Optim): Promise<OptimState> {
  const weights = await o.opt.getWeights(); // [iterations scalar (new tensor), ...slot variables (owned by opt)]
  const [iter, ...slots] = weights;
  try {
    const state: OptimState = {
      type: o.type,
      iterations: (await iter.tensor.data())[0],
      slots: await Promise.all(
        slots.map(async (w) => ({ shape: [...w.tensor.shape], data: new Float32Array(await w.tensor.data()) })),
      ),
    };
    if (o.type === 'adam') {
      const [b1, b2] = betaVars(o.opt);
      state.betaPowers = [(await b1.data())[0], (await b2.data())[0]];
    }
    return state;
  } finally {
    iter.tensor.dispose();
  }
}

/**
 * Loads state into a fresh optimiser (no step taken yet) for `vars`, the model's trainable variables in order:
 * tfjs matches slots to gradients by position, and our gradient maps follow that order.
 */
export async function importOptimState(o: Optim, s: OptimState, vars: tf.Variable[]): Promise<void> {
  const { type } = o;
  if (s.type !== type) throw new Error(`Checkpoint holds ${s.type} optimiser state, but the run uses ${type}`);
  const perVar = type === 'adam' ? 2 : 1;
  if (s.slots.length !== perVar * vars.length) {
    throw new Error(`Optimiser state has ${s.slots.length} slots; the model needs ${perVar * vars.length}`);
  }
  s.slots.forEach((slot, i) => {
    const v = vars[i % vars.length];
    if (slot.shape.join() !== v.shape.join() || slot.data.length !== v.size) {
      throw new Error(`Optimiser slot ${i} has shape [${slot.shape}], its variable [${v.shape}]`);
    }
  });
  const tensors = [
    { name: 'iter', tensor: tf.scalar(s.iterations, 'int32') },
    ...s.slots.map((slot, i) => ({ name: `slot${i}`, tensor: tf.tensor(slot.data, slot.shape, 'float32') })),
  ];
  try {
    await o.opt.setWeights(tensors); // wraps each tensor in a new variable that holds its own reference
  } finally {
    tf.dispose(tensors.map((t) => t.tensor));
  }
  if (type === 'adam') {
    if (!s.betaPowers) throw new Error('Adam optimiser state lacks its beta powers');
    const [b1, b2] = betaVars(o.opt);
    tf.tidy(() => {
      b1.assign(tf.scalar(s.betaPowers![0]));
      b2.assign(tf.scalar(s.betaPowers![1]));
    });
  }
}
