// Parameter factories and small layer helpers shared by the model families.
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../rng';
import type { BnParams } from './ops/batchnorm';
import type { ModelSpec } from '../config/schema';
import type { Forward, InputInfo, Model } from './model';

export class Params {
  readonly trainable: tf.Variable[] = [];
  readonly decayed: tf.Variable[] = [];
  readonly state: tf.Variable[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly prefix: string,
  ) {}

  /** He-normal kernel (fan-in from all but the last dim), weight-decayed. */
  kernel(name: string, shape: number[]): tf.Variable {
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const v = this.make(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', this.rng.seed()), true, name);
    this.trainable.push(v);
    this.decayed.push(v);
    return v;
  }

  bias(name: string, n: number): tf.Variable {
    const v = this.make(tf.zeros([n]), true, name);
    this.trainable.push(v);
    return v;
  }

  bn(name: string, n: number): BnParams {
    const gamma = this.make(tf.ones([n]), true, `${name}/gamma`);
    const beta = this.make(tf.zeros([n]), true, `${name}/beta`);
    const runMean = this.make(tf.zeros([n]), false, `${name}/mean`);
    const runVar = this.make(tf.ones([n]), false, `${name}/var`);
    this.trainable.push(gamma, beta);
    this.state.push(runMean, runVar);
    return { gamma, beta, runMean, runVar };
  }

  /** A variable from an initial value; the initial tensor is released (tf.variable keeps its own ref). */
  private make(init: tf.Tensor, trainable: boolean, name: string): tf.Variable {
    // Variable names must be unique per engine: the prefix carries a per-model counter.
    const v = tf.variable(init, trainable, `${this.prefix}/${name}`);
    init.dispose();
    return v;
  }
}

let modelCounter = 0;
export function uniquePrefix(kind: string): string {
  return `${kind}${++modelCounter}`;
}

/** (x - mean) / std per channel, as constants kept for the model's lifetime. */
export function normalizer(input: InputInfo): { apply: (x: tf.Tensor4D) => tf.Tensor4D; dispose: () => void } {
  const mean = tf.keep(tf.tensor1d(input.mean));
  const inv = tf.keep(tf.tensor1d(input.std.map((s) => 1 / s)));
  return { apply: (x) => tf.mul(tf.sub(x, mean), inv), dispose: () => tf.dispose([mean, inv]) };
}

export function dropout<T extends tf.Tensor>(x: T, rate: number, f: Forward): T {
  if (!f.dropout || rate <= 0) return x;
  if (!f.nextSeed) throw new Error('dropout needs a seed source (fresh mask per call)');
  return tf.dropout(x, rate, undefined, f.nextSeed()) as T;
}

export function countParams(vars: tf.Variable[]): number {
  return vars.reduce((n, v) => n + v.size, 0);
}

/** The Model object every family returns: its variables, forward function and disposal. */
export function assembleModel(
  spec: ModelSpec,
  input: InputInfo,
  p: Params,
  norm: { dispose: () => void },
  apply: Model['apply'],
): Model {
  return {
    spec,
    input,
    trainable: p.trainable,
    decayed: p.decayed,
    state: p.state,
    apply,
    paramCount: () => countParams(p.trainable),
    dispose: () => {
      tf.dispose([...p.trainable, ...p.state]);
      norm.dispose();
    },
  };
}
