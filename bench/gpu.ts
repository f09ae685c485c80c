// `npm run bench:gpu`: the engine on WebGPU in Node (Dawn): training img/s with tfjs's stock gradients vs our
// training ops, side by side in one run, for the default MNIST student and WRN-16-2 at batch 128.
// Here it runs on SwiftShader (CPU); on a GPU server: ../shared/tools/gpu/prepare bench/gpu.ts, then
// `bash .gpu/on-device [--steps N]` there.
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import '../src/cli/nodeBackend';
import { useNodeWebGpu } from '../src/cli/webgpuNode';
import { defaultConfig } from '../src/core/config/defaults';
import type { ModelSpec } from '../src/core/config/schema';
import { hostBatch, range } from '../src/core/data/batches';
import { syntheticDataset } from '../src/core/data/synthetic';
import type { Dataset } from '../src/core/data/types';
import { NO_NOISE } from '../src/core/methods/recipe';
import { buildModel } from '../src/core/nn/build';
import { setOpsMode, type OpsMode } from '../src/core/nn/ops/routing';
import { makeOptimizer } from '../src/core/train/optimizer';
import { stream } from '../src/core/rng';
import { trainStep } from '../src/core/train/step';
import { inputInfo } from '../src/core/train/trainer';

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '20' }, 'wrn-steps': { type: 'string' }, only: { type: 'string' } },
});

interface Case {
  name: string;
  spec: ModelSpec;
  batch: number;
  data: Dataset;
  steps: number;
}

async function imgPerSec(c: Case, mode: OpsMode): Promise<number> {
  setOpsMode(mode);
  const model = buildModel(c.spec, inputInfo(c.data), stream(1, 'init', c.name));
  const optim = makeOptimizer({ type: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 5e-4 });
  const rngs = {
    dropout: stream(1, 'dropout', c.name),
    noise: stream(1, 'noise', c.name),
    labels: stream(1, 'labels', c.name),
  };
  const order = range(c.data.train.count);
  const run = async (n: number) => {
    let last: tf.Scalar | null = null;
    for (let s = 0; s < n; s++) {
      const b = hostBatch(c.data.train, order, (s * c.batch) % (c.data.train.count - c.batch + 1), c.batch, c.data);
      const out = trainStep(model, optim, 5e-4, NO_NOISE, 0, b, rngs, null);
      out.correct.dispose();
      last?.dispose();
      last = out.loss;
    }
    await last!.data(); // one read at the end: the GPU queue drains before the clock stops
    last!.dispose();
  };
  await run(3); // warm-up: shader compilation
  const t0 = performance.now();
  await run(c.steps);
  const ips = (c.steps * c.batch) / ((performance.now() - t0) / 1000);
  optim.dispose();
  model.dispose();
  setOpsMode('ours');
  return ips;
}

async function main(): Promise<void> {
  const { adapter } = await useNodeWebGpu();
  console.log(`WebGPU adapter: ${adapter} · tfjs ${tf.version_core}`);
  const steps = Number(values.steps);
  const student = defaultConfig().student.model;
  const allCases: Case[] = [
    {
      name: 'default MNIST student',
      spec: student,
      batch: 64,
      data: syntheticDataset({ trainSize: 1024, testSize: 10, size: 28, channels: 1, seed: 1 }),
      steps,
    },
    {
      name: 'WRN-16-2 (32×32×3)',
      spec: { family: 'wrn', depth: 16, widen: 2, dropout: 0 },
      batch: 128,
      data: syntheticDataset({ trainSize: 512, testSize: 10, size: 32, channels: 3, seed: 1 }),
      steps: Number(values['wrn-steps'] ?? steps),
    },
  ];
  const cases = allCases.filter((c) => !values.only || c.name.toLowerCase().includes(values.only.toLowerCase()));

  for (const c of cases) {
    const stock = await imgPerSec(c, 'stock');
    const ours = await imgPerSec(c, 'ours');
    console.log(
      `${c.name.padEnd(24)} batch ${String(c.batch).padStart(3)}: stock ${stock.toFixed(1).padStart(8)} img/s · ours ${ours
        .toFixed(1)
        .padStart(8)} img/s · ${(ours / stock).toFixed(2)}× (${c.steps} steps)`,
    );
  }
}

// No top-level await: the GPU-server bundle is CommonJS.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
