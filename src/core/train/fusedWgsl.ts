// What the fused optimisers (fusedAdam.ts, fusedMomentum.ts) share: when they run their WGSL update kernels
// (nn/webgpu/optim.ts) instead of tfjs's elementwise chains, on float32 variables where routing's fixed WGSL rules
// apply ('stock' keeps tfjs's own, the benchmarks' baseline); their slots; the decay rate per variable. Why a fixed
// rule and not a tuned choice: the update is memory-bound elementwise work, and the kernels do it in fewer passes
// over memory and far fewer dispatches on every device (Adam 3 per variable instead of 14, SGD 2 instead of 4,
// weight decay folded in instead of 2 more), so there is nothing a measurement could reverse.
import * as tf from '@tensorflow/tfjs-core';
import { wgslRulesApply } from '../nn/ops/routing';

export function wgslOptimizerRuns(vars: tf.Variable[]): boolean {
  return wgslRulesApply() && vars.every((v) => v.dtype === 'float32');
}

/** The variables of a gradient map, by name, in its order (tfjs matches optimiser slots to them by position). */
export function variablesOf(grads: tf.NamedTensorMap): { names: string[]; vars: tf.Variable[] } {
  const names = Object.keys(grads);
  return { names, vars: names.map((n) => tf.engine().registeredVariables[n]) };
}

export type Slot = { originalName: string; variable: tf.Variable };

/** The optimiser slot `i` of a variable, created as tfjs creates it (zeros, not trainable). */
export function slot(slots: Slot[], i: number, name: string, value: tf.Variable): tf.Variable {
  slots[i] ??= { originalName: name, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
  return slots[i].variable;
}

/** Each variable's coupled L2 decay rate, for kernels that fold it in: wd for `decayed`, 0 for the others. */
export function decayRate(decayed: tf.Variable[], wd: number): (name: string) => number {
  const names = new Set(wd > 0 ? decayed.map((v) => v.name) : []);
  return (name) => (names.has(name) ? wd : 0);
}
