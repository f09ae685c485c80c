// Backend-agnostic gradient check of our training ops against tfjs's stock gradients, on whatever backend is
// active: used by the unit tests (cpu, wasm), the WebGPU tests in Node (Dawn) and the WebGL e2e check.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../rng';
import { batchNormTrain, type BnParams } from './batchnorm';
import { conv2d } from './conv';
import { matMulDense } from './dense';
import { setOpsMode, type OpsMode } from './routing';

export interface GradCheck {
  op: string;
  shape: string;
  /** max |ours − stock| / max |stock| over every gradient of the op. */
  relErr: number;
}

type Build = (rng: Rng) => { inputs: tf.Tensor[]; f: (...t: tf.Tensor[]) => tf.Tensor };

const rand = (rng: Rng, shape: number[], scale = 1, offset = 0) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + scale * (rng.next() * 2 - 1)),
    shape,
  );

const convCases: [number[], number, number, number][] = [
  // [x shape, kernel, out channels, stride]
  [[2, 6, 6, 3], 3, 4, 1],
  [[2, 7, 7, 4], 3, 8, 2],
  [[2, 8, 8, 3], 1, 5, 2],
  [[4, 8, 8, 16], 3, 16, 1],
];

function cases(): [string, string, Build][] {
  const out: [string, string, Build][] = [];
  for (const [xs, k, co, s] of convCases) {
    out.push([
      'conv2d',
      `x ${xs.join('×')}, ${k}×${k}→${co}, stride ${s}`,
      (rng) => {
        const ho = Math.ceil(xs[1] / s);
        const wo = Math.ceil(xs[2] / s);
        const r = rand(rng, [xs[0], ho, wo, co]);
        return {
          inputs: [rand(rng, xs), rand(rng, [k, k, xs[3], co]), r],
          f: (x, w) => tf.sum(tf.mul(conv2d(x as tf.Tensor4D, w as tf.Tensor4D, s), r)),
        };
      },
    ]);
  }
  for (const [m, k, n] of [
    [8, 20, 6],
    [32, 64, 10],
  ]) {
    out.push([
      'dense',
      `${m}×${k} · ${k}×${n}`,
      (rng) => {
        const r = rand(rng, [m, n]);
        return {
          inputs: [rand(rng, [m, k]), rand(rng, [k, n]), r],
          f: (x, w) => tf.sum(tf.mul(matMulDense(x as tf.Tensor2D, w as tf.Tensor2D), r)),
        };
      },
    ]);
  }
  for (const xs of [
    [4, 5, 4, 3],
    [8, 4, 4, 16],
  ]) {
    out.push([
      'batchnorm',
      `x ${xs.join('×')}`,
      (rng) => {
        const r = rand(rng, xs);
        return {
          inputs: [rand(rng, xs, 2, 0.5), rand(rng, [xs[3]], 0.5, 1), rand(rng, [xs[3]]), r],
          f: (x, g, b) => {
            const p = { gamma: g, beta: b } as unknown as BnParams;
            return tf.sum(tf.mul(batchNormTrain(x as tf.Tensor4D, p).y, r));
          },
        };
      },
    ]);
  }
  return out;
}

async function gradients(mode: OpsMode, build: Build, seed: number): Promise<Float32Array[]> {
  setOpsMode(mode);
  try {
    const { inputs, f } = build(new Rng(seed));
    const nDiff = inputs.length - 1; // the last input is the random upstream gradient
    const gs = tf.grads((...t: tf.Tensor[]) => f(...t, inputs[nDiff]))(inputs.slice(0, nDiff));
    const data = await Promise.all(gs.map((g) => g.data() as Promise<Float32Array>));
    tf.dispose([...inputs, ...gs]);
    return data;
  } finally {
    setOpsMode('ours');
  }
}

/** Runs every check on the active backend. */
export async function checkOpGradients(): Promise<GradCheck[]> {
  const results: GradCheck[] = [];
  for (const [i, [op, shape, build]] of cases().entries()) {
    const ours = await gradients('ours', build, 100 + i);
    const stock = await gradients('stock', build, 100 + i);
    let err = 0;
    for (let g = 0; g < ours.length; g++) {
      let scale = 1e-6;
      for (const v of stock[g]) scale = Math.max(scale, Math.abs(v));
      let d = 0;
      for (let j = 0; j < ours[g].length; j++) d = Math.max(d, Math.abs(ours[g][j] - stock[g][j]));
      err = Math.max(err, d / scale);
    }
    results.push({ op, shape, relErr: err });
  }
  return results;
}
