// Each WGSL kernel against tfjs's stock result on the same (webgpu) backend: shared by the Node test
// (kernels.webgpu.ts, Dawn) and the browser page (e2e/gradcheck, window.runWgslCheck).
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../rng';
import { biasGradWgsl } from './bias';
import { bnBackwardWgsl, bnReluBackwardWgsl, bnReluWgsl, bnStatsWgsl } from './bn';
import type { ColOpts } from './colsum';
import { convFilterGradWgsl, convInputGradWgsl, type ConvInputOpts } from './conv';
import { adamStepWgsl, sgdMomentumStepWgsl } from './optim';

export interface KernelCheck {
  kernel: string;
  shape: string;
  /** max |ours − stock| / max |stock|, over every output of the kernel. */
  relErr: number;
  tol: number;
}

const rand = (rng: Rng, shape: number[], scale = 1, offset = 0) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => offset + scale * (rng.next() * 2 - 1)),
    shape,
  );

/** Pairs of [ours, stock] tensors for one case, built inside a tidy. */
type Case = { kernel: string; shape: string; tol: number; run: (rng: Rng) => [tf.Tensor, tf.Tensor][] };

const fmt = (o?: object) => (o && Object.keys(o).length ? ` ${JSON.stringify(o)}` : '');

// [x shape, kernel, out channels, stride, GEMM options]
const convCases: [number[], number, number, number, ConvInputOpts?][] = [
  [[2, 7, 7, 3], 3, 5, 2],
  [[2, 7, 7, 4], 3, 8, 1],
  [[2, 8, 8, 3], 1, 5, 2],
  [[3, 5, 5, 6], 1, 7, 1],
  [[2, 9, 9, 16], 3, 16, 1],
  [[4, 8, 8, 32], 3, 33, 2],
  [[2, 7, 7, 3], 3, 5, 1, { splits: 3 }],
  [[2, 6, 6, 20], 3, 18, 2, { splits: 2, rm: 1, rn: 4 }],
  [[8, 16, 16, 8], 3, 8, 1], // default split-K > 1
  [[2, 9, 9, 12], 3, 10, 1, { rm: 8, rn: 8 }],
  [[2, 8, 8, 5], 1, 70, 2, { rm: 8, rn: 1, splits: 2 }],
  [[2, 7, 7, 3], 3, 5, 2, { subPixel: false }],
  [[2, 8, 8, 6], 3, 4, 2, { subPixel: false }],
  [[1, 1, 1, 3], 3, 2, 2],
];

const bnShapes: [number[], ColOpts?][] = [
  [[4, 5, 4, 3]],
  [[2, 7, 7, 5]],
  [[8, 4, 4, 16]],
  [[2, 3, 3, 70]],
  [[8, 16, 16, 8]],
  [[2, 9, 9, 6], { groups: 7 }],
];

