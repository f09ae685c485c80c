// tfjs's MomentumOptimizer (no Nesterov) with each variable's update as the WGSL kernel of nn/webgpu/optim.ts on
// WebGPU (2 dispatches, weight decay folded in, instead of tfjs's 2 + 2 for the decay): see fusedWgsl.ts for when.
// The same state (tfjs's accumulator variables, by position), so checkpoints and resume are unchanged; elsewhere
// it is tfjs's own.
import * as tf from '@tensorflow/tfjs-core';
import { sgdMomentumStepWgsl } from '../nn/webgpu/optim';
import { decayRate, slot, variablesOf, wgslOptimizerRuns, type Slot } from './fusedWgsl';
import { addWeightDecay } from './weightDecay';

interface MomentumFields {
  learningRate: number;
  momentum: number;
  accumulations: Slot[];
  incrementIterations(): void;
}

// tfjs types a gradient map as variables; a gradient map of tensors is what it is given.
type Tfjs = Parameters<tf.MomentumOptimizer['applyGradients']>[0];

export class FusedMomentumOptimizer extends tf.MomentumOptimizer {
  constructor(learningRate: number, momentum: number) {
    super(learningRate, momentum, false);
  }

  /** One update with coupled L2 decay of `decayed` (the WGSL kernel folds it in; elsewhere it is added first). */
  applyWithDecay(grads: tf.NamedTensorMap, decayed: tf.Variable[], wd: number): void {
    const { names, vars } = variablesOf(grads);
    if (!wgslOptimizerRuns(vars)) return this.applyGradients(addWeightDecay(grads, decayed, wd) as Tfjs);
    const s = this as unknown as MomentumFields;
    const rate = decayRate(decayed, wd);
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = vars[i];
        const acc = slot(s.accumulations, i, `${name}/momentum`, value);
        const out = sgdMomentumStepWgsl(value, grads[name], acc, s.learningRate, s.momentum, rate(name));
        acc.assign(out.accum);
        value.assign(out.w);
      });
    });
    s.incrementIterations();
  }
}
