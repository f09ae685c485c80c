// When the optimisers run their WGSL update kernels (nn/webgpu/optim.ts) instead of tfjs's elementwise chains:
// on the webgpu backend in the 'ours' ops mode ('stock' keeps tfjs's own, the benchmarks' baseline), for float32
// variables. Why a fixed rule and not a tuned choice: the update is memory-bound elementwise work, and the kernels
// do it in fewer passes over memory and far fewer dispatches on every device (Adam 3 per variable instead of 14,
// SGD 2 instead of 4, weight decay folded in instead of 2 more), so there is nothing a measurement could reverse.
import * as tf from '@tensorflow/tfjs-core';
import { opsMode } from '../nn/ops/routing';

export function wgslOptimizerRuns(vars: tf.Variable[]): boolean {
  return tf.getBackend() === 'webgpu' && opsMode() === 'ours' && vars.every((v) => v.dtype === 'float32');
}

/** The variables of a gradient map, by name, in its order (tfjs matches optimiser slots to them by position). */
export function variablesOf(grads: tf.NamedTensorMap): { names: string[]; vars: tf.Variable[] } {
  const names = Object.keys(grads);
  return { names, vars: names.map((n) => tf.engine().registeredVariables[n]) };
}
