// Micro-benchmark: ms per call, tfjs's stock webgpu kernels vs our WGSL kernels (src/core/nn/webgpu), for the
// WRN-16-2 shapes (B=128) and the default student (B=64). On SwiftShader only a smoke test (it is no proxy for
// a GPU): `node scripts/with-vulkan.mjs npx tsx bench/kernels.ts --quick`; on a GPU without --quick.
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import '../src/cli/nodeBackend';
import { useNodeWebGpu } from '../src/cli/webgpuNode';
import { samePad } from '../src/core/nn/ops/conv';
import {
  biasGradWgsl,
  bnBackwardWgsl,
  bnReluWgsl,
  adamStepWgsl,
  biasGradStock,
  bnBackwardStock,
  bnReluBackwardStock,
  bnReluBackwardWgsl,
  bnReluStock,
  bnStatsStock,
  bnStatsWgsl,
  convFilterGradStock,
  convInputGradStock,
  convFilterGradWgsl,
  convInputGradWgsl,
  sgdMomentumStepWgsl,
} from '../src/core/nn/webgpu';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, iters: { type: 'string' } },
});
const quick = values.quick;
const iters = Number(values.iters ?? (quick ? 2 : 20));

// [name, batch, H, Ci, Co, kernel, stride]
const shapes: [string, number, number, number, number, number, number][] = [
  ['WRN H32 C32', 128, 32, 32, 32, 3, 1],
  ['WRN H16 C64', 128, 16, 64, 64, 3, 1],
  ['WRN H8 C128', 128, 8, 128, 128, 3, 1],
  ['WRN H32 32→64 s2', 128, 32, 32, 64, 3, 2],
  ['WRN H16 64→128 s2', 128, 16, 64, 128, 3, 2],
  ['student 28×28×1→16', 64, 28, 1, 16, 3, 1],
  ['student 14×14×16→32', 64, 14, 16, 32, 3, 1],
];

/** ms per call: one warm-up call (shader compilation), then `iters` calls and one read at the end. */
async function time(f: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const once = () => {
    const out = tf.tidy(f);
    return Array.isArray(out) ? out : [out];
  };
  const warm = once();
  await Promise.all(warm.map((t) => t.data()));
  tf.dispose(warm);
  const t0 = performance.now();
  let last: tf.Tensor[] = [];
  for (let i = 0; i < iters; i++) {
    tf.dispose(last);
    last = once();
  }
  await Promise.all(last.map((t) => t.data()));
  const ms = (performance.now() - t0) / iters;
  tf.dispose(last);
  return ms;
}

async function main(): Promise<void> {
  const { adapter } = await useNodeWebGpu();
  console.log(
    `WebGPU adapter: ${adapter} · tfjs ${tf.version_core} · ${iters} calls each${quick ? ' · --quick (batch 2)' : ''}`,
  );
  const rows: { shape: string; kernel: string; stockMs: number; wgslMs: number; speedup: number }[] = [];
  for (const [name, b0, H, ci, co, k, s] of shapes) {
    const B = quick ? 2 : b0;
    const ho = samePad(H, k, s).out;
    const x = tf.randomNormal([B, H, H, ci], 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal([k, k, ci, co], 0, 0.1, 'float32', 2) as tf.Tensor4D;
    const dy = tf.randomNormal([B, ho, ho, co], 0, 1, 'float32', 3) as tf.Tensor4D;
    const xc = tf.randomNormal([B, H, H, co], 0, 1, 'float32', 4) as tf.Tensor4D; // a BN input (Co channels)
    const g = tf.ones([co]) as tf.Tensor1D;
    const z = tf.zeros([co]) as tf.Tensor1D;
    const add = async (kernel: string, stock: () => tf.Tensor | tf.Tensor[], ours: () => tf.Tensor | tf.Tensor[]) => {
      const stockMs = await time(stock);
      const wgslMs = await time(ours);
      rows.push({ shape: `${name} B${B}`, kernel, stockMs, wgslMs, speedup: stockMs / wgslMs });
    };
    const pair = (f: () => unknown) => () => {
      const r = f();
      return (r instanceof tf.Tensor ? [r] : Object.values(r as object)) as tf.Tensor[];
    };
    await add(
      'conv dW',
      pair(() => convFilterGradStock(x, dy, k, k, s)),
      pair(() => convFilterGradWgsl(x, dy, k, k, s)),
    );
    await add(
      'conv dX',
      pair(() => convInputGradStock(dy, w, x.shape, s)),
      pair(() => convInputGradWgsl(dy, w, x.shape, s)),
    );
    await add(
      'BN stats',
      pair(() => bnStatsStock(xc)),
      pair(() => bnStatsWgsl(xc)),
    );
    await add(
      'BN backward',
      pair(() => bnBackwardStock(xc, xc, g, g)),
      pair(() => bnBackwardWgsl(xc, xc, g, g)),
    );
    await add(
      'BN+ReLU backward',
      pair(() => bnReluBackwardStock(xc, xc, g, z, g)),
      pair(() => bnReluBackwardWgsl(xc, xc, g, z, g)),
    );
    await add(
      'BN+ReLU fwd',
      pair(() => bnReluStock(xc, z, g, g, z)),
      pair(() => bnReluWgsl(xc, z, g, g, z)),
    );
    await add(
      'bias grad',
      pair(() => biasGradStock(xc)),
      pair(() => biasGradWgsl(xc)),
    );
    // One optimiser step on this layer's filter (stock: tfjs's optimiser plus the coupled decay, as training does).
    const wv = tf.variable(w.clone());
    const sgd = tf.train.momentum(0.05, 0.9, false);
    const adam = tf.train.adam(0.001);
    const acc = tf.zerosLike(w);
    const eps = tf.backend().epsilon();
    const stockStep = (o: tf.Optimizer) => () => {
      o.applyGradients({ [wv.name]: tf.add(w, tf.mul(wv, 5e-4)) });
      return tf.clone(wv);
    };
    await add('SGD step', stockStep(sgd), () => Object.values(sgdMomentumStepWgsl(wv, w, acc, 0.05, 0.9, 5e-4)));
    const h = { lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: eps, beta1Power: 0.9, beta2Power: 0.999, wd: 5e-4 };
    await add('Adam step', stockStep(adam), () => Object.values(adamStepWgsl(wv, w, acc, acc, h)));
    sgd.dispose();
    tf.SGDOptimizer.prototype.dispose.call(sgd);
    adam.dispose();
    tf.dispose([x, w, dy, xc, g, z, wv, acc]);
  }
  console.table(
    rows.map((r) => ({
      ...r,
      stockMs: +r.stockMs.toFixed(3),
      wgslMs: +r.wgslMs.toFixed(3),
      speedup: +r.speedup.toFixed(2),
    })),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
