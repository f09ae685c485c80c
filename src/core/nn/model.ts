// Models are plain functions over tfjs-core variables. A forward pass takes explicit switches for
// dropout and batch-norm mode, because Fickle Teacher needs dropout on with batch-norm in inference mode.
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelSpec } from '../config/schema';

export interface Forward {
  /** Apply dropout (with a fresh mask per call, seeded from nextSeed). */
  dropout: boolean;
  /** Batch-norm with batch statistics, updating the running statistics (training only). */
  bnTraining: boolean;
  /** Source of per-call dropout seeds (never 0). Required when dropout is on. */
  nextSeed?: () => number;
  /**
   * false: nothing differentiates with respect to the input (training steps), so the first layer skips its input
   * gradient. Default true (attacks need it).
   */
  inputGrad?: boolean;
}

export interface InputInfo {
  height: number;
  width: number;
  channels: number;
  numClasses: number;
  mean: number[];
  std: number[];
}

export interface Model {
  readonly spec: ModelSpec;
  readonly input: InputInfo;
  /** Trained by the optimiser. */
  readonly trainable: tf.Variable[];
  /** Weight-decayed subset of trainable (conv and dense kernels; not biases or BN). */
  readonly decayed: tf.Variable[];
  /** Non-trainable state (BN running statistics). */
  readonly state: tf.Variable[];
  /** Logits for x in [0,1] (normalisation happens inside). */
  apply(x: tf.Tensor4D, f: Forward): tf.Tensor2D;
  paramCount(): number;
  dispose(): void;
}

export const INFERENCE: Forward = { dropout: false, bnTraining: false };
