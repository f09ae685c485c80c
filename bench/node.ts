// Node half of `npm run bench`: training img/s per backend for the default student, and the trainer's
// throughput against a bare tfjs loop over the same model and batches (measured side by side).
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useNodeBackend, type NodeBackend } from '../src/cli/nodeBackend';
import { defaultConfig } from '../src/core/config/defaults';
import { experimentConfig } from '../src/core/config/schema';
import { hostBatch, oneHot, range } from '../src/core/data/batches';
import { loadDataset } from '../src/core/data/load';
import type { Dataset } from '../src/core/data/types';
import { crossEntropy } from '../src/core/methods/losses';
import { buildModel } from '../src/core/nn/build';
import { disableSimdKernels } from '../src/core/nn/wasm/module';
import { inputInfo, runExperiment } from '../src/core/train/trainer';
import { stream } from '../src/core/rng';

export interface NodeBenchResult {
  backend: NodeBackend;
  steps: number;
  bareImgPerSec: number;
  trainerImgPerSec: number;
  ratio: number;
}

async function loadMnist(): Promise<Dataset> {
  const cfg = defaultConfig();
  return loadDataset(cfg.data, cfg.seed, async (f) => new Uint8Array(await readFile(join('public', 'data', f))));
}

/** The bare loop: same model builder, same host batches, optimizer.minimize on plain cross-entropy. */
async function bareLoop(data: Dataset, steps: number, warmup: number): Promise<number> {
  const cfg = defaultConfig();
  const B = cfg.batchSize;
  const model = buildModel(cfg.student.model, inputInfo(data), stream(cfg.seed, 'init', 'bare'));
  const opt = tf.train.adam(cfg.optimizer.lr);
  const order = range(data.train.count);
  let t0 = 0;
  for (let s = 0; s < warmup + steps; s++) {
    if (s === warmup) t0 = performance.now();
    const b = hostBatch(data.train, order, (s * B) % (data.train.count - B), B, data);
    const loss = opt.minimize(
      () => {
        const x = tf.tensor4d(b.x, [B, data.height, data.width, data.channels]);
        const y = tf.tensor2d(oneHot(b.y, 10), [B, 10]);
        return crossEntropy(y, model.apply(x, { dropout: false, bnTraining: true }));
      },
      true,
      model.trainable,
    )!;
    if ((s + 1) % 5 === 0) await loss.data(); // same read cadence as the trainer
    loss.dispose();
  }
  const ips = (steps * B) / ((performance.now() - t0) / 1000);
  opt.dispose();
  model.dispose();
  return ips;
}

/** The real trainer, student alone (no teacher), timed over the training steps only (no evaluation). */
async function trainerLoop(data: Dataset, steps: number, warmup: number): Promise<number> {
  const base = defaultConfig();
  const cfg = experimentConfig.parse({
    ...base,
    students: [{ method: 'student-alone' }],
    student: { ...base.student, epochs: 1 },
    schedule: 'constant',
  });
  const stamps: number[] = [];
  const out = await runExperiment(cfg, data, {
    maxStepsPerEpoch: warmup + steps,
    sampleEvery: 5,
    listener: { onStep: (s) => stamps.push(performance.now(), s.step) },
  });
  for (const m of out.models.values()) m.dispose();
  // stamps: [time, step, time, step, ...] at every 5th step; time from the first sample past warmup.
  const pts: [number, number][] = [];
  for (let i = 0; i < stamps.length; i += 2) pts.push([stamps[i], stamps[i + 1]]);
  const first = pts.find(([, s]) => s >= warmup)!;
  const last = pts.at(-1)!;
  return ((last[1] - first[1]) * cfg.batchSize) / ((last[0] - first[0]) / 1000);
}

export async function benchNode(backends: NodeBackend[], steps = 60, warmup = 10): Promise<NodeBenchResult[]> {
  const out: NodeBenchResult[] = [];
  for (const backend of backends) {
    await useNodeBackend(backend);
    const data = await loadMnist();
    const n = backend === 'cpu' ? Math.max(10, Math.round(steps / 6)) : steps;
    // Interleave bare / trainer twice and keep the best of each, so drift hits both alike.
    const bare = Math.max(await bareLoop(data, n, warmup), await bareLoop(data, n, warmup));
    const trainer = Math.max(await trainerLoop(data, n, warmup), await trainerLoop(data, n, warmup));
    out.push({ backend, steps: n, bareImgPerSec: bare, trainerImgPerSec: trainer, ratio: trainer / bare });
  }
  return out;
}

/**
 * The trainer on WASM with the SIMD kernels (src/core/nn/wasm/) on and off, alternated `rounds` times (best of
 * each), so the speed-up is measured side by side.
 */
export async function benchSimdNode(steps = 60, warmup = 10, rounds = 2): Promise<{ on: number; off: number }> {
  await useNodeBackend('wasm');
  const data = await loadMnist();
  let on = 0;
  let off = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      disableSimdKernels(false);
      on = Math.max(on, await trainerLoop(data, steps, warmup));
      disableSimdKernels(true);
      off = Math.max(off, await trainerLoop(data, steps, warmup));
    }
  } finally {
    disableSimdKernels(false);
  }
  return { on, off };
}

export interface AttackBenchResult {
  backend: NodeBackend;
  /** Attacked images per second (PGD-20, one model). */
  pgdImgPerSec: number;
  images: number;
}

/** PGD-20 throughput on the default student (untrained: speed does not depend on the weights). */
export async function benchAttackNode(backends: NodeBackend[], images = 200): Promise<AttackBenchResult[]> {
  const { robustAccuracy, pgdOf, evalSubset } = await import('../src/core/attacks');
  const out: AttackBenchResult[] = [];
  for (const backend of backends) {
    await useNodeBackend(backend);
    const data = await loadMnist();
    const cfg = defaultConfig();
    const model = buildModel(cfg.student.model, inputInfo(data), stream(1, 'init', 'attack-bench'));
    const n = backend === 'cpu' ? Math.round(images / 4) : images;
    const subset = evalSubset(data.test, n, 1);
    await robustAccuracy({ m: model }, data, data.test, subset.slice(0, 20), pgdOf(cfg.attack)); // warm-up
    const t0 = performance.now();
    await robustAccuracy({ m: model }, data, data.test, subset, pgdOf(cfg.attack));
    out.push({ backend, pgdImgPerSec: n / ((performance.now() - t0) / 1000), images: n });
    model.dispose();
  }
  return out;
}