function cases(): Case[] {
  const out: Case[] = [];
  for (const [xs, k, co, s, o] of convCases) {
    const shape = `x ${xs.join('×')}, ${k}×${k}→${co}, stride ${s}${fmt(o)}`;
    const big = xs[0] * xs[1] * xs[2] >= 1024;
    const setup = (rng: Rng) => {
      const x = rand(rng, xs) as tf.Tensor4D;
      const w = rand(rng, [k, k, xs[3], co]) as tf.Tensor4D;
      const dy = rand(rng, [xs[0], Math.ceil(xs[1] / s), Math.ceil(xs[2] / s), co]) as tf.Tensor4D;
      const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, s, 'same'), dy)),
      )([x, w]);
      return { x, w, dy, gx, gw };
    };
    out.push({
      kernel: 'convFilterGrad',
      shape,
      tol: big ? 1e-3 : 1e-4,
      run: (rng) => {
        const { x, dy, gw } = setup(rng);
        return [[convFilterGradWgsl(x, dy, k, k, s, o), gw]];
      },
    });
    out.push({
      kernel: 'convInputGrad',
      shape,
      tol: 1e-4,
      run: (rng) => {
        const { x, w, dy, gx } = setup(rng);
        return [[convInputGradWgsl(dy, w, x.shape, s, o), gx]];
      },
    });
  }
  for (const [xs, o] of bnShapes) {
    const shape = `x ${xs.join('×')}${fmt(o)}`;
    const tol = xs[0] * xs[1] * xs[2] >= 1024 ? 1e-3 : 1e-4;
    out.push({
      kernel: 'bnStats',
      shape,
      tol,
      run: (rng) => {
        const x = rand(rng, xs, 2, 3) as tf.Tensor4D; // offset mean: exercises the shifted sums
        const ours = bnStatsWgsl(x, o);
        const stock = tf.moments(x, [0, 1, 2]);
        return [
          [ours.mean, stock.mean],
          [ours.variance, stock.variance],
        ];
      },
    });
    out.push({
      kernel: 'bnBackward',
      shape,
      tol,
      run: (rng) => {
        const dy = rand(rng, xs) as tf.Tensor4D;
        const xhat = rand(rng, xs, 1.5) as tf.Tensor4D;
        const gamma = rand(rng, [xs[3]], 0.5, 1) as tf.Tensor1D;
        const inv = rand(rng, [xs[3]], 0.5, 1.2) as tf.Tensor1D;
        const ours = bnBackwardWgsl(dy, xhat, gamma, inv, o);
        const n = xs[0] * xs[1] * xs[2];
        const sumDy = tf.sum(dy, [0, 1, 2]);
        const sumDyXhat = tf.sum(tf.mul(dy, xhat), [0, 1, 2]);
        const dx = tf.mul(tf.mul(gamma, tf.div(inv, n)), tf.sub(tf.sub(tf.mul(dy, n), sumDy), tf.mul(xhat, sumDyXhat)));
        return [
          [ours.dx, dx],
          [ours.dgamma, sumDyXhat],
          [ours.dbeta, sumDy],
        ];
      },
    });
    out.push({
      kernel: 'bnReluBackward',
      shape,
      tol,
      run: (rng) => {
        const dyr = rand(rng, xs) as tf.Tensor4D;
        const xhat = rand(rng, xs, 1.5) as tf.Tensor4D;
        const gamma = rand(rng, [xs[3]], 0.5, 1) as tf.Tensor1D;
        const beta = rand(rng, [xs[3]], 0.5) as tf.Tensor1D;
        const inv = rand(rng, [xs[3]], 0.5, 1.2) as tf.Tensor1D;
        const ours = bnReluBackwardWgsl(dyr, xhat, gamma, beta, inv, o);
        // Stock: the ReLU gradient through tf.grads, then the analytic BN backward in plain ops.
        const [dy] = tf.grads((z: tf.Tensor) => tf.sum(tf.mul(tf.relu(z), dyr)))([tf.add(tf.mul(xhat, gamma), beta)]);
        const n = xs[0] * xs[1] * xs[2];
        const sumDy = tf.sum(dy, [0, 1, 2]);
        const sumDyXhat = tf.sum(tf.mul(dy, xhat), [0, 1, 2]);
        const dx = tf.mul(tf.mul(gamma, tf.div(inv, n)), tf.sub(tf.sub(tf.mul(dy, n), sumDy), tf.mul(xhat, sumDyXhat)));
        return [
          [ours.dx, dx],
          [ours.dgamma, sumDyXhat],
          [ours.dbeta, sumDy],
        ];
      },
    });
    out.push({
      kernel: 'bnRelu',
      shape,
      tol: 1e-4,
      run: (rng) => {
        const x = rand(rng, xs, 2, 0.5) as tf.Tensor4D;
        const mean = rand(rng, [xs[3]], 0.3, 0.5) as tf.Tensor1D;
        const inv = rand(rng, [xs[3]], 0.5, 1.2) as tf.Tensor1D;
        const gamma = rand(rng, [xs[3]], 0.5, 1) as tf.Tensor1D;
        const beta = rand(rng, [xs[3]], 0.5) as tf.Tensor1D;
        const stock = tf.relu(tf.add(tf.mul(tf.mul(tf.sub(x, mean), inv), gamma), beta));
        return [[bnReluWgsl(x, mean, inv, gamma, beta), stock]];
      },
    });
  }
  for (const [s, o] of [[[6, 10]], [[300, 7]], [[300, 7], { groups: 5 }], [[4, 5, 5, 3]], [[8, 16, 16, 8]]] as [
    number[],
    ColOpts?,
  ][]) {
    out.push({
      kernel: 'biasGrad',
      shape: `dy ${s.join('×')}${fmt(o)}`,
      tol: s.reduce((a, b) => a * b, 1) / s[s.length - 1] >= 1024 ? 1e-3 : 1e-4,
      run: (rng) => {
        const dy = rand(rng, s);
        return [[biasGradWgsl(dy, o), tf.sum(dy, s.map((_, i) => i).slice(0, -1))]];
      },
    });
  }
  for (const [shape, wd] of [
    [[3, 3, 5, 7], 5e-4],
    [[10], 0],
    [[1000], 0.01],
  ] as [number[], number][]) {
    const label = `w ${shape.join('×')}, wd ${wd}, 3 steps`;
    // tfjs's own optimisers on a variable, with the coupled decay added to the gradient as train/optimizer.ts does.
    const stock = (opt: tf.Optimizer, w0: tf.Tensor, grads: tf.Tensor[], slots: () => tf.Variable[]) => {
      const v = tf.variable(w0.clone());
      for (const g of grads) opt.applyGradients({ [v.name]: tf.add(g, tf.mul(v, wd)) });
      const out = [v, ...slots()].map((t) => tf.clone(t));
      v.dispose();
      opt.dispose();
      return out;
    };
    out.push({
      kernel: 'sgdMomentumStep',
      shape: label,
      tol: 1e-4,
      run: (rng) => {
        const w0 = rand(rng, shape);
        const grads = [0, 1, 2].map(() => rand(rng, shape));
        const opt = tf.train.momentum(0.05, 0.9, false);
        // Internal slot (tfjs 4.22): only to compare the accumulator too.
        const acc = () => [
          (opt as unknown as { accumulations: { variable: tf.Variable }[] }).accumulations[0].variable,
        ];
        const [sw, sa] = stock(opt, w0, grads, acc);
        let w = w0;
        let a = tf.zerosLike(w0);
        for (const g of grads) ({ w, accum: a } = sgdMomentumStepWgsl(w, g, a, 0.05, 0.9, wd));
        return [
          [w, sw],
          [a, sa],
        ];
      },
    });
    out.push({
      kernel: 'adamStep',
      shape: label,
      tol: 1e-4,
      run: (rng) => {
        const w0 = rand(rng, shape);
        const grads = [0, 1, 2].map(() => rand(rng, shape));
        const [lr, beta1, beta2] = [0.01, 0.9, 0.999];
        const epsilon = tf.backend().epsilon();
        const opt = tf.train.adam(lr, beta1, beta2, epsilon);
        type Slot = { variable: tf.Variable }[];
        type Slots = { accumulatedFirstMoment: Slot; accumulatedSecondMoment: Slot };
        const slots = () => {
          const o = opt as unknown as Slots;
          return [o.accumulatedFirstMoment[0].variable, o.accumulatedSecondMoment[0].variable];
        };
        const [sw, sm, sv] = stock(opt, w0, grads, slots);
        let w = w0;
        let m = tf.zerosLike(w0);
        let v = tf.zerosLike(w0);
        grads.forEach((g, t) => {
          const h = { lr, beta1, beta2, epsilon, beta1Power: beta1 ** (t + 1), beta2Power: beta2 ** (t + 1), wd };
          ({ w, m, v } = adamStepWgsl(w, g, m, v, h));
        });
        return [
          [w, sw],
          [m, sm],
          [v, sv],
        ];
      },
    });
  }
  return out;
}

/** Runs every case on the active backend (which must be webgpu). */
export async function checkWgslKernels(
  filter?: (c: { kernel: string; shape: string }) => boolean,
): Promise<KernelCheck[]> {
  const results: KernelCheck[] = [];
  for (const [i, c] of cases().entries()) {
    if (filter && !filter(c)) continue;
    const pairs = tf.tidy(() => c.run(new Rng(200 + i)));
    let err = 0;
    for (const [a, b] of pairs) {
      if (a.shape.join() !== b.shape.join()) throw new Error(`${c.kernel} ${c.shape}: shape ${a.shape} vs ${b.shape}`);
      const [ours, stock] = (await Promise.all([a.data(), b.data()])) as Float32Array[];
      let scale = 1e-6;
      for (const v of stock) scale = Math.max(scale, Math.abs(v));
      let d = 0;
      for (let j = 0; j < ours.length; j++) d = Math.max(d, Math.abs(ours[j] - stock[j]));
      if (!Number.isFinite(d) || ours.some((v) => !Number.isFinite(v))) d = Infinity;
      err = Math.max(err, d / scale);
    }
    tf.dispose(pairs.flat());
    results.push({ kernel: c.kernel, shape: c.shape, relErr: err, tol: c.tol });
  }
  return results;
}
