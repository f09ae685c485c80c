// Backend-agnostic gradient check of our training ops against tfjs's stock gradients, on whatever backend is
// active: the routed op (prior rule) and every candidate formulation the autotuner may choose, each forced in
// turn. Used by the unit tests (cpu, wasm), the WebGPU tests in Node (Dawn) and the WebGL e2e check.
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../rng';
import { batchNormTrain, type BnParams } from './batchnorm';
import { conv2d } from './conv';
import { convReluPool } from './convBlock';
import { matMulDense } from './dense';
import { candidatesOf, type OpKind } from './candidates';
import { forceCandidate, forcedMisses, setOpsMode, type OpsMode } from './routing';

export interface GradCheck {
  op: string;
  shape: string;
  /** 'routed' (what training runs before tuning), or the forced candidate, e.g. 'convFilterGrad/shifted-matmul'. */
  candidate: string;
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
  [[2, 7, 7, 8], 3, 8, 2],
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
  // The CNN block (fused on WASM: ReLU, pooling and bias backward in one kernel): values around 0.2 so that
  // windows of every sign occur.
  for (const [xs, co] of [
    [[2, 6, 6, 3], 8],
    [[4, 8, 8, 16], 16],
  ] as [number[], number][]) {
    out.push([
      'convBlock',
      `x ${xs.join('×')}, 3×3→${co}, ReLU, pool 2`,
      (rng) => {
        const r = rand(rng, [xs[0], xs[1] / 2, xs[2] / 2, co]);
        return {
          inputs: [rand(rng, xs, 1, 0.2), rand(rng, [3, 3, xs[3], co], 0.5), rand(rng, [co], 0.2), r],
          f: (x, w, b) => tf.sum(tf.mul(convReluPool(x as tf.Tensor4D, w as tf.Tensor4D, b as tf.Tensor1D), r)),
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
    // relu: WRN's pre-activation relu(BN(x)), the ReLU fused into the batch norm where a candidate does that.
    for (const relu of [false, true]) {
      out.push([
        relu ? 'batchnormRelu' : 'batchnorm',
        `x ${xs.join('×')}`,
        (rng) => {
          const r = rand(rng, xs);
          return {
            inputs: [rand(rng, xs, 2, 0.5), rand(rng, [xs[3]], 0.5, 1), rand(rng, [xs[3]]), r],
            f: (x, g, b) => {
              const p = { gamma: g, beta: b } as unknown as BnParams;
              return tf.sum(tf.mul(batchNormTrain(x as tf.Tensor4D, p, relu).y, r));
            },
          };
        },
      ]);
    }
  }
  return out;
}

/** The candidates each case's op routes through. */
const OPS_OF: Record<string, OpKind[]> = {
  conv2d: ['convFilterGrad', 'convInputGrad'],
  convBlock: ['convFilterGrad', 'convInputGrad'],
  dense: ['denseGrad'],
  batchnorm: ['bnTrain'],
  batchnormRelu: ['bnTrain'],
};

/** The gradients, or null when the forced candidate does not apply to this case (a stride it does not handle). */
async function gradients(
  mode: OpsMode,
  build: Build,
  seed: number,
  force?: [OpKind, string],
): Promise<Float32Array[] | null> {
  setOpsMode(mode);
  if (force) forceCandidate(...force);
  const { inputs, f } = build(new Rng(seed));
  try {
    const nDiff = inputs.length - 1; // the last input is the random upstream gradient
    const gs = tf.grads((...t: tf.Tensor[]) => f(...t, inputs[nDiff]))(inputs.slice(0, nDiff));
    const data = await Promise.all(gs.map((g) => g.data() as Promise<Float32Array>));
    tf.dispose(gs);
    return force && forcedMisses() > 0 ? null : data;
  } finally {
    tf.dispose(inputs);
    if (force) forceCandidate(force[0], null);
    setOpsMode('ours');
  }
}

function relErr(ours: Float32Array[], stock: Float32Array[]): number {
  let err = 0;
  for (let g = 0; g < ours.length; g++) {
    let scale = 1e-6;
    for (const v of stock[g]) scale = Math.max(scale, Math.abs(v));
    let d = 0;
    for (let j = 0; j < ours[g].length; j++) d = Math.max(d, Math.abs(ours[g][j] - stock[g][j]));
    err = Math.max(err, d / scale);
  }
  return err;
}

/** Runs every check on the active backend: per case, the routed op and each candidate that applies. */
export async function checkOpGradients(): Promise<GradCheck[]> {
  const results: GradCheck[] = [];
  for (const [i, [op, shape, build]] of cases().entries()) {
    const stock = (await gradients('stock', build, 100 + i))!;
    results.push({ op, shape, candidate: 'routed', relErr: relErr((await gradients('ours', build, 100 + i))!, stock) });
    for (const kind of OPS_OF[op]) {
      for (const c of candidatesOf(kind)) {
        const g = await gradients('ours', build, 100 + i, [kind, c.name]);
        if (g) results.push({ op, shape, candidate: `${kind}/${c.name}`, relErr: relErr(g, stock) });
      }
    }
  }
  return results;
}
