// tfjs's MomentumOptimizer (no Nesterov) with each variable's update as the WGSL kernel of nn/webgpu/optim.ts on
// WebGPU (2 dispatches, weight decay folded in, instead of tfjs's 2 + 2 for the decay): see fusedWgsl.ts for when.
// The same state (tfjs's accumulator variables, by position), so checkpoints and resume are unchanged; elsewhere
// it is tfjs's own.
import * as tf from '@tensorflow/tfjs-core';
import { sgdMomentumStepWgsl } from '../nn/webgpu/optim';
import { variablesOf, wgslOptimizerRuns } from './fusedWgsl';
import { addWeightDecay } from './weightDecay';

interface MomentumFields {
  learningRate: number;
  momentum: number;
  accumulations: { originalName: string; variable: tf.Variable }[];
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
    const rate = new Set(wd > 0 ? decayed.map((v) => v.name) : []);
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = vars[i];
        s.accumulations[i] ??= {
          originalName: `${name}/momentum`,
          variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
        };
        const acc = s.accumulations[i].variable;
        const out = sgdMomentumStepWgsl(value, grads[name], acc, s.learningRate, s.momentum, rate.has(name) ? wd : 0);
        acc.assign(out.accum);
        value.assign(out.w);
      });
    });
    s.incrementIterations();
  }
}
